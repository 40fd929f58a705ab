// Calendar days in a tenant's time zone: discount codes are valid by the
// tenant's date, and quote numbers carry the tenant's year.

// Building an Intl.DateTimeFormat costs far more than using one (a third of an
// estimate request's CPU, measured), so there is one per time zone.
const formats = new Map<string, Intl.DateTimeFormat | null>();

function dayFormat(timeZone: string | undefined): Intl.DateTimeFormat | null {
  const key = timeZone ?? '';
  let format = formats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      format = null;
    }
    formats.set(key, format);
  }
  return format;
}

// Formatting is still 8 µs a call, and a submission asks once: the last answer
// is kept per zone for its minute. Every zone in use today is offset from UTC by
// whole minutes, so a local day only begins on a minute of UTC.
const lastDays = new Map<string, { minute: number; day: string }>();

/** The local calendar day in `timeZone` as YYYY-MM-DD (UTC when the zone is unknown). */
export function localDate(timeZone: string | undefined, at: Date = new Date()): string {
  const minute = Math.floor(at.getTime() / 60_000);
  const key = timeZone ?? '';
  const last = lastDays.get(key);
  if (last?.minute === minute) return last.day;
  const day = dayFormat(timeZone)?.format(at) ?? at.toISOString().slice(0, 10);
  lastDays.set(key, { minute, day });
  return day;
}

/** The year of a YYYY-MM-DD day (as localDate answers it). */
export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}
