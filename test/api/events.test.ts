// Analytics events: widget loads and estimates are buffered and written in
// batches; quote events are written with the quote (see quote-page.test.ts).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { query } from '../helpers/test-database.ts';
import { PAINTER_KEY, postJson, startTestServer } from '../helpers/test-server.ts';

const events = suite('analytics events');

events('records config_loaded and estimate_computed for the right tenant within a second or so', async () => {
  const app = await startTestServer();
  try {
    await app.call(`/v1/widget/${PAINTER_KEY}/config`);
    await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 2 } }));
    await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 3 } }));
    await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 99 } })); // refused: not an estimate
    let rows: Array<{ type: string; service_key: string | null; slug: string; total: number | null }> = [];
    for (let i = 0; i < 30 && rows.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = await query(
        app.database.url,
        "SELECT e.type, e.service_key, t.slug, (e.data->>'total')::int AS total FROM events e JOIN tenants t ON t.id = e.tenant_id ORDER BY e.id",
      );
    }
    assert.equal(rows, [
      { type: 'config_loaded', service_key: null, slug: 'brightside-painting', total: null },
      { type: 'estimate_computed', service_key: 'interior-painting', slug: 'brightside-painting', total: 39900 },
      { type: 'estimate_computed', service_key: 'interior-painting', slug: 'brightside-painting', total: 57300 },
    ]);
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
    const [row] = await query<{ n: string }>(url, "SELECT count(*) AS n FROM events WHERE type = 'config_loaded'");
    assert.is(Number(row?.n), 1);
  } finally {
    await database.drop();
  }
});

events.run();
