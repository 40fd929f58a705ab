// `npm run bench:pricing`: our pricing engine against json-rules-engine on the
// same 10-rule interior-painting service. Both must give the same totals on
// every benchmark input before anything is timed (exit 1 if not). Prints a
// table, then as the last line one JSON object:
// {"engine_per_s", "peer_per_s", "ratio", "engine_p99_us"}.
// Bounded: about 10 s in all.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Engine, type RuleProperties } from 'json-rules-engine';
import { loadService, type PriceOptions, type ServiceConfig } from '../../server/pricing/index.ts';

const TODAY = '2026-11-27';
const INPUT_COUNT = 256;
const CHECKED_INPUTS = INPUT_COUNT; // every benchmark input is checked, ≥ 20 required
const THROUGHPUT_MS = 2000; // per engine, split into rounds
const THROUGHPUT_ROUNDS = 8;
const ENGINE_LATENCY_SAMPLES = 200_000;
const PEER_LATENCY_SAMPLES = 20_000;
const ENGINE_WARMUP = 100_000;
const PEER_WARMUP = 5_000;

// ---------------------------------------------------------------------------
// The service, format 1 of pricing.md. Rules: 5 lines (call-out, rooms with a
// size-dependent rate, ceilings, graduated prep area, furniture moving),
// 3 adjustments (rush %, weekend amount, loyalty −%), discount codes, minimum;
// then exclusive tax, rounding to $1 and a range.
// ---------------------------------------------------------------------------
const PREP_TIERS = [
  { upTo: 200, unitAmount: 150 },
  { upTo: 1000, unitAmount: 115 },
  { upTo: null, unitAmount: 90 },
];

const service = {
  key: 'interior-painting-plus',
  name: 'Interior painting',
  currency: 'USD',
  fields: [
    { key: 'rooms', type: 'number', label: 'Rooms', min: 1, max: 30, step: 1, default: 1, required: true },
    {
      key: 'size', type: 'select', label: 'Room size', default: 'medium',
      options: [ { value: 'small', label: 'Small' }, { value: 'medium', label: 'Medium' }, { value: 'large', label: 'Large' } ],
    },
    { key: 'ceilings', type: 'boolean', label: 'Ceilings too', default: false },
    { key: 'area', type: 'area', label: 'Walls needing prep', unit: 'sqft', min: 0, max: 5000, step: 0.5, default: 0 },
    {
      key: 'timing', type: 'select', label: 'When', default: 'flexible',
      options: [ { value: 'flexible', label: 'Flexible' }, { value: 'rush', label: 'Within a week' }, { value: 'weekend', label: 'Weekend' } ],
    },
    { key: 'returning', type: 'boolean', label: 'Returning customer', default: false },
  ],
  pricing: {
    lines: [
      { id: 'callout', label: 'Call-out fee', amount: 4900 },
      {
        id: 'rooms', label: 'Painting', unit: 'room', quantity: { var: 'rooms' },
        unitAmount: { if: [ { '==': [ { var: 'size' }, 'small' ] }, 12000, { '==': [ { var: 'size' }, 'large' ] }, 22000, 16000 ] },
      },
      { id: 'ceilings', label: 'Ceilings', when: { var: 'ceilings' }, quantity: { var: 'rooms' }, unitAmount: 6000 },
      { id: 'prep', label: 'Wall prep', unit: 'sqft', quantity: { var: 'area' }, tiers: PREP_TIERS, tierMode: 'graduated' },
      { id: 'furniture', label: 'Furniture moving', when: { '>=': [ { var: 'rooms' }, 4 ] }, amount: 7500 },
    ],
    adjustments: [
      { id: 'rush', label: 'Rush', when: { '==': [ { var: 'timing' }, 'rush' ] }, percent: 25 },
      { id: 'weekend', label: 'Weekend work', when: { '==': [ { var: 'timing' }, 'weekend' ] }, amount: 6000 },
      { id: 'loyalty', label: 'Returning customer', when: { var: 'returning' }, percent: -5 },
    ],
    discountCodes: [
      { code: 'SPRING10', percent: 10, validUntil: '2027-06-30' },
      { code: 'WELCOME25', amount: 2500 },
      { code: 'OLD5', percent: 5, validUntil: '2025-12-31' },
    ],
    minimum: { amount: 15000, label: 'Minimum job charge' },
    tax: { label: 'Sales tax', ratePercent: 8.25, inclusive: false },
    rounding: { step: 100 },
    range: { belowPercent: 10, abovePercent: 15 },
  },
} satisfies ServiceConfig;

