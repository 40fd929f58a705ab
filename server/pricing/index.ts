// The pricing engine's public face: configuration + field values → breakdown.
// Pure and deterministic; knows nothing of HTTP or the database.
export { loadService, compileService, type CompiledService, type PriceOptions } from './compile-service.ts';
export { validateService, type ServiceValidation } from './validate-service.ts';
export { runServiceTests, assertServiceTestsPass, type TestOutcome } from './run-tests.ts';
export { createPricingCache, type PricingCache } from './pricing-cache.ts';
export { InvalidFieldError, InvalidServiceError, PricingRuleError, PricingTestsFailedError, UnknownServiceError } from './errors.ts';
export { currencyExponent, formatMoney, isCurrencyCode, roundHalfAwayFromZero } from './money.ts';
export type { PricingResult, PricedLine, PricedAdjustment, PricedTax, DiscountRejection } from './result.types.ts';
export type { ServiceConfig, FieldConfig, PricingConfig } from './service-schema.ts';
