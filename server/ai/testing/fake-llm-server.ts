// Local HTTP servers that speak the OpenAI Responses API (POST /v1/responses)
// and the Anthropic Messages API (POST /v1/messages) wire formats, for the
// official SDKs to be pointed at by baseURL in tests, the eval and benches.
// Each request takes the next scripted scenario (or the default answer):
// success, 429 with Retry-After, 500, a hang (timeout), malformed JSON, and
// the providers' usage-limit errors. Nothing here runs in production.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Wire = 'openai' | 'anthropic';

/** What the fake does with one request. */
export type Scenario =
  /** 200 with this answer as the model's JSON output (a tool call when the request forced one). */
  | { answer: unknown; usage?: { input: number; output: number } }
  /** 200 with this exact text as the model's output (not JSON, or JSON of the wrong shape). */
  | { text: string; usage?: { input: number; output: number } }
  /** An error status with the provider's error body; `retryAfter` becomes the Retry-After header. */
  | { status: number; retryAfter?: string; errorType?: string; message?: string }
  /** The provider's "out of credit / usage limit" answer, with this status (400, 402 or 429). */
  | { usageLimit: 400 | 402 | 429 }
  /** Never answers (the client's timeout fires). */
  | { hang: true }
  /** 200 with a body that is not JSON. */
  | { malformed: true };

/** One request the fake received. */
export interface Recorded {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** The visitor text between the prompt's markers, decoded. */
  visitorText: string | null;
}

export interface FakeLlm {
  wire: Wire;
  /** The origin, http://127.0.0.1:port. */
  url: string;
  /** What to give the SDK as baseURL. */
  baseURL: string;
  requests: Recorded[];
  /** Queues scenarios for the next requests, in order. */
  next(...scenarios: Scenario[]): void;
  /** What answers when the queue is empty (default: an empty answer). */
  setDefault(answer: (request: Recorded) => Scenario): void;
  close(): Promise<void>;
}

function visitorTextOf(body: Record<string, unknown>): string | null {
  const text = JSON.stringify(body);
  // The last pair of markers: the instructions name them too.
  const match = [...text.matchAll(/<visitor_text>(.*?)<\/visitor_text>/g)].at(-1);
  if (match?.[1] === undefined) return null;
  try {
    // The marker's content is a JSON string inside a JSON string: decode twice.
    return JSON.parse(JSON.parse(`"${match[1]}"`) as string) as string;
  } catch {
    return null;
  }
}

function usageLimitBody(wire: Wire, status: number): unknown {
  if (wire === 'openai') {
    return { error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } };
  }
  return status === 402
    ? { type: 'error', error: { type: 'billing_error', message: 'Your organization has reached its usage limit.' } }
    : { type: 'error', error: { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' } };
}

function errorBody(wire: Wire, status: number, type: string | undefined, message: string): unknown {
  if (wire === 'openai') return { error: { message, type: type ?? (status >= 500 ? 'server_error' : 'invalid_request_error'), param: null, code: null } };
  return { type: 'error', error: { type: type ?? (status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error'), message } };
}

function successBody(wire: Wire, request: Recorded, output: string, parsed: unknown, usage: { input: number; output: number }): unknown {
  const model = String(request.body.model ?? 'model');
  if (wire === 'openai') {
    return {
      id: `resp_${Date.now()}`,
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      status: 'completed',
      model,
      output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: output, annotations: [] }] }],
      usage: { input_tokens: usage.input, input_tokens_details: { cached_tokens: 0 }, output_tokens: usage.output, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: usage.input + usage.output },
    };
  }
  const choice = request.body.tool_choice as { type?: string; name?: string } | undefined;
  const content =
    choice?.type === 'tool' && parsed !== undefined
      ? [{ type: 'tool_use', id: 'toolu_1', name: choice.name, input: parsed }]
      : [{ type: 'text', text: output }];
  return {
    id: `msg_${Date.now()}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: content[0]?.type === 'tool_use' ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: usage.input, output_tokens: usage.output },
  };
}

/** Starts a fake on 127.0.0.1 on a free port. */
export async function startFakeLlm(wire: Wire): Promise<FakeLlm> {
  const queue: Scenario[] = [];
  const requests: Recorded[] = [];
  let fallback: (request: Recorded) => Scenario = () => ({ answer: { fields: {}, confidence: 0 } });
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const expected = wire === 'openai' ? '/v1/responses' : '/v1/messages';
      const path = (req.url ?? '').split('?')[0] ?? '';
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // recorded as empty
      }
      const recorded: Recorded = { path, headers: req.headers, body, visitorText: visitorTextOf(body) };
      requests.push(recorded);
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== 'POST' || path !== expected) return send(404, errorBody(wire, 404, 'not_found_error', `no route ${path}`));
      const scenario = queue.shift() ?? fallback(recorded);
      if ('hang' in scenario) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if ('malformed' in scenario) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"id": "resp_1", "output": [ {"type": "mess');
      }
      if ('usageLimit' in scenario) return send(scenario.usageLimit, usageLimitBody(wire, scenario.usageLimit));
      if ('status' in scenario) {
        const headers: Record<string, string> = scenario.retryAfter === undefined ? {} : { 'retry-after': scenario.retryAfter };
        return send(scenario.status, errorBody(wire, scenario.status, scenario.errorType, scenario.message ?? `fake ${scenario.status}`), headers);
      }
      const usage = scenario.usage ?? { input: 120, output: 30 };
      if ('text' in scenario) return send(200, successBody(wire, recorded, scenario.text, undefined, usage));
      return send(200, successBody(wire, recorded, JSON.stringify(scenario.answer), scenario.answer, usage));
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    wire,
    url,
    baseURL: wire === 'openai' ? `${url}/v1` : url,
    requests,
    next: (...scenarios) => void queue.push(...scenarios),
    setDefault(answer) {
      fallback = answer;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
