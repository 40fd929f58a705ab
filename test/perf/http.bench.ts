// `npm run bench:http`: HTTP throughput and latency of the real server against
// a bare Koa app, with autocannon (50 connections, 2 s warm-up + 10 s each):
//   1. bare   GET  /                         a minimal `new Koa()` answering { ok: true }
//   2. peer   POST /estimate                 the peers: Koa + helmet (per request) + @koa/router
//                                            + @koa/bodyparser, answering a copy of one of our estimates
//                                            (serialised per request, as ours is) for the same bodies
//   3. estimate POST /v1/widget/pk_test_brightside/services/interior-painting/estimate
//   4. submit   POST …/services/interior-painting/quotes (unique Idempotency-Key each)
// Each server runs in a child process of its own (process.execPath); the load
// generator runs here, in the parent, so autocannon's CPU is never the server's.
// The real server is `node server/main.ts` — exactly what `npm start` runs —
// with NODE_ENV=production on a fresh database on the local PostgreSQL (dropped
// at the end) and LOG_LEVEL=warn. As in production behind a load balancer,
// TRUST_PROXY=true and every request carries a visitor's X-Forwarded-For, so
// the per-visitor rate limits (default settings) run on every request but no
// simulated visitor exceeds them: estimates come from a pool of 16,384
// visitors, each quote from a visitor of its own. Any non-2xx answer, socket
// error or timeout fails the bench (exit 1): a fast error is not a result.
// Prints a table, then as the last line one JSON object:
// {"bare_rps", "bare_p99_ms", "peer_rps", "peer_ratio", "estimate_rps", "estimate_p99_ms",
//  "estimate_ratio", "submit_rps", "submit_p99_ms", "submit_ratio"} (ratio = rps / bare_rps).
// Bounded: about 55 s in all (a watchdog ends it at 120 s).
//
// Knobs (environment, for investigations; the defaults are the reported set-up):
//   HTTP_BENCH_LOG_LEVEL  the server's LOG_LEVEL (default warn)
//   HTTP_BENCH_POOL_MAX   the server's DATABASE_POOL_MAX (default: unset, the server's default)
//   HTTP_BENCH_CPU_PROF   a directory: run the real server with --cpu-prof into it
//   HTTP_BENCH_ONLY       comma-separated subset of bare,peer,estimate,submit
//   HTTP_BENCH_RATE_LIMITS=off  WIDGET_RATE_LIMIT=0 and QUOTE_RATE_LIMIT=0 (to measure the limiter's cost)
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import pg from 'pg';
import { productionJwks, withoutDevelopmentKeys } from '../helpers/production.ts';
import { tenantsAllowing } from '../helpers/tenants-allowing.ts';
import { ADMIN_URL } from '../helpers/test-database.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CONNECTIONS = 50;
const WARMUP_S = 2;
const DURATION_S = 10;
const WATCHDOG_MS = 120_000;
const PK = 'pk_test_brightside';
const SERVICE = 'interior-painting';
const ORIGIN = 'http://localhost:3000'; // in the demo tenant's allowedOrigins: the CORS path runs as for a real widget
const ESTIMATE_VISITORS = 16_384; // each stays under WIDGET_RATE_LIMIT (600/min) up to ~160k estimates/s

