// `npm run size`: gzip sizes of the built visitor-side files (issue 4's budget).
// Exits 1 when the loader or the total is over budget, or nothing was built.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = join(import.meta.dirname, '..', '..', 'dist', 'widget');
const BUDGET = { loader: 2 * 1024, total: 15 * 1024 };

if (!existsSync(join(dir, 'embed.js'))) {
  console.error('dist/widget/embed.js is missing: run `npm run build` first.');
  process.exit(1);
}
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
const files = readdirSync(dir)
  .filter((file) => /\.(js|css)$/.test(file))
  .map((file) => ({ file, bytes: gzipSync(readFileSync(join(dir, file)), { level: 9 }).length }));
for (const { file, bytes } of files) console.log(`${file.padEnd(28)}${kb(bytes).padStart(10)} gzip`);
const loader = files.find((f) => f.file === 'embed.js')!.bytes;
const total = files.reduce((sum, f) => sum + f.bytes, 0);
let over = false;
for (const [name, bytes, budget] of [['loader', loader, BUDGET.loader], ['total', total, BUDGET.total]] as const) {
  const ok = bytes <= budget;
  over ||= !ok;
  console.log(`${name.padEnd(28)}${kb(bytes).padStart(10)} of ${kb(budget)}${ok ? '' : '  OVER BUDGET'}`);
}
process.exitCode = over ? 1 : 0;
