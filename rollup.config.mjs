// Builds the visitor-side widget into dist/widget/ (issue 4):
//   embed.js            the loader (classic script, ≤ 2 KB gzip)
//   main-[hash].js      the widget (Lit + components), and any chunks it splits off
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
          .replace(/;}/g, '}')
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

/** The main chunk's hashed name, handed from the first build to the loader's. */
let mainChunk = '';
function rememberMainChunk() {
  return {
    name: 'remember-main-chunk',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      mainChunk = entry.fileName;
    },
  };
}
function injectMainChunk() {
  return {
    name: 'inject-main-chunk',
    transform(code, id) {
      if (!id.endsWith('loader.ts')) return null;
      if (!mainChunk) this.error('the main chunk must be built before the loader');
      return { code: code.replaceAll('__QM_MAIN_CHUNK__', JSON.stringify(mainChunk)), map: null };
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
    plugins: [clean(), stripTypes(), minifyCssLiterals(), minifyHtmlLiterals(), nodeResolve({ browser: true }), rememberMainChunk()],
    output: {
      dir: out,
      format: 'es',
      entryFileNames: '[name]-[hash].js',
      chunkFileNames: '[name]-[hash].js',
      sourcemap: true,
      plugins: [minify()],
    },
  },
  {
    input: 'widget/loader.ts',
    plugins: [stripTypes(), injectMainChunk()],
    output: {
      file: `${out}/embed.js`,
      format: 'iife',
      sourcemap: true,
      plugins: [terser({ ecma: 2020, format: { comments: false } })],
    },
  },
];
