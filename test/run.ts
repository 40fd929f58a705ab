// `npm test`: widget build, its size budget (`npm run size`), type check, every
// uvu suite under c8, a coverage summary per folder with its gates, the browser
// suites (@web/test-runner in Chromium), and as the last line `N passed, N failed`.
// A failed type check, size budget or coverage gate counts as one failed check
// each, so the last line can never say 0 failed while something is wrong.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

/** Line-coverage gates: the whole of server/, and stricter ones per folder. */
const GATES: Record<string, number> = { 'server/': 90, 'server/pricing/': 95 };

interface Outcome {
  passed: number;
  failed: number;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (chunk: Buffer, to: NodeJS.WriteStream): void => {
      output += chunk.toString();
      to.write(chunk);
    };
    child.stdout.on('data', (chunk: Buffer) => forward(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => forward(chunk, process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function hasTests(dir: string, pattern: RegExp): boolean {
  if (!existsSync(join(root, dir))) return false;
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).some((file) => pattern.test(file));
}

async function typecheck(): Promise<Outcome> {
  console.log('\n## Type check (tsc --noEmit, server and widget)');
  const server = await run(bin('tsc'), ['--noEmit', '-p', '.']);
  const widget = await run(bin('tsc'), ['--noEmit', '-p', 'widget']);
  const ok = server.code === 0 && widget.code === 0;
  console.log(ok ? 'types: ok' : 'types: FAILED');
  return ok ? { passed: 0, failed: 0 } : { passed: 0, failed: 1 };
}

/** `npm run build` (rollup, about a second): the asset and browser suites need dist/widget. */
async function build(): Promise<Outcome> {
  console.log('\n## Widget build (rollup)');
  const { code } = await run(bin('rollup'), ['-c', '--silent']);
  console.log(code === 0 ? 'build: ok' : 'build: FAILED');
  return code === 0 ? { passed: 0, failed: 0 } : { passed: 0, failed: 1 };
}

/** `npm run size` (test/perf/widget-size.ts): the loader and every page view within the gzip budget (decision 0018). */
async function sizeBudget(): Promise<Outcome> {
  console.log('\n## Widget size budget (npm run size)');
  const { code } = await run(process.execPath, [join(root, 'test', 'perf', 'widget-size.ts')]);
  console.log(code === 0 ? 'size: within budget' : 'size: OVER BUDGET');
  return code === 0 ? { passed: 0, failed: 0 } : { passed: 0, failed: 1 };
}

/** @web/test-runner in Chromium; counts from its own `N passed, N failed` line, a crash = 1 failed. */
async function browserSuites(): Promise<Outcome> {
  console.log('\n## Browser suites (@web/test-runner, Chromium)');
  const { code, output } = await run(process.execPath, [bin('wtr')]);
  const counts = [...output.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  if (!counts) return { passed: 0, failed: 1 };
  const passed = Number(counts[1]);
  const failed = Number(counts[2]);
  return { passed, failed: failed > 0 || code === 0 ? failed : 1 };
}

/** One uvu run under c8; counts come from uvu's own summary. */
async function uvuSuite(name: string, dir: string, pattern: string): Promise<Outcome> {
  console.log(`\n## ${name} (uvu ${dir} ${pattern})`);
  const { code, output } = await run(bin('c8'), ['--clean=false', bin('uvu'), dir, pattern]);
  const count = (label: string): number | null => {
    const match = new RegExp(`${label}:\\s+(\\d+)`).exec(output.replace(/\u001b\[[0-9;]*m/g, ''));
    return match ? Number(match[1]) : null;
  };
  const total = count('Total');
  const passed = count('Passed');
  const skipped = count('Skipped') ?? 0;
  if (total === null || passed === null) return { passed: 0, failed: 1 }; // crashed before its summary
  if (skipped > 0) console.log(`${skipped} skipped test(s) count as failed: nothing may be skipped`);
  const failed = total - passed;
  return { passed, failed: failed > 0 || code === 0 ? failed : 1 };
}

interface Totals {
  total: number;
  covered: number;
}

async function coverage(): Promise<Outcome> {
  console.log('\n## Coverage (c8, lines)');
  await run(bin('c8'), ['report', '--reporter=json-summary', '--reporter=text-summary']);
  const summaryFile = join(root, 'coverage', 'coverage-summary.json');
  if (!existsSync(summaryFile)) {
    console.log('no coverage summary was written');
    return { passed: 0, failed: 1 };
  }
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Record<string, { lines: Totals }>;
  const folders = new Map<string, Totals>();
  for (const [file, { lines }] of Object.entries(summary)) {
    if (file === 'total') continue;
    const path = relative(root, file);
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = `${parts.slice(0, depth).join('/')}/`;
      const totals = folders.get(folder) ?? { total: 0, covered: 0 };
      totals.total += lines.total;
      totals.covered += lines.covered;
      folders.set(folder, totals);
    }
  }
  let failed = 0;
  console.log('folder'.padEnd(32) + 'lines'.padStart(12) + 'covered'.padStart(10) + 'gate'.padStart(8));
  for (const [folder, totals] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    const percent = totals.total === 0 ? 100 : (100 * totals.covered) / totals.total;
    const gate = GATES[folder];
    const ok = gate === undefined || percent >= gate;
    if (!ok) failed += 1;
    console.log(
      folder.padEnd(32) +
        `${totals.covered}/${totals.total}`.padStart(12) +
        `${percent.toFixed(2)} %`.padStart(10) +
        (gate === undefined ? '' : `${gate} %`.padStart(8)) +
        (ok ? '' : '  BELOW GATE'),
    );
  }
  for (const folder of Object.keys(GATES)) {
    if (!folders.has(folder)) {
      console.log(`${folder} has no measured files`);
      failed += 1;
    }
  }
  return { passed: 0, failed };
}

rmSync(join(root, 'coverage'), { recursive: true, force: true });
const outcomes: Outcome[] = [await build(), await sizeBudget(), await typecheck()];
const testFile = /\.test\.ts$/;
if (hasTests('server', testFile)) outcomes.push(await uvuSuite('Unit suites', 'server', '\\.test\\.ts$'));
if (hasTests('test', testFile)) outcomes.push(await uvuSuite('Integration suites', 'test', '^(?!perf/).*\\.test\\.ts$'));
outcomes.push(await coverage());
if (hasTests('widget', testFile)) outcomes.push(await browserSuites());

const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
