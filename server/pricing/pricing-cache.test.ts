import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidServiceError } from './errors.ts';
import { createPricingCache } from './pricing-cache.ts';
import { specExampleService } from './testing/services.ts';

const cache = suite('createPricingCache');

cache('compiles once per tenant, service and version', () => {
  const pricing = createPricingCache();
  let loads = 0;
  const load = (): unknown => {
    loads += 1;
    return specExampleService();
  };
  const first = pricing.get('tenant-a', 'interior-painting', 3, load);
  const again = pricing.get('tenant-a', 'interior-painting', 3, load);
  assert.is(first, again);
  assert.is(loads, 1);
  assert.is(first.version, 3);
  assert.is(first.price({ rooms: 2, size: 'small' }).pricingVersion, 3);

  const next = pricing.get('tenant-a', 'interior-painting', 4, load);
  const other = pricing.get('tenant-b', 'interior-painting', 3, load);
  assert.is.not(next, first);
  assert.is.not(other, first);
  assert.is(loads, 3);
  assert.is(pricing.size, 3);
});

cache('keeps at most `max` entries, dropping the least recently used', () => {
  const pricing = createPricingCache({ max: 2 });
  let loads = 0;
  const load = (): unknown => {
    loads += 1;
    return specExampleService();
  };
  pricing.get('t', 's', 1, load);
  pricing.get('t', 's', 2, load);
  pricing.get('t', 's', 1, load); // 1 is now the most recent
  pricing.get('t', 's', 3, load); // evicts 2
  assert.is(pricing.size, 2);
  assert.is(loads, 3);
  pricing.get('t', 's', 1, load);
  assert.is(loads, 3);
  pricing.get('t', 's', 2, load);
  assert.is(loads, 4);
});

cache('refuses an invalid configuration and caches nothing for it', () => {
  const pricing = createPricingCache();
  assert.throws(() => pricing.get('t', 's', 1, () => ({ key: 's' })), (e: unknown) => e instanceof InvalidServiceError);
  assert.is(pricing.size, 0);
});

cache.run();
