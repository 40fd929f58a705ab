import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readJsonFiles } from './json-files.ts';
import { FOLDER, folderWith } from './testing/tenants.ts';

const read = suite('readJsonFiles');

read('reads every *.json by name order, skipping dotfiles, other files and what `skip` names', async () => {
  const dir = folderWith({ 'b.json': { b: 1 }, 'a.json': [1], '.hidden.json': {}, 'c.txt': 'x', 'z.schema.json': {}, 'sub.json': FOLDER });
  const { files, issues } = await readJsonFiles(dir, (name) => name.endsWith('.schema.json') || name === 'sub.json');
  assert.equal(files, [
    { file: join(dir, 'a.json'), name: 'a', value: [1] },
    { file: join(dir, 'b.json'), name: 'b', value: { b: 1 } },
  ]);
  assert.equal(issues, []);
});

read('turns unreadable, invalid and duplicate-key files into issues and keeps the good ones', async () => {
  const dir = folderWith({ 'a.json': '{"x": 1, "x": 2}', 'b.json': '[1,', 'c.json': '{}', 'd.json': FOLDER });
  const { files, issues } = await readJsonFiles(dir);
  assert.equal(files.map((f) => f.name), ['c']);
  assert.equal(issues, [
    { path: 'x', message: 'is given more than once in this object', file: join(dir, 'a.json') },
    { file: join(dir, 'b.json'), path: '', message: 'is not valid JSON: unexpected end of file, expected a value at line 1, column 4', line: 1, column: 4 },
    { file: join(dir, 'd.json'), path: '', message: 'cannot read this file (EISDIR)' },
  ]);
});

read('reports a folder it cannot read as one issue', async () => {
  assert.equal(await readJsonFiles('/nonexistent/folder'), { files: [], issues: [{ file: '/nonexistent/folder', path: '', message: 'cannot read this folder (ENOENT)' }] });
});

read.run();
