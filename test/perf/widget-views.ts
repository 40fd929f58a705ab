// The widget's sizes as page views download them (decision 0018): gzip level 9
// of each built file, and per view the files that view loads. Shared by
// `npm run size` (test/perf/widget-size.ts) and `npm run bench:widget`.
//
// Every page view loads embed.js and the main chunk (and what it imports
// statically); a page whose language is not English also loads that
// language's table. dist/widget/chunks.json (written by rollup.config.mjs)
// says which file is which.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzip budgets in bytes (issue 4): the loader alone, and every page view. */
export const BUDGET = { loader: 2 * 1024, view: 15 * 1024, goal: 12 * 1024 } as const;

interface Chunks {
  main: string;
  languages: Record<string, string>;
  imports: Record<string, string[]>;
}

export interface WidgetView {
  /** "page view, English", "page view, de" … */
  name: string;
  files: string[];
  bytes: number;
}

export interface WidgetSizes {
  /** Every built .js/.css file with its gzip size. */
  files: Array<{ file: string; bytes: number }>;
  loader: number;
  views: WidgetView[];
  /** The view that loads the most. */
  largest: WidgetView;
  /** Every file together; no page view loads them all (one language at most). */
  total: number;
}

export function widgetSizes(dir: string): WidgetSizes {
  const manifest = join(dir, 'chunks.json');
  if (!existsSync(join(dir, 'embed.js')) || !existsSync(manifest)) throw new Error(`${dir} has no build: run \`npm run build\` first.`);
  const chunks = JSON.parse(readFileSync(manifest, 'utf8')) as Chunks;
  const files = readdirSync(dir)
    .filter((file) => /\.(js|css)$/.test(file))
    .sort()
    .map((file) => ({ file, bytes: gzipSync(readFileSync(join(dir, file)), { level: 9 }).length }));
  const size = new Map(files.map((f) => [f.file, f.bytes]));
  const gz = (file: string): number => {
    const bytes = size.get(file);
    if (bytes === undefined) throw new Error(`chunks.json names ${file}, which is not in ${dir}: rebuild`);
    return bytes;
  };
  /** A chunk and every chunk it imports statically (the browser fetches those before running it). */
  const withImports = (file: string, into = new Set<string>()): Set<string> => {
    if (!into.has(file)) {
      into.add(file);
      for (const imported of chunks.imports[file] ?? []) withImports(imported, into);
    }
    return into;
  };
  const view = (name: string, entries: string[]): WidgetView => {
    const set = new Set<string>();
    for (const entry of entries) withImports(entry, set);
    const list = ['embed.js', ...set];
    return { name, files: list, bytes: list.reduce((sum, file) => sum + gz(file), 0) };
  };
  const views = [
    view('page view, English', [chunks.main]),
    ...Object.entries(chunks.languages).map(([lang, file]) => view(`page view, ${lang}`, [chunks.main, file])),
  ];
  return {
    files,
    loader: gz('embed.js'),
    views,
    largest: views.reduce((a, b) => (b.bytes > a.bytes ? b : a)),
    total: files.reduce((sum, f) => sum + f.bytes, 0),
  };
}
