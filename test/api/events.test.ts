// Analytics events: widget loads and estimates are counted per minute and the
// counters written in batches; quote events are written with the quote, a row
// each (see quote-page.test.ts).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { query } from '../helpers/test-database.ts';
import { PAINTER_KEY, postJson, startTestServer } from '../helpers/test-server.ts';

const CLEANER_KEY = 'pk_test_glanzwerk';

const events = suite('analytics events');

interface CountRow {
  type: string;
  service_key: string | null;
  slug: string;
  count: number;
  total_sum: number;
}

const COUNTS = `SELECT c.type, c.service_key, t.slug, c.count::int AS count, c.total_sum::int AS total_sum
                FROM event_counts c JOIN tenants t ON t.id = c.tenant_id ORDER BY c.type, t.slug`;

/** The counters once they add up to `events` events (they are written within a second or so). */
async function countsOf(url: string, events: number): Promise<CountRow[]> {
  let rows: CountRow[] = [];
  for (let i = 0; i < 30; i++) {
    rows = await query<CountRow>(url, COUNTS);
    if (rows.reduce((sum, row) => sum + row.count, 0) >= events) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return rows;
}

events('counts config_loaded and estimate_computed for the right tenant and service, summing the totals', async () => {
  const app = await startTestServer();
  try {
    await app.call(`/v1/widget/${PAINTER_KEY}/config`);
    await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 2 } }));
    await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 3 } }));
    await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 99 } })); // refused: not an estimate
    await app.call(`/v1/widget/${CLEANER_KEY}/config`);
    assert.equal(await countsOf(app.database.url, 4), [
      { type: 'config_loaded', service_key: null, slug: 'brightside-painting', count: 1, total_sum: 0 },
      { type: 'config_loaded', service_key: null, slug: 'glanzwerk-reinigung', count: 1, total_sum: 0 },
      { type: 'estimate_computed', service_key: 'interior-painting', slug: 'brightside-painting', count: 2, total_sum: 39900 + 57300 },
    ]);
    // A later batch in the same minute adds to the same counter.
    await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 2 } }));
    const [, , estimates] = await countsOf(app.database.url, 5);
    assert.equal(estimates, { type: 'estimate_computed', service_key: 'interior-painting', slug: 'brightside-painting', count: 3, total_sum: 39900 * 2 + 57300 });
    const quoteEvents = await query(app.database.url, "SELECT 1 FROM events WHERE type IN ('config_loaded', 'estimate_computed')");
    assert.is(quoteEvents.length, 0, 'no row per widget event');
  } finally {
    await app.close();
  }
});

events('flushes what is buffered when the server stops', async () => {
  const app = await startTestServer();
  const url = app.database.url;
  const database = app.database;
  await app.call(`/v1/widget/${PAINTER_KEY}/config`);
  await app.stop();
  try {
    const [row] = await query<{ n: string }>(url, "SELECT count AS n FROM event_counts WHERE type = 'config_loaded'");
    assert.is(Number(row?.n), 1);
  } finally {
    await database.drop();
  }
});

events.run();
