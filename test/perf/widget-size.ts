// `npm run size`: gzip sizes of the built visitor-side files (issue 4's budget,
// as decision 0018 reads it): the loader ≤ 2 KB, and every page view — the
// files that view downloads — ≤ 15 KB (goal 12 KB). The total of all files is
// printed too; no page loads them all. Exits 1 when the loader or a view is
// over budget, or nothing was built.
import { join } from 'node:path';
import { BUDGET, widgetSizes, type WidgetSizes } from './widget-views.ts';

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;

let sizes: WidgetSizes;
try {
  sizes = widgetSizes(join(import.meta.dirname, '..', '..', 'dist', 'widget'));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

for (const { file, bytes } of sizes.files) console.log(`${file.padEnd(28)}${kb(bytes).padStart(10)} gzip`);
console.log('');
let over = false;
const line = (name: string, bytes: number, budget: number, note = ''): void => {
  const ok = bytes <= budget;
  over ||= !ok;
  console.log(`${name.padEnd(28)}${kb(bytes).padStart(10)} of ${kb(budget)}${ok ? '' : '  OVER BUDGET'}${note}`);
};
line('loader', sizes.loader, BUDGET.loader);
for (const view of sizes.views) {
  line(view.name, view.bytes, BUDGET.view, `${view.bytes <= BUDGET.goal ? '  (goal met)' : ''}  = ${view.files.join(' + ')}`);
}
console.log(`${'all files together'.padEnd(28)}${kb(sizes.total).padStart(10)}  (no page view loads them all: one language table at most)`);
process.exitCode = over ? 1 : 0;
