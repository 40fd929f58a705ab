import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTenantJsonSchema } from './tenant-json-schema.ts';

const script = join(import.meta.dirname, 'write-json-schema.ts');

const write = suite('write-json-schema script');

write('writes the rendered schema to the path it is given and says where', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'qm-schema-')), 'tenant.schema.json');
  const { stdout } = await promisify(execFile)(process.execPath, [script, out]);
  assert.is(readFileSync(out, 'utf8'), renderTenantJsonSchema());
  assert.match(stdout, /^wrote .*tenant\.schema\.json\n$/);
});

write.run();
