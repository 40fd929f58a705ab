// Integer money and the one rounding the pricing spec allows.
// Percentages (at most 6 decimals) are applied in exact integer arithmetic.
// Quantities are decimals that binary floating point cannot always hold, so a
// product that should land on a tie (x.5) can come out a few ulps short; such
// values count as the tie, which is what exact decimal arithmetic gives.
// See docs/decisions/0002-rounding.md.

// 2 ulps: a product of two decimals carries at most about 1.5 ulps of error,
// and a decimal of up to 15 significant digits that is not a tie lies
// further than 2 ulps from one.
const RELATIVE_TOLERANCE = 2 ** -51;
// Beyond 2^40 (about 1.1e12, past any amount we hold) the tolerance stops
// growing, so it never swallows a real fraction (at 2^49 it would be 0.5).
const TOLERANCE_CAP = 2 ** 40;

function tolerance(magnitude: number): number {
  return (magnitude < 1 ? 1 : magnitude > TOLERANCE_CAP ? TOLERANCE_CAP : magnitude) * RELATIVE_TOLERANCE;
}

/** `round(x)` of the spec: half away from zero (1.5 → 2, 2.5 → 3, −1.5 → −2). */
export function roundHalfAwayFromZero(x: number): number {
  const magnitude = Math.abs(x);
  const whole = Math.floor(magnitude);
  const rounded = magnitude - whole >= 0.5 - tolerance(magnitude) ? whole + 1 : whole;
  return x < 0 ? -rounded || 0 : rounded;
}

/** Percentages are held as integers of millionths of a percent. */
export const PERCENT_SCALE = 1_000_000;
const HUNDRED_PERCENT = 100 * PERCENT_SCALE;

/** A percentage with at most 6 decimals as an exact integer (8.25 → 8250000). */
export function percentUnits(percent: number): number {
  return Math.round(percent * PERCENT_SCALE);
}

/** Whether a percentage has at most 6 decimals, so percentUnits holds it exactly. */
export function hasPercentPrecision(percent: number): boolean {
  const scaled = percent * PERCENT_SCALE;
  return Math.abs(scaled - Math.round(scaled)) <= tolerance(Math.abs(scaled));
}

type Rounding = 'round' | 'floor' | 'ceil';

/** `a × b / d` for integers a, b and d > 0, rounded as asked, exactly (BigInt when a × b leaves the safe range). */
export function mulDiv(a: number, b: number, d: number, mode: Rounding): number {
  const n = a * b;
  if (Number.isSafeInteger(n)) {
    const r = n % d;
    const q = (n - r) / d;
    return adjust(q, r, d, n < 0, mode) || 0;
  }
  const bn = BigInt(a) * BigInt(b);
  const bd = BigInt(d);
  const r = bn % bd;
  const q = Number((bn - r) / bd);
  const half = 2n * (r < 0n ? -r : r) >= bd ? 1 : -1;
  return adjustBig(q, r === 0n, half, bn < 0n, mode) || 0;
}

function adjust(q: number, r: number, d: number, negative: boolean, mode: Rounding): number {
  if (r === 0) return q;
  if (mode === 'floor') return negative ? q - 1 : q;
  if (mode === 'ceil') return negative ? q : q + 1;
  return 2 * Math.abs(r) >= d ? q + (negative ? -1 : 1) : q;
}

function adjustBig(q: number, exact: boolean, half: number, negative: boolean, mode: Rounding): number {
  if (exact) return q;
  if (mode === 'floor') return negative ? q - 1 : q;
  if (mode === 'ceil') return negative ? q : q + 1;
  return half > 0 ? q + (negative ? -1 : 1) : q;
}

/** `round(amount × percent / 100)`, exact, for a percentage given in percentUnits. */
export function percentOf(amount: number, units: number): number {
  return mulDiv(amount, units, HUNDRED_PERCENT, 'round');
}

/** `round(amount / (1 + percent / 100))`: the net part of an amount that includes `percent` (in percentUnits). */
export function excludingPercent(amount: number, units: number): number {
  return mulDiv(amount, HUNDRED_PERCENT, HUNDRED_PERCENT + units, 'round');
}

/** `floor` or `ceil` of `amount × (100 + percent) / 100 / step`, times `step`: a range bound (percent in percentUnits, may be negative). */
export function scaledToStep(amount: number, units: number, step: number, mode: 'floor' | 'ceil'): number {
  return mulDiv(amount, HUNDRED_PERCENT + units, HUNDRED_PERCENT * step, mode) * step;
}

/** The nearest multiple of `step`, ties away from zero (integers, exact). */
export function roundToStep(amount: number, step: number): number {
  return mulDiv(amount, 1, step, 'round') * step;
}

const supportedCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an ISO 4217 currency code this runtime knows. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && supportedCurrencies.has(code);
}

const exponents = new Map<string, number>();

/** Digits of the currency's minor unit (USD 2, JPY 0, BHD 3), from ISO 4217 via Intl. */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** Formats an amount in minor units for people, e.g. `formatMoney(35200, 'USD', 'en-US')` → "$352.00". */
export function formatMoney(minorUnits: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minorUnits / 10 ** exponent);
}