const DEFAULTS = { rooms: 1, size: 'medium', ceilings: false, area: 0, timing: 'flexible', returning: false };
const MINIMUM = 15000;
const TAX_PERCENT = 8.25;
const ROUNDING_STEP = 100;
const RANGE = { belowPercent: 10, abovePercent: 15 };

// ---------------------------------------------------------------------------
// The same rules in json-rules-engine: conditions decide, event params carry
// the numbers, plain JS around the events does the arithmetic of pricing.md.
// ---------------------------------------------------------------------------
const isoDay = (date: string): number => Number(date.replaceAll('-', ''));
const fact = (name: string, operator: string, value: unknown) => ({ fact: name, operator, value });
const peerRules: RuleProperties[] = [
  { name: 'callout', conditions: { all: [] }, event: { type: 'line', params: { amount: 4900 } } },
  { name: 'rooms-small', conditions: { all: [fact('size', 'equal', 'small')] }, event: { type: 'line', params: { quantity: 'rooms', unitAmount: 12000 } } },
  { name: 'rooms-medium', conditions: { all: [fact('size', 'equal', 'medium')] }, event: { type: 'line', params: { quantity: 'rooms', unitAmount: 16000 } } },
  { name: 'rooms-large', conditions: { all: [fact('size', 'equal', 'large')] }, event: { type: 'line', params: { quantity: 'rooms', unitAmount: 22000 } } },
  { name: 'ceilings', conditions: { all: [fact('ceilings', 'equal', true)] }, event: { type: 'line', params: { quantity: 'rooms', unitAmount: 6000 } } },
  { name: 'prep', conditions: { all: [fact('area', 'greaterThan', 0)] }, event: { type: 'tiered', params: { quantity: 'area', tiers: PREP_TIERS } } },
  { name: 'furniture', conditions: { all: [fact('rooms', 'greaterThanInclusive', 4)] }, event: { type: 'line', params: { amount: 7500 } } },
  { name: 'rush', conditions: { all: [fact('timing', 'equal', 'rush')] }, event: { type: 'adjustment', params: { percent: 25 } } },
  { name: 'weekend', conditions: { all: [fact('timing', 'equal', 'weekend')] }, event: { type: 'adjustment', params: { amount: 6000 } } },
  { name: 'loyalty', conditions: { all: [fact('returning', 'equal', true)] }, event: { type: 'adjustment', params: { percent: -5 } } },
  {
    name: 'code-SPRING10',
    conditions: { all: [fact('code', 'equal', 'SPRING10'), fact('today', 'lessThanInclusive', isoDay('2027-06-30'))] },
    event: { type: 'discount', params: { percent: 10 } },
  },
  { name: 'code-WELCOME25', conditions: { all: [fact('code', 'equal', 'WELCOME25')] }, event: { type: 'discount', params: { amount: 2500 } } },
  {
    name: 'code-OLD5',
    conditions: { all: [fact('code', 'equal', 'OLD5'), fact('today', 'lessThanInclusive', isoDay('2025-12-31'))] },
    event: { type: 'discount', params: { percent: 5 } },
  },
];

const peer = new Engine();
for (const rule of peerRules) peer.addRule(rule);

/** Round half away from zero. */
const round = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

interface Totals {
  subtotal: number;
  total: number;
  low: number;
  high: number;
}

interface Input {
  fields: Record<string, unknown>;
  options: PriceOptions;
}

