import { rollup } from 'rollup';
import { minify } from 'terser';
import { gzipSync } from 'node:zlib';
import configs from './rollup.config.mjs';
const cfg = configs[0];
const bundle = await rollup({ input: cfg.input, treeshake: cfg.treeshake, preserveEntrySignatures: 'allow-extension', plugins: cfg.plugins.filter(p => p.name !== 'clean' && p.name !== 'describe-chunks') });
const { output } = await bundle.generate({ format: 'es' });
for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  const rows = [];
  for (const [id, m] of Object.entries(chunk.modules)) {
    if (!m.code) continue;
    const min = (await minify(m.code, { module: false, toplevel: false, compress: { passes: 2 }, mangle: true })).code ?? '';
    rows.push([id.replace(/.*node_modules\//, 'nm/').replace(process.cwd() + '/', ''), min.length, gzipSync(min, { level: 9 }).length]);
  }
  rows.sort((a, b) => b[2] - a[2]);
  for (const r of rows) console.log(String(r[2]).padStart(6), String(r[1]).padStart(7), r[0]);
  console.log('sum gz', rows.reduce((s, r) => s + r[2], 0));
}