/** The n-th simulated visitor's address (10.0.0.0/8). */
const visitorIp = (n: number): string => `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

// ---------------------------------------------------------------------------
// Request bodies: deterministic and varied, every one valid.
// ---------------------------------------------------------------------------
interface EstimateBody {
  fields: Record<string, unknown>;
  discountCode?: string;
}

function estimateBodies(): EstimateBody[] {
  const sizes = [undefined, 'small', 'medium', 'large'];
  const timings = [undefined, 'flexible', 'rush'];
  const codes = [undefined, undefined, undefined, 'SPRING10', 'spring10', 'NOTACODE'];
  const bodies: EstimateBody[] = [];
  for (let i = 0; i < 24; i++) {
    const fields: Record<string, unknown> = { rooms: 1 + ((i * 7) % 30) };
    const size = sizes[i % sizes.length];
    if (size) fields.size = size;
    if (i % 3 !== 2) fields.ceilings = i % 2 === 0;
    const timing = timings[(i >> 1) % timings.length];
    if (timing) fields.timing = timing;
    const code = codes[i % codes.length];
    bodies.push(code ? { fields, discountCode: code } : { fields });
  }
  bodies[0] = { fields: {} }; // all defaults
  return bodies;
}

function submissionBodies(): Array<Record<string, unknown>> {
  const first = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eun-ji', 'Farid', 'Grace', 'Hugo'];
  const last = ['Alvarez', 'Brooks', 'Chen', 'Dubois', "O'Neill", 'Kowalski', 'Nguyen', 'Okafor'];
  return estimateBodies()
    .slice(0, 16)
    .map((estimate, i) => {
      const name = `${first[i % first.length]} ${last[(i * 3) % last.length]}`;
      const contact: Record<string, unknown> = { name, email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}${i}@example.com` };
      if (i % 2 === 0) contact.phone = `+1 (555) 01${String(i).padStart(2, '0')}-${1000 + i}`;
      const body: Record<string, unknown> = { ...estimate, contact, consent: true };
      if (i % 3 === 0) body.description = `Repaint ${String(estimate.fields.rooms ?? 1)} rooms before we move in; walls are in fair shape, a few nail holes.`;
      return body;
    });
}

// ---------------------------------------------------------------------------
// Child processes and the database.
// ---------------------------------------------------------------------------
interface Child {
  name: string;
  process: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

const children: Child[] = [];
/** Log lines below warn the servers wrote after starting. */
let quietLines = 0;

/** Spawns `args` with process.execPath and waits for "… at http://…" on its stdout. */
function startChild(name: string, args: string[], env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  let output = '';
  let partial = ''; // a log line split across chunks
  return new Promise<Child>((ready, failed) => {
    const timer = setTimeout(() => failed(new Error(`${name} did not start within 30 s:\n${output}`)), 30_000);
    let started = false;
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      if (started) {
        // The server's warnings and errors stay visible (on stderr); lower levels (HTTP_BENCH_LOG_LEVEL=info) are only counted.
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (line === '') continue;
          if (/"level":"(trace|debug|info)"/.test(line)) quietLines += 1;
          else process.stderr.write(`[${name}] ${line}\n`);
        }
        return;
      }
      output += text;
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        started = true;
        clearTimeout(timer);
        const running: Child = { name, process: child, url: match[1] as string, exited };
        children.push(running);
        ready(running);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      if (!started) {
        clearTimeout(timer);
        failed(new Error(`${name} exited with ${code} before listening:\n${output}`));
      }
    });
  });
}

async function stopChild(child: Child): Promise<number | null> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 15_000).unref());
  const code = await Promise.race([child.exited, timeout]);
  if (code === 'timeout') {
    child.process.kill('SIGKILL');
    return null;
  }
  return code;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------
// One autocannon run, with our own latency record (autocannon's histogram
// keeps whole milliseconds; the 'response' event carries the exact time).
// ---------------------------------------------------------------------------
interface Measured {
  seconds: number;
  /** Body + header bytes of the 2xx answers. */
  bytes: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  latencies: Float64Array;
}

