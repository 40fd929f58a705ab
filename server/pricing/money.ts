// Integer money and the one rounding the pricing spec allows.
// Inputs are decimals (percentages like 8.25, quantities like 14.57) that
// binary floating point cannot always hold exactly, so a product that should
// land on a tie (x.5) or on an integer can come out a few ulps short. Values
// within TIE_TOLERANCE_ULPS of such a point are treated as that point; with
// decimal inputs that is what exact arithmetic would give.
// See docs/decisions/0002-rounding.md.

const RELATIVE_TOLERANCE = 2 ** -50; // about 4 ulps

function tolerance(magnitude: number): number {
  return (magnitude < 1 ? 1 : magnitude) * RELATIVE_TOLERANCE;
}

/** `round(x)` of the spec: half away from zero (1.5 → 2, 2.5 → 3, −1.5 → −2). */
export function roundHalfAwayFromZero(x: number): number {
  const magnitude = Math.abs(x);
  const whole = Math.floor(magnitude);
  const rounded = magnitude - whole >= 0.5 - tolerance(magnitude) ? whole + 1 : whole;
  return x < 0 ? -rounded || 0 : rounded;
}

function snapToInteger(x: number): number {
  const nearest = Math.round(x);
  return Math.abs(x - nearest) <= tolerance(Math.abs(x)) ? nearest : x;
}

/** `floor(x)`, immune to float noise just below an integer. */
export function floorExact(x: number): number {
  return Math.floor(snapToInteger(x));
}

/** `ceil(x)`, immune to float noise just above an integer. */
export function ceilExact(x: number): number {
  return Math.ceil(snapToInteger(x));
}

/** `round(amount × percent / 100)`. */
export function percentOf(amount: number, percent: number): number {
  return roundHalfAwayFromZero((amount * percent) / 100);
}

/** The nearest multiple of `step`, ties away from zero. */
export function roundToStep(amount: number, step: number): number {
  return roundHalfAwayFromZero(amount / step) * step;
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
