// Service configurations for tests and benchmarks. Each call returns a fresh
// copy, so a test may change it freely.
import type { ServiceConfig } from '../service-schema.ts';

/** The service of pricing.md's "A service" section, exactly. */
export function specExampleService(): ServiceConfig {
  return structuredClone({
    key: 'interior-painting',
    name: 'Interior painting',
    currency: 'USD',
    fields: [
      { key: 'rooms', type: 'number', label: 'Rooms', min: 1, max: 30, step: 1, default: 1, required: true },
      {
        key: 'size', type: 'select', label: 'Room size', default: 'medium',
        options: [ { value: 'small', label: 'Small' }, { value: 'medium', label: 'Medium' }, { value: 'large', label: 'Large' } ],
      },
      { key: 'ceilings', type: 'boolean', label: 'Ceilings too', default: false },
      {
        key: 'timing', type: 'select', label: 'When', default: 'flexible',
        options: [ { value: 'flexible', label: 'Flexible' }, { value: 'rush', label: 'Within a week' } ],
      },
    ],
    pricing: {
      lines: [
        { id: 'callout', label: 'Call-out fee', amount: 4900 },
        {
          id: 'rooms', label: 'Painting', unit: 'room', quantity: { var: 'rooms' },
          unitAmount: { if: [ { '==': [ { var: 'size' }, 'small' ] }, 12000, { '==': [ { var: 'size' }, 'large' ] }, 22000, 16000 ] },
        },
        { id: 'ceilings', label: 'Ceilings', when: { var: 'ceilings' }, quantity: { var: 'rooms' }, unitAmount: 6000 },
      ],
      adjustments: [ { id: 'rush', label: 'Rush', when: { '==': [ { var: 'timing' }, 'rush' ] }, percent: 25 } ],
      discountCodes: [ { code: 'SPRING10', percent: 10, validUntil: '2027-06-30' } ],
      minimum: { amount: 15000, label: 'Minimum job charge' },
      tax: { label: 'Sales tax', ratePercent: 8.25, inclusive: false },
      rounding: { step: 100 },
      range: { belowPercent: 10, abovePercent: 15 },
    },
    tests: [ { name: 'two small rooms', fields: { rooms: 2, size: 'small' }, expectTotal: 31300 } ],
  } satisfies ServiceConfig);
}

/** A small service with one number field `n` and the given pricing; for single-rule tests. */
export function serviceWith(pricing: ServiceConfig['pricing'], extra: Partial<ServiceConfig> = {}): ServiceConfig {
  return structuredClone({
    key: 'svc',
    name: 'Service',
    currency: 'USD',
    fields: [
      { key: 'n', type: 'number', label: 'N', min: 0, max: 1000000, default: 1 },
      { key: 'flag', type: 'boolean', label: 'Flag' },
      { key: 'kind', type: 'select', label: 'Kind', default: 'a', options: [ { value: 'a', label: 'A' }, { value: 'b', label: 'B' } ] },
    ],
    pricing,
    ...extra,
  } as ServiceConfig);
}
