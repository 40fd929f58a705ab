/** `Q-2026-000123`: per tenant and year, six digits at least. */
export function formatQuoteNumber(year: number, sequence: number): string {
  return `Q-${year}-${String(sequence).padStart(6, '0')}`;
}
