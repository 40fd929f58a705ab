// Minor units → the visitor's text, with the currency's own fraction digits
// (USD 2, JPY 0, KWD 3) taken from Intl rather than assumed.

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats an amount in minor units, e.g. formatMoney(31300, 'en-US', 'USD') → "$313.00". */
export function formatMoney(minor: number, locale: string, currency: string): string {
  const id = `${locale}|${currency}`;
  let format = formatters.get(id);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(id, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
