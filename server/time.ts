// Calendar days in a tenant's time zone: discount codes are valid by the
// tenant's date, and quote numbers carry the tenant's year.

/** The local calendar day in `timeZone` as YYYY-MM-DD (UTC when the zone is unknown). */
export function localDate(timeZone: string | undefined, at: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

/** The local year in `timeZone`. */
export function localYear(timeZone: string | undefined, at: Date = new Date()): number {
  return Number(localDate(timeZone, at).slice(0, 4));
}
