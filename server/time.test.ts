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

days('turns to the next day at the local midnight, also right after an answer for the minute before', () => {
  // Asia/Kolkata is UTC+05:30: its midnight is at hh:30 UTC.
  assert.is(localDate('Asia/Kolkata', new Date('2026-03-01T18:29:59.999Z')), '2026-03-01');
  assert.is(localDate('Asia/Kolkata', new Date('2026-03-01T18:30:00.000Z')), '2026-03-02');
  assert.is(localDate('Asia/Kolkata', new Date('2026-03-01T18:29:30.000Z')), '2026-03-01'); // back in time: asked again
  // Asia/Kathmandu is UTC+05:45.
  assert.is(localDate('Asia/Kathmandu', new Date('2026-03-01T18:14:59.000Z')), '2026-03-01');
  assert.is(localDate('Asia/Kathmandu', new Date('2026-03-01T18:15:00.000Z')), '2026-03-02');
});

days('falls back to UTC for an unknown zone', () => {
  const at = new Date('2026-12-31T23:30:00Z');
  assert.is(localDate('Not/AZone', at), '2026-12-31');
  assert.is(localDate('Not/AZone', at), '2026-12-31');
});

days.run();
