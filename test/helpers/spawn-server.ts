// Runs `node server/main.ts` (what `npm start` runs) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './test-server.ts';

export interface SpawnedServer {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function spawnMain(env: Record<string, string>): SpawnedServer {
  return spawnEntry(join(ROOT, 'server', 'main.ts'), env);
}

/** Runs one of the process entries (server/main.ts, server/worker-main.ts) with only `env` (and PATH, HOME, coverage). */
export function spawnEntry(entry: string, env: Record<string, string>): SpawnedServer {
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_V8_COVERAGE: process.env.NODE_V8_COVERAGE ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close', not 'exit': it waits until the process's output is all read.
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  return { child, output: () => output, exited };
}

/** Polls `url` until it answers `status` or `timeoutMs` passes; resolves with the time it took. */
export async function waitFor(url: string, status: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const response = await fetch(url);
      if (response.status === status) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms`);
}

/** Waits until the process has printed `text` (it prints its banner just after it starts listening). */
export async function waitForOutput(spawned: SpawnedServer, text: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!spawned.output().includes(text)) {
    if (Date.now() - started > timeoutMs) throw new Error(`the process did not print "${text}" within ${timeoutMs} ms; it printed:\n${spawned.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
