// `npm run webhooks:receive`: a local endpoint for the demo tenant's webhooks
// (tenants/brightside-painting.json sends to http://localhost:3100/webhooks).
// Verifies every request with the Standard Webhooks reference package, prints
// one line per delivery, answers 204 (or 401 for a bad signature), and lists
// what it received as JSON at GET /.
//   npm run webhooks:receive [-- --port 3100 --secret whsec_… --tenant tenants/brightside-painting.json]
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3100' },
    secret: { type: 'string' },
    tenant: { type: 'string', default: 'tenants/brightside-painting.json' },
  },
});
const secret = values.secret ?? (JSON.parse(readFileSync(values.tenant, 'utf8')) as { webhooks?: Array<{ secret: string }> }).webhooks?.[0]?.secret;
if (!secret) {
  process.stderr.write(`no secret: pass --secret, or a --tenant file with a webhook (${values.tenant} has none)\n`);
  process.exit(1);
}
const verifier = new Webhook(secret);
const received: Array<{ at: string; id: string; type: string | null; verified: boolean; body: unknown }> = [];

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(received, null, 2));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    let verified = true;
    try {
      verifier.verify(raw, req.headers as Record<string, string>);
    } catch {
      verified = false;
    }
    let body: { type?: string; data?: { number?: string; total?: number; currency?: string } } | null = null;
    try {
      body = JSON.parse(raw);
    } catch {
      body = null;
    }
    const id = String(req.headers['webhook-id'] ?? '');
    received.push({ at: new Date().toISOString(), id, type: body?.type ?? null, verified, body });
    const amount = body?.data?.total !== undefined ? ` ${body.data.total} ${body.data.currency ?? ''}` : '';
    process.stdout.write(`${new Date().toISOString()} ${verified ? 'verified ✓' : 'BAD SIGNATURE ✗'} ${id} ${body?.type ?? '?'} ${body?.data?.number ?? ''}${amount}\n`);
    res.writeHead(verified ? 204 : 401);
    res.end();
  });
});
server.listen(Number(values.port), '127.0.0.1', () => process.stdout.write(`Webhook receiver on http://localhost:${values.port}/webhooks (GET / lists what arrived)\n`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
