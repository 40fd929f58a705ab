import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';
import { gzipSync } from 'node:zlib';
import configs from './rollup.config.mjs';
const cfg = configs[0];
const bundle = await rollup({ input: cfg.input, treeshake: cfg.treeshake, preserveEntrySignatures: 'allow-extension', plugins: cfg.plugins.filter(p => p.name !== 'clean' && p.name !== 'describe-chunks') });
const base = { ecma: 2020, module: true, compress: { passes: 3, unsafe_arrows: true, pure_getters: true }, format: { comments: false } };
const variants = {
  current: base,
  e2022: { ...base, ecma: 2022 },
  unsafe: { ...base, compress: { ...base.compress, passes: 5, unsafe: true, unsafe_methods: true, unsafe_comps: true, unsafe_math: true, unsafe_symbols: true, unsafe_regexp: true, unsafe_undefined: true, hoist_funs: false, reduce_funcs: true } },
  unsafe_nomethods: { ...base, compress: { ...base.compress, passes: 5, unsafe: true } },
  wrap: { ...base, format: { comments: false, wrap_func_args: false, wrap_iife: false } },
};
for (const [name, opts] of Object.entries(variants)) {
  const { output } = await bundle.generate({ format: 'es', plugins: [terser(opts)] });
  const sizes = output.filter(c => c.type === 'chunk' && c.isEntry).map(c => [c.fileName, gzipSync(c.code, { level: 9 }).length]);
  console.log(name, JSON.stringify(sizes));
}