async function peerPrice(input: Input): Promise<Totals> {
  const code = input.options.discountCode ? input.options.discountCode.trim().toUpperCase() : '';
  const facts: Record<string, unknown> = { ...DEFAULTS, ...input.fields, code, today: isoDay(input.options.today ?? TODAY) };
  const { events } = await peer.run(facts);
  let subtotal = 0;
  const adjustments: Record<string, unknown>[] = [];
  let discount: Record<string, unknown> | null = null;
  for (const event of events) {
    const p = event.params ?? {};
    if (event.type === 'line') {
      subtotal += typeof p.amount === 'number' ? p.amount : round((facts[p.quantity] as number) * p.unitAmount);
    } else if (event.type === 'tiered') {
      const q = facts[p.quantity] as number;
      let exact = 0;
      let from = 0;
      for (const tier of p.tiers as typeof PREP_TIERS) {
        const upTo = tier.upTo === null ? q : Math.min(q, tier.upTo);
        if (upTo <= from) break;
        exact += (upTo - from) * tier.unitAmount;
        from = upTo;
      }
      subtotal += round(exact);
    } else if (event.type === 'adjustment') {
      adjustments.push(p);
    } else if (event.type === 'discount') {
      discount = p;
    }
  }
  let running = subtotal;
  for (const a of adjustments) running += typeof a.percent === 'number' ? round((subtotal * a.percent) / 100) : (a.amount as number);
  if (discount !== null) {
    const base = Math.max(running, 0);
    const wanted = typeof discount.percent === 'number' ? round((base * discount.percent) / 100) : (discount.amount as number);
    running -= Math.min(wanted, base);
  }
  const net = Math.max(running, MINIMUM);
  const gross = net + round((net * TAX_PERCENT) / 100);
  const total = round(gross / ROUNDING_STEP) * ROUNDING_STEP;
  return {
    subtotal,
    total,
    low: Math.floor((total * (100 - RANGE.belowPercent)) / (100 * ROUNDING_STEP)) * ROUNDING_STEP,
    high: Math.ceil((total * (100 + RANGE.abovePercent)) / (100 * ROUNDING_STEP)) * ROUNDING_STEP,
  };
}

// ---------------------------------------------------------------------------
// Inputs: deterministic and varied; some leave fields out to use defaults.
// ---------------------------------------------------------------------------
function makeInputs(count: number): Input[] {
  let seed = 0x5eed;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const codes = [undefined, undefined, 'spring10', 'SPRING10', ' Welcome25 ', 'OLD5', 'NOPE'];
  const inputs: Input[] = [];
  for (let i = 0; i < count; i++) {
    const fields: Record<string, unknown> = { rooms: random() < 0.3 ? 1 + Math.floor(random() * 3) : 1 + Math.floor(random() * 30) };
    if (random() < 0.8) fields.size = pick(['small', 'medium', 'large']);
    if (random() < 0.6) fields.ceilings = random() < 0.5;
    if (random() < 0.7) fields.area = pick([0, 80, 200, 350.5, 999.5, 1000, 2400.5, Math.floor(random() * 10000) / 2]);
    if (random() < 0.7) fields.timing = pick(['flexible', 'rush', 'weekend']);
    if (random() < 0.5) fields.returning = random() < 0.5;
    inputs.push({ fields, options: { discountCode: pick(codes), today: TODAY } });
  }
  // A few hand-picked edges: the smallest job (minimum applies), the largest, a fixed code on a small job.
  inputs[0] = { fields: { rooms: 1, size: 'small', returning: true }, options: { discountCode: 'SPRING10', today: TODAY } };
  inputs[1] = { fields: { rooms: 30, size: 'large', ceilings: true, area: 5000, timing: 'rush' }, options: { today: TODAY } };
  inputs[2] = { fields: { rooms: 1 }, options: { discountCode: 'welcome25', today: TODAY } };
  inputs[3] = { fields: { rooms: 1, size: 'small', returning: true }, options: { discountCode: 'Welcome25', today: TODAY } };
  inputs[4] = { fields: { rooms: 1, size: 'small', area: 0.5, timing: 'flexible' }, options: { discountCode: 'OLD5', today: TODAY } };
  inputs[5] = { fields: { rooms: 2, size: 'small', timing: 'rush' }, options: { discountCode: 'spring10', today: TODAY } };
  return inputs;
}

