// Liveness and readiness probes. /healthz answers while the process lives;
// /readyz only while every dependency answers and no shutdown has begun.
import Router from '@koa/router';

export type Readiness = () => Promise<{ ready: boolean; checks: Record<string, 'ok' | string> }>;

export function healthRoutes(readiness: Readiness): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const { ready, checks } = await readiness();
    ctx.set('Cache-Control', 'no-store');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not_ready', checks };
  });
  return router;
}

/** Runs named checks with a time limit each; any failure (or `stopping`) makes the process not ready. */
export function createReadiness(checks: Record<string, () => Promise<unknown>>, isStopping: () => boolean, timeoutMs = 2000): Readiness {
  return async () => {
    const results: Record<string, string> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([check(), new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
          results[name] = 'ok';
        } catch (error) {
          results[name] = error instanceof Error ? error.message : String(error);
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    if (isStopping()) results.shutdown = 'the process is shutting down';
    return { ready: Object.values(results).every((r) => r === 'ok'), checks: results };
  };
}