function cannon(url: string, requests: autocannon.Request[], seconds: number): Promise<Measured> {
  return new Promise((done, failed) => {
    let latencies = new Float64Array(1 << 16);
    let n = 0;
    let ok = 0;
    let bytes = 0;
    const started = performance.now();
    const instance = autocannon(
      { url, connections: CONNECTIONS, duration: seconds, requests, timeout: 10 },
      (error: unknown, result: autocannon.Result) => {
        const elapsed = (performance.now() - started) / 1000;
        if (error) {
          failed(error);
          return;
        }
        const statusCodes: Record<string, number> = {};
        for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (stats as { count: number }).count;
        done({ seconds: elapsed, bytes, ok, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, statusCodes, latencies: latencies.subarray(0, n) });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, responseBytes: number, responseTime: number) => {
      if (statusCode < 200 || statusCode > 299) return;
      ok += 1;
      bytes += responseBytes;
      if (n === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[n++] = responseTime;
    });
  });
}

/** CPU time (ms) a process has used so far, from /proc (Linux; clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime
  } catch {
    return Number.NaN;
  }
}

/** CPU time (ms) so far of each PostgreSQL backend serving `database` (pid → ms), from /proc. */
function backendCpuMs(database: string): Map<number, number> {
  const found = new Map<number, number>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return found;
  }
  for (const pid of pids) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.startsWith('postgres:') && cmdline.includes(` ${database} `)) found.set(Number(pid), processCpuMs(Number(pid)));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** The machine's busy and total CPU time (ticks) so far, from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] as string;
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = ticks.reduce((a, b) => a + b, 0);
    return { busy: total - (ticks[3] ?? 0) - (ticks[4] ?? 0), total };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

interface Cpu {
  /** Share of one core used by the server process during the measured run. */
  server: number;
  /** Server CPU time per 2xx answer, µs. */
  serverUsPerRequest: number;
  /** Share of one core used by the PostgreSQL backends of the bench database. */
  database: number;
  /** Their CPU time per 2xx answer, µs. */
  databaseUsPerRequest: number;
  /** Share of one core used by the load generator (this process). */
  generator: number;
  /** Share of all cores busy on the machine (server, generator, PostgreSQL, anything else). */
  machine: number;
}