const engineService = loadService(service, 1);
const inputs = makeInputs(INPUT_COUNT);
const mask = INPUT_COUNT - 1;

// ---------------------------------------------------------------------------
// 1. Same answers, or no benchmark.
// ---------------------------------------------------------------------------
let mismatches = 0;
let minimumHits = 0;
for (const input of inputs.slice(0, CHECKED_INPUTS)) {
  const ours = engineService.price(input.fields, input.options);
  const theirs = await peerPrice(input);
  if (ours.adjustments.some((a) => a.kind === 'minimum')) minimumHits += 1;
  const same = ours.subtotal === theirs.subtotal && ours.total === theirs.total && ours.range?.low === theirs.low && ours.range?.high === theirs.high;
  if (!same) {
    mismatches += 1;
    if (mismatches <= 10) {
      console.error(`MISMATCH ${JSON.stringify(input)}: engine ${JSON.stringify({ subtotal: ours.subtotal, total: ours.total, range: ours.range })}, peer ${JSON.stringify(theirs)}`);
    }
  }
}
if (mismatches > 0 || CHECKED_INPUTS < 20) {
  console.error(`${mismatches} of ${CHECKED_INPUTS} inputs priced differently by the two engines; not benchmarking`);
  process.exit(1);
}

// ---------------------------------------------------------------------------
// 2. Measurement helpers.
// ---------------------------------------------------------------------------
let sink = 0; // keeps results alive so nothing is optimised away
let peakHeap = 0;
const sampleHeap = (): void => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};

const engineCall = (i: number): void => {
  const input = inputs[i & mask] as Input;
  sink += engineService.price(input.fields, input.options).total;
};
const peerCall = async (i: number): Promise<void> => {
  sink += (await peerPrice(inputs[i & mask] as Input)).total;
};

interface Throughput {
  calls: number;
  seconds: number;
  /** Median of the rounds' rates. */
  perSecond: number;
  /** Slowest and fastest round. */
  low: number;
  high: number;
}

/** Calls in one window of `ms`, reading the clock every `batch` calls. */
function windowSync(call: (i: number) => void, batch: number, ms: number, from: number): { calls: number; seconds: number } {
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < batch; k++) call(from + calls++);
    now = performance.now();
  }
  sampleHeap();
  return { calls, seconds: (now - start) / 1000 };
}

async function windowAsync(call: (i: number) => Promise<void>, batch: number, ms: number, from: number): Promise<{ calls: number; seconds: number }> {
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < batch; k++) await call(from + calls++);
    now = performance.now();
  }
  sampleHeap();
  return { calls, seconds: (now - start) / 1000 };
}

function throughputOf(rounds: { calls: number; seconds: number }[]): Throughput {
  const rates = rounds.map((r) => r.calls / r.seconds).sort((a, b) => a - b);
  const middle = rates.length >> 1;
  const median = rates.length % 2 === 1 ? (rates[middle] as number) : ((rates[middle - 1] as number) + (rates[middle] as number)) / 2;
  return {
    calls: rounds.reduce((sum, r) => sum + r.calls, 0),
    seconds: rounds.reduce((sum, r) => sum + r.seconds, 0),
    perSecond: median,
    low: rates[0] as number,
    high: rates[rates.length - 1] as number,
  };
}

interface Latency {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/** Percentiles (µs) of per-call times (ms). */
function summarise(times: Float64Array): Latency {
  times.sort();
  const at = (q: number): number => (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number) * 1000;
  return { samples: times.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: at(1) };
}

function latencySync(call: (i: number) => void, samples: number): Latency {
  const times = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    call(i);
    times[i] = performance.now() - t0;
  }
  sampleHeap();
  return summarise(times);
}

async function latencyAsync(call: (i: number) => Promise<void>, samples: number): Promise<Latency> {
  const times = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await call(i);
    times[i] = performance.now() - t0;
  }
  sampleHeap();
  return summarise(times);
}

