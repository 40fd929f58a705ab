import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as pricing from './index.ts';
import { specExampleService } from './testing/services.ts';

const publicFace = suite('pricing/index');

publicFace('exports exactly the engine\'s public functions and errors', () => {
  assert.equal(Object.keys(pricing).sort(), [
    'InvalidFieldError',
    'InvalidServiceError',
    'PricingRuleError',
    'PricingTestsFailedError',
    'UnknownServiceError',
    'assertServiceTestsPass',
    'compileService',
    'createPricingCache',
    'currencyExponent',
    'formatMoney',
    'isCurrencyCode',
    'loadService',
    'roundHalfAwayFromZero',
    'runServiceTests',
    'validateService',
  ]);
});

publicFace('validates, compiles and prices through the public face alone', () => {
  const validation = pricing.validateService(specExampleService());
  assert.ok(validation.ok);
  if (!validation.ok) return;
  const service = pricing.compileService(validation.service, 2);
  assert.is(service.price({ rooms: 2, size: 'small' }).total, 31300);
  assert.is(new pricing.UnknownServiceError('x').code, 'unknown_service');
});

publicFace.run();