interface Row {
  name: string;
  cpu: Cpu;
  rps: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  measured: Measured;
  warmup: Measured;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

async function bench(name: string, server: Child, requests: autocannon.Request[], database: string): Promise<Row> {
  const warmup = await cannon(server.url, requests, WARMUP_S);
  const backendsBefore = backendCpuMs(database);
  const serverBefore = processCpuMs(server.process.pid);
  const generatorBefore = process.cpuUsage();
  const machineBefore = machineTicks();
  const measured = await cannon(server.url, requests, DURATION_S);
  const serverMs = processCpuMs(server.process.pid) - serverBefore;
  const generator = process.cpuUsage(generatorBefore);
  const machineAfter = machineTicks();
  let databaseMs = 0;
  for (const [pid, ms] of backendCpuMs(database)) databaseMs += ms - (backendsBefore.get(pid) ?? 0);
  const cpu: Cpu = {
    database: databaseMs / (measured.seconds * 1000),
    databaseUsPerRequest: (databaseMs * 1000) / measured.ok,
    server: serverMs / (measured.seconds * 1000),
    serverUsPerRequest: (serverMs * 1000) / measured.ok,
    generator: (generator.user + generator.system) / 1000 / (measured.seconds * 1000),
    machine: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
  };
  const sorted = measured.latencies.slice().sort();
  return {
    name,
    cpu,
    rps: measured.ok / measured.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : Number.NaN,
    measured,
    warmup,
  };
}

// ---------------------------------------------------------------------------
// The run.
// ---------------------------------------------------------------------------
async function main(): Promise<void> {
  const began = performance.now();
  // Others' work on this (shared) machine skews every figure: say how busy it was just before.
  const idleBefore = machineTicks();
  await new Promise((done) => setTimeout(done, 1000));
  const idleAfter = machineTicks();
  const busyBefore = (idleAfter.busy - idleBefore.busy) / (idleAfter.total - idleBefore.total);
  const loadAtStart = loadavg()[0] as number;
  const only = new Set((process.env.HTTP_BENCH_ONLY ?? 'bare,peer,estimate,submit').split(',').map((s) => s.trim()));
  const logLevel = process.env.HTTP_BENCH_LOG_LEVEL ?? 'warn';
  const dbName = `qm_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'qm-bench-'));
  let dbCreated = false;

  const cleanUp = async (): Promise<void> => {
    await Promise.all(children.map((child) => stopChild(child).catch(() => null)));
    if (dbCreated) {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch((error: unknown) =>
        console.error(`could not drop database ${dbName}: ${(error as Error).message}`),
      );
      dbCreated = false;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const abort = (why: string): void => {
    console.error(why);
    void cleanUp().finally(() => process.exit(1));
  };
  const watchdog = setTimeout(() => abort(`http bench: still running after ${WATCHDOG_MS / 1000} s; stopping`), WATCHDOG_MS);
  watchdog.unref();
  process.once('SIGINT', () => abort('http bench: interrupted'));
  process.once('SIGTERM', () => abort('http bench: terminated'));

  try {
    await admin((client) => client.query(`CREATE DATABASE ${dbName}`));
    dbCreated = true;
    const dbUrl = new URL(ADMIN_URL);
    dbUrl.pathname = `/${dbName}`;

    // The demo tenants as production takes them (no development-only keys); their origins already include ORIGIN.
    const tenantsDir = join(dataDir, 'tenants');
    tenantsAllowing(ORIGIN, tenantsDir, withoutDevelopmentKeys);
    const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
    const appEnv: Record<string, string> = {
      ...baseEnv,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      PUBLIC_URL: 'https://quotes.bench.example',
      DATABASE_URL: dbUrl.toString(),
      APP_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: logLevel,
      DATA_DIR: dataDir,
      TENANTS_DIR: tenantsDir,
      THEMES_DIR: join(ROOT, 'themes'),
      OIDC_JWKS: await productionJwks(),
      TRUST_PROXY: 'true',
      OUTBOX_WORKER: 'false', // a web replica, as deployed: the outbox worker runs in its own process
    };
    if (process.env.HTTP_BENCH_RATE_LIMITS === 'off') Object.assign(appEnv, { WIDGET_RATE_LIMIT: '0', QUOTE_RATE_LIMIT: '0' });
    if (process.env.HTTP_BENCH_POOL_MAX) appEnv.DATABASE_POOL_MAX = process.env.HTTP_BENCH_POOL_MAX;
    const profileDir = process.env.HTTP_BENCH_CPU_PROF;
    const appArgs = [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : []), join(ROOT, 'server', 'main.ts')];

    // Both servers start before anything is measured and idle while the other is loaded.
    const [bare, app] = await Promise.all([
      startChild('bare-koa', [import.meta.filename, 'bare-koa'], { ...baseEnv, NODE_ENV: 'production' }),
      startChild('server', appArgs, appEnv),
    ]);
    const startedIn = (performance.now() - began) / 1000;

    const widget = `/v1/widget/${PK}/services/${SERVICE}`;
    const headers = { 'content-type': 'application/json', origin: ORIGIN };
    const estimates = estimateBodies();
    const submissions = submissionBodies();
    const runId = randomBytes(4).toString('hex');
    let keyCounter = 0;
    const nextKey = (): string => `bench-${runId}-${(keyCounter++).toString(36)}`;
    let estimateCounter = 0;
    const nextEstimateVisitor = (): string => visitorIp(estimateCounter++ % ESTIMATE_VISITORS);
    let quoteVisitor = 0;
    const nextQuoteVisitor = (): string => visitorIp(ESTIMATE_VISITORS + quoteVisitor++);

    // Every body must be answered 2xx before anything is timed.
    const problems: string[] = [];
    const bareCheck = await fetch(`${bare.url}/`);
    if (bareCheck.status !== 200) problems.push(`bare koa: ${bareCheck.status}`);
    for (const body of estimates) {
      const response = await fetch(`${app.url}${widget}/estimate`, { method: 'POST', headers: { ...headers, 'x-forwarded-for': nextEstimateVisitor() }, body: JSON.stringify(body) });
      if (response.status !== 200) problems.push(`estimate ${JSON.stringify(body)}: ${response.status} ${await response.text()}`);
      else await response.arrayBuffer();
    }
    for (const body of submissions) {
      const response = await fetch(`${app.url}${widget}/quotes`, { method: 'POST', headers: { ...headers, 'idempotency-key': nextKey(), 'x-forwarded-for': nextQuoteVisitor() }, body: JSON.stringify(body) });
      if (response.status !== 201) problems.push(`quote ${JSON.stringify(body)}: ${response.status} ${await response.text()}`);
      else await response.arrayBuffer();
    }
    if (problems.length > 0) throw new Error(`not every request is answered 2xx; not benchmarking:\n${problems.join('\n')}`);

    // The peer answers a copy of our answer to the first estimate body.
    const peerAnswer = await (await fetch(`${app.url}${widget}/estimate`, { method: 'POST', headers, body: JSON.stringify(estimates[0]) })).text();
    const peer = only.has('peer') ? await startChild('peer-koa', [import.meta.filename, 'peer-koa'], { ...baseEnv, NODE_ENV: 'production', PEER_ANSWER: peerAnswer }) : null;

    const rows: Row[] = [];
    if (only.has('bare')) rows.push(await bench('bare Koa GET /', bare, [{ method: 'GET', path: '/' }], dbName));
    if (peer) {
      const requests: autocannon.Request[] = estimates.map((body) => ({ method: 'POST', path: '/estimate', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
      rows.push(await bench('peer Koa stack', peer, requests, dbName));
      await stopChild(peer);
    }
    if (only.has('estimate')) {
      const requests: autocannon.Request[] = estimates.map((body) => ({
        method: 'POST',
        path: `${widget}/estimate`,
        headers,
        body: JSON.stringify(body),
        setupRequest: (request: autocannon.Request) => {
          request.headers = { ...request.headers, 'x-forwarded-for': nextEstimateVisitor() };
          return request;
        },
      }));
      rows.push(await bench('estimate', app, requests, dbName));
    }
    if (only.has('submit')) {
      const requests: autocannon.Request[] = submissions.map((body) => ({
        method: 'POST',
        path: `${widget}/quotes`,
        headers,
        body: JSON.stringify(body),
        setupRequest: (request: autocannon.Request) => {
          request.headers = { ...request.headers, 'idempotency-key': nextKey(), 'x-forwarded-for': nextQuoteVisitor() };
          return request;
        },
      }));
      rows.push(await bench('quote submission', app, requests, dbName));
    }

    // Quotes stored vs 201s answered: the checks' and warm-up's, then the measured ones
    // (requests still in flight when autocannon stops may commit unanswered: up to 50).
    let quoteCheck = '';
    if (only.has('submit')) {
      const submit = rows.find((r) => r.name === 'quote submission') as Row;
      const answered = submissions.length + submit.warmup.ok + submit.measured.ok;
      const stored = await admin(async (client) => Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM quotes')).rows[0]?.n ?? 0), dbUrl.toString());
      quoteCheck = `quotes stored ${stored.toLocaleString('en-US')} for ${answered.toLocaleString('en-US')} answered 201 (difference ${stored - answered}, ≤ ${2 * CONNECTIONS} allowed: requests in flight when a run stops)`;
      if (stored < answered || stored - answered > 2 * CONNECTIONS) problems.push(quoteCheck);
    }
    const serverExit = await stopChild(app);
    await stopChild(bare);
    // Not a performance failure, but worth seeing (exit 0 is the graceful stop of main.ts).
    if (serverExit !== 0) console.error(`warning: the server exited with ${serverExit} on SIGTERM, not 0`);
    await cleanUp();
    const elapsed = (performance.now() - began) / 1000;

    // -----------------------------------------------------------------------
    // Report.
    // -----------------------------------------------------------------------
    const ms = (n: number): string => n.toFixed(2).padStart(9);
    const int = (n: number, width: number): string => Math.round(n).toLocaleString('en-US').padStart(width);
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    console.log(`HTTP benchmark: autocannon ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s per target, 127.0.0.1`);
    console.log(`Node ${process.version}, ${availableParallelism()} CPUs (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; each server in its own child process, autocannon in the parent; before the run the machine was ${(100 * busyBefore).toFixed(0)} % busy (load average ${loadAtStart.toFixed(2)})`);
    console.log(
      `server: node server/main.ts, NODE_ENV=production, LOG_LEVEL=${logLevel}, DATABASE_POOL_MAX=${appEnv.DATABASE_POOL_MAX ?? 'default (10)'}, ` +
        `rate limits ${appEnv.WIDGET_RATE_LIMIT === '0' ? 'OFF' : 'default'} (TRUST_PROXY=true, ${ESTIMATE_VISITORS.toLocaleString('en-US')} estimate visitors, one visitor per quote), ` +
        `fresh database ${dbName} (dropped); started in ${startedIn.toFixed(1)} s`,
    );
    console.log('');
    console.log(
      'target'.padEnd(18) + 'req/s'.padStart(9) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9) + 'p99.9 ms'.padStart(9) + 'max ms'.padStart(9) +
        '2xx'.padStart(9) + 'non-2xx'.padStart(9) + 'errors'.padStart(8),
    );
    for (const r of rows) {
      const m = r.measured;
      console.log(r.name.padEnd(18) + int(r.rps, 9) + ms(r.p50) + ms(r.p99) + ms(r.p999) + ms(r.max) + int(m.ok, 9) + int(m.non2xx, 9) + int(m.errors, 8));
    }
    console.log('');
    console.log(
      'target'.padEnd(18) + 'server CPU'.padStart(11) + 'µs CPU/req'.padStart(11) + 'PG CPU'.padStart(8) + 'PG µs/req'.padStart(10) +
        'autocannon'.padStart(11) + 'machine'.padStart(9) + 'bytes/resp'.padStart(11),
    );
    const pct = (x: number, width: number): string => `${(100 * x).toFixed(0)} %`.padStart(width);
    for (const r of rows) {
      console.log(
        r.name.padEnd(18) + pct(r.cpu.server, 11) + int(r.cpu.serverUsPerRequest, 11) + pct(r.cpu.database, 8) + int(r.cpu.databaseUsPerRequest, 10) +
          pct(r.cpu.generator, 11) + pct(r.cpu.machine, 9) + int(r.measured.bytes / r.measured.ok, 11),
      );
    }
    console.log('(CPU: % of one core during the measured run; PG: the backends serving the bench database; machine: % of all cores busy, anything else included)');
    console.log('');
    const bareRow = rows.find((r) => r.name.startsWith('bare'));
    const peerRow = rows.find((r) => r.name.startsWith('peer'));
    const estimateRow = rows.find((r) => r.name === 'estimate');
    const submitRow = rows.find((r) => r.name === 'quote submission');
    const ratio = (r: Row | undefined): number => (r && bareRow ? r.rps / bareRow.rps : Number.NaN);
    const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
    if (peerRow && bareRow) console.log(`peer Koa stack / bare: ${(100 * ratio(peerRow)).toFixed(1)} % (the issue puts it at about 45 %)`);
    if (estimateRow && bareRow) console.log(`estimate / bare: ${(100 * ratio(estimateRow)).toFixed(1)} % (target ≥ 40 %: ${verdict(ratio(estimateRow) >= 0.4)})`);
    if (estimateRow && peerRow) console.log(`estimate / peer Koa stack: ${((100 * estimateRow.rps) / peerRow.rps).toFixed(1)} %`);
    if (submitRow && bareRow) {
      console.log(
        `submission / bare: ${(100 * ratio(submitRow)).toFixed(1)} % (target ≥ 5 %: ${verdict(ratio(submitRow) >= 0.05)}), ` +
          `p99 ${submitRow.p99.toFixed(2)} ms (target ≤ 50 ms: ${verdict(submitRow.p99 <= 50)})`,
      );
    }
    if (quoteCheck) console.log(quoteCheck);
    for (const r of rows) {
      for (const [phase, m] of [['warm-up', r.warmup], ['measured', r.measured]] as const) {
        const bad = m.non2xx + m.errors + m.timeouts;
        if (bad > 0) problems.push(`${r.name} (${phase}): ${m.non2xx} non-2xx, ${m.errors} errors, ${m.timeouts} timeouts; status codes ${JSON.stringify(m.statusCodes)}`);
      }
    }
    if (quietLines > 0) console.log(`the server wrote ${quietLines.toLocaleString('en-US')} log lines below warn during the run (read and discarded by the parent)`);
    const lasted = rows.map((r) => r.measured.seconds.toFixed(1)).join('/');
    console.log(
      `latency: exact times of the 2xx answers (autocannon's 'response' event); req/s = 2xx answers / wall time of the measured run ` +
        `(${DURATION_S} s asked, ${lasted} s taken: autocannon stops at its next 1 s sample); whole bench ${elapsed.toFixed(1)} s`,
    );
    if (problems.length > 0) {
      console.error(`FAILED:\n${problems.join('\n')}`);
      process.exitCode = 1;
    }
    const round = (n: number | undefined, digits: number): number | null => (n === undefined || Number.isNaN(n) ? null : Number(n.toFixed(digits)));
    console.log(
      JSON.stringify({
        bare_rps: round(bareRow?.rps, 0),
        bare_p99_ms: round(bareRow?.p99, 2),
        peer_rps: round(peerRow?.rps, 0),
        peer_ratio: round(ratio(peerRow), 3),
        estimate_rps: round(estimateRow?.rps, 0),
        estimate_p99_ms: round(estimateRow?.p99, 2),
        estimate_ratio: round(ratio(estimateRow), 3),
        submit_rps: round(submitRow?.rps, 0),
        submit_p99_ms: round(submitRow?.p99, 2),
        submit_ratio: round(ratio(submitRow), 3),
      }),
    );
  } catch (error) {
    console.error(`http bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
    await cleanUp();
  } finally {
    clearTimeout(watchdog);
  }
}

// ---------------------------------------------------------------------------
// Child role: the bare Koa server. `node http.bench.ts bare-koa` listens on a
// free port on 127.0.0.1 and prints its URL; SIGTERM stops it.
// ---------------------------------------------------------------------------
/** A child's server: a free port on 127.0.0.1, its URL printed for startChild, keep-alive as the real server's, SIGTERM stops it. */
function serveChild(app: { listen: (port: number, host: string, ready: () => void) => import('node:http').Server }, name: string): void {
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`${name} listening at http://127.0.0.1:${port}\n`);
  });
  server.keepAliveTimeout = 65_000; // as the real server
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

if (process.argv[2] === 'peer-koa') {
  // The peers ("helmet + router + body parser alone cost ~55 %"), as their
  // READMEs use them: helmet's defaults run per request (koa-helmet's wrapping).
  const { default: Koa } = await import('koa');
  const { default: Router } = await import('@koa/router');
  const { bodyParser } = await import('@koa/bodyparser');
  const { default: helmet } = await import('helmet');
  const answer: unknown = JSON.parse(process.env.PEER_ANSWER ?? '{}');
  const app = new Koa();
  const secure = helmet();
  app.use((ctx, next) =>
    new Promise<void>((done, fail) => secure(ctx.req as never, ctx.res as never, (error?: unknown) => (error ? fail(error) : done()))).then(next),
  );
  const router = new Router();
  router.post('/estimate', bodyParser(), (ctx) => {
    ctx.body = answer;
  });
  app.use(router.routes());
  app.use(router.allowedMethods());
  serveChild(app, 'peer koa');
} else if (process.argv[2] === 'bare-koa') {
  const { default: Koa } = await import('koa');
  const app = new Koa();
  app.use((ctx) => {
    ctx.body = { ok: true };
  });
  serveChild(app, 'bare koa');
} else {
  await main();
}
