// `npm run worker` as a process: it refuses to start without its own
// database (the embedded one belongs to `npm start`) or with a bad
// environment, and says why.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnWorker } from '../helpers/notify.ts';

const process_ = suite('npm run worker');

process_('refuses to start without DATABASE_URL', async () => {
  const worker = spawnWorker({ NODE_ENV: 'test' });
  assert.is(await worker.exited, 1);
  assert.match(worker.output(), 'npm run worker needs DATABASE_URL');
});

process_('refuses to send production mail to the local mailbox', async () => {
  const worker = spawnWorker({ NODE_ENV: 'production', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', PUBLIC_URL: 'https://q.example.com', APP_SECRET: 'x'.repeat(32), OUTBOX_WORKER: 'false' });
  assert.is(await worker.exited, 1);
  assert.match(worker.output(), 'npm run worker needs SMTP_URL in production');
});

process_('refuses a bad environment, naming the variable', async () => {
  const worker = spawnWorker({ NODE_ENV: 'test', OUTBOX_LEASE_MS: '5' });
  assert.is(await worker.exited, 1);
  assert.match(worker.output(), 'OUTBOX_LEASE_MS');
});

process_('says so when the database cannot be reached', async () => {
  const worker = spawnWorker({ NODE_ENV: 'test', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', LOG_LEVEL: 'fatal', APP_SECRET: 'x'.repeat(32) });
  assert.is(await worker.exited, 1);
});

process_.run();
