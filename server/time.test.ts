import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { localDate, yearOf } from './time.ts';

const days = suite('localDate / yearOf');

days('gives the calendar day in the time zone', () => {
  const at = new Date('2026-12-31T23:30:00Z');
  assert.is(localDate('UTC', at), '2026-12-31');
  assert.is(localDate('Europe/Berlin', at), '2027-01-01');
  assert.is(localDate('America/Chicago', at), '2026-12-31');
  assert.is(yearOf(localDate('Europe/Berlin', at)), 2027);
  assert.is(localDate('Europe/Berlin', at), '2027-01-01'); // from the cached format
});

days('falls back to UTC for an unknown zone', () => {
  const at = new Date('2026-12-31T23:30:00Z');
  assert.is(localDate('Not/AZone', at), '2026-12-31');
  assert.is(localDate('Not/AZone', at), '2026-12-31');
});

days.run();
