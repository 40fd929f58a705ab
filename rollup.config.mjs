// Builds the visitor-side widget into dist/widget/ (issue 4, decision 0018):
//   embed.js               the loader (classic script, ≤ 2 KB gzip)
//   main-[hash].js         Lit, <qm-widget>, <qm-launcher>, English
//   de|fr|es-[hash].js     the other message tables, loaded by a page in that language
//   chunks.json            which file is which, for `npm run size` (not served: only js/css/map are)
// with source maps. Types are stripped by amaro, the type stripper Node itself
// uses (decision 0011): TypeScript 7 has no JS API to call from a plugin.
import { rmSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { transformSync } from 'amaro';
import { collapseHtmlTemplates } from './widget/build/collapse-html-templates.mjs';

const out = 'dist/widget';

/** Strips TypeScript's erasable syntax; positions are kept, so no source map is needed for this step. */
function stripTypes() {
  return {
    name: 'strip-types',
    transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      return { code: transformSync(code, { mode: 'strip-only', filename: id }).code, map: null };
    },
  };
}

/**
 * Minifies the CSS inside css`…` literals of *.styles.ts files (static CSS, no
 * interpolations — checked): comments go, whitespace collapses, and spaces
 * around punctuation that CSS does not need go too. Terser leaves template
 * text alone, and the styles are a tenth of the gzip budget.
 */
export function minifyCssLiterals() {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      const out = code.replace(/css`([^`]*)`/g, (literal, text) => {
        if (text.includes('${')) this.error(`${id}: css\` literals with interpolations are not minified; keep styles static`);
        if (/(^|[\s;{])content\s*:/.test(text)) return literal; // quoted `content:` strings would change
        const min = text
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':') // never the space before a colon: `:host :focus-visible` is a descendant
          .replace(/\s*\/\s*/g, '/') // font: 16px/1.4, calc(… / 2): no selector of ours has a slash
          .replace(/\)\s*\*\s*/g, ')*') // calc(var(…) * .75); a selector's `*` never follows a `)` here
          .replace(/;}/g, '}')
          .replace(/\[([\w-]+)='([\w-]+)'\]/g, '[$1=$2]') // [type='checkbox'] → [type=checkbox]
          .replace(/([\s:,(])0\.(\d)/g, '$1.$2') // 0.75 → .75
          .trim();
        return `css\`${min}\``;
      });
      return { code: out, map: null };
    },
  };
}

/** Whitespace runs in html`…` template text become one space (see collapse-html-templates.mjs). */
function minifyHtmlLiterals() {
  return {
    name: 'minify-html-literals',
    transform(code, id) {
      if (!id.includes('/widget/components/') || id.endsWith('.styles.ts')) return null;
      return { code: collapseHtmlTemplates(code), map: null };
    },
  };
}

/**
 * The first build's chunks by role (`{ main, languages: { de, … }, imports: { file: [files it imports] } }`),
 * handed to the loader's build and written as chunks.json for `npm run size` (test/perf/widget-views.ts).
 */
let chunks = null;
function describeChunks() {
  return {
    name: 'describe-chunks',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle).filter((file) => file.type === 'chunk');
      const of = (test) => files.filter((file) => test(file.facadeModuleId ?? ''));
      chunks = {
        main: files.find((file) => file.isEntry).fileName,
        languages: Object.fromEntries(of((id) => /\/i18n\/[a-z]{2}\.ts$/.test(id)).map((file) => [file.name, file.fileName])),
        imports: Object.fromEntries(files.map((file) => [file.fileName, file.imports])),
      };
      this.emitFile({ type: 'asset', fileName: 'chunks.json', source: `${JSON.stringify(chunks, null, 2)}\n` });
    },
  };
}
function injectChunkNames() {
  return {
    name: 'inject-chunk-names',
    transform(code, id) {
      if (!id.endsWith('loader.ts')) return null;
      if (!chunks) this.error('the main chunk must be built before the loader');
      return { code: code.replaceAll('__QM_MAIN_CHUNK__', JSON.stringify(chunks.main)), map: null };
    },
  };
}
function clean() {
  return { name: 'clean', buildStart: () => rmSync(out, { recursive: true, force: true }) };
}

const minify = () => terser({ ecma: 2020, module: true, compress: { passes: 3, unsafe_arrows: true, pure_getters: true }, format: { comments: false } });

export default [
  {
    input: { main: 'widget/main.ts' },
    // main is loaded for its effects only (it defines the elements); nothing imports its exports.
    preserveEntrySignatures: false,
    // QmElement renders with lit-html on Lit's ReactiveElement (decision 0018): lit's index and
    // lit-element are only imported for their re-exports; their own side effects (LitElement's
    // version registry, SSR and polyfill hooks) are not needed.
    treeshake: { moduleSideEffects: (id) => !/\/node_modules\/(lit\/index|lit-element\/lit-element)\.js$/.test(id) },
    plugins: [clean(), stripTypes(), minifyCssLiterals(), minifyHtmlLiterals(), nodeResolve({ browser: true }), describeChunks()],
    output: {
      dir: out,
      format: 'es',
      entryFileNames: '[name]-[hash].js',
      chunkFileNames: '[name]-[hash].js',
      sourcemap: 'hidden',
      plugins: [minify()],
    },
  },
  {
    input: 'widget/loader.ts',
    plugins: [stripTypes(), injectChunkNames()],
    output: {
      file: `${out}/embed.js`,
      format: 'iife',
      strict: false, // a classic script that relies on nothing strict mode changes; saves "use strict"
      sourcemap: 'hidden',
      plugins: [terser({ ecma: 2020, format: { comments: false } })],
    },
  },
];
