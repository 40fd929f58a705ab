import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort, traversableByOthers } from './embedded-postgres.ts';

const reach = suite('traversableByOthers');

reach('says whether every folder above a path lets other users through', () => {
  const open = mkdtempSync(join(tmpdir(), 'qm-open-'));
  chmodSync(open, 0o755);
  mkdirSync(join(open, 'data'));
  assert.ok(traversableByOthers(join(open, 'data', 'postgres')));
  chmodSync(open, 0o700);
  assert.not.ok(traversableByOthers(join(open, 'data', 'postgres')));
});

reach.run();

const ports = suite('freePort');

ports('finds a port nothing listens on', async () => {
  const port = await freePort();
  assert.ok(port > 0 && port < 65536);
});

ports.run();