// ---------------------------------------------------------------------------
// 3. Warm up, then measure: throughput (fixed window) and single-call latency.
// ---------------------------------------------------------------------------
const started = performance.now();
for (let i = 0; i < ENGINE_WARMUP; i++) engineCall(i);
for (let i = 0; i < PEER_WARMUP; i++) await peerCall(i);

const timerOverhead = latencySync(() => {}, 200_000);
// Throughput: the two engines take turns in short windows, so a burst of
// background load on this small machine hits both alike rather than one.
const engineRounds: { calls: number; seconds: number }[] = [];
const peerRounds: { calls: number; seconds: number }[] = [];
for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
  engineRounds.push(windowSync(engineCall, 256, THROUGHPUT_MS / THROUGHPUT_ROUNDS, round * 10_000_019));
  peerRounds.push(await windowAsync(peerCall, 16, THROUGHPUT_MS / THROUGHPUT_ROUNDS, round * 10_007));
}
const engineThroughput = throughputOf(engineRounds);
const peerThroughput = throughputOf(peerRounds);
const engineLatency = latencySync(engineCall, ENGINE_LATENCY_SAMPLES);
const peerLatency = await latencyAsync(peerCall, PEER_LATENCY_SAMPLES);
const elapsed = (performance.now() - started) / 1000;

// ---------------------------------------------------------------------------
// 4. Report.
// ---------------------------------------------------------------------------
const ratio = engineThroughput.perSecond / peerThroughput.perSecond;
const us = (n: number): string => n.toFixed(2).padStart(9);
const row = (name: string, t: Throughput, l: Latency): string =>
  name.padEnd(26) +
  Math.round(t.perSecond).toLocaleString('en-US').padStart(12) +
  us(l.p50) + us(l.p90) + us(l.p99) + us(l.p999) + us(l.max) +
  l.samples.toLocaleString('en-US').padStart(10);

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
console.log(`Pricing benchmark: ${service.pricing.lines.length} lines + ${service.pricing.adjustments.length} adjustments + code/minimum/tax/rounding/range`);
console.log(`Node ${process.version}, ${availableParallelism()} CPUs, ${INPUT_COUNT} varied inputs (all ${CHECKED_INPUTS} priced identically by both; ${minimumHits} hit the minimum)`);
console.log('');
console.log('engine'.padEnd(26) + 'evals/s'.padStart(12) + 'p50 µs'.padStart(9) + 'p90 µs'.padStart(9) + 'p99 µs'.padStart(9) + 'p99.9 µs'.padStart(9) + 'max µs'.padStart(9) + 'samples'.padStart(10));
console.log(row('ours: service.price()', engineThroughput, engineLatency));
console.log(row('json-rules-engine 7 + JS', peerThroughput, peerLatency));
console.log('');
console.log(`ratio ours / json-rules-engine: ${ratio.toFixed(1)}× (target ≥ 50×, goal 100×); ours p99 ${engineLatency.p99.toFixed(2)} µs (target ≤ 20 µs)`);
console.log(`timer overhead (empty performance.now() pair, included in latencies): p50 ${timerOverhead.p50.toFixed(3)} µs, p99 ${timerOverhead.p99.toFixed(3)} µs`);
const spread = (t: Throughput): string =>
  `${t.calls.toLocaleString('en-US')} calls in ${t.seconds.toFixed(2)} s, rounds ${Math.round(t.low).toLocaleString('en-US')}–${Math.round(t.high).toLocaleString('en-US')}/s`;
console.log(`throughput (median of ${THROUGHPUT_ROUNDS} alternating rounds): ours ${spread(engineThroughput)}; peer ${spread(peerThroughput)}`);
console.log(`memory: peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}, peak heap used (sampled) ${mib(peakHeap)}; measured for ${elapsed.toFixed(1)} s (checksum ${sink})`);
console.log(
  JSON.stringify({
    engine_per_s: Math.round(engineThroughput.perSecond),
    peer_per_s: Math.round(peerThroughput.perSecond),
    ratio: Number(ratio.toFixed(2)),
    engine_p99_us: Number(engineLatency.p99.toFixed(2)),
  }),
);
