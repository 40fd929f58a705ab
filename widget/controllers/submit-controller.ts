// Submitting a quote as a reactive controller. One Idempotency-Key per
// attempt-set: a key is made (crypto.randomUUID) for a body and reused for as
// long as the body stays the same — every retry, even after a reload — so a
// lost answer never becomes a second quote. A changed body is a new request
// and gets a new key (the server would refuse the old one: idempotency_key_reused).
import type { ReactiveControllerHost } from 'lit';
import { WidgetApiError, type SubmittedQuote } from '../internal/api-client.ts';

export type SubmitState = 'idle' | 'pending' | 'done' | 'error';

// Nothing to do on connect or disconnect, so it is not registered with addController: it only asks the host to update.
export class SubmitController {
  state: SubmitState = 'idle';
  result: SubmittedQuote | null = null;
  error: WidgetApiError | null = null;
  /** The key and the body it belongs to; kept by the host across reloads. */
  attempt: { key: string; body: string } | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #send: (body: string, key: string) => Promise<SubmittedQuote>;

  constructor(host: ReactiveControllerHost, send: (body: string, key: string) => Promise<SubmittedQuote>) {
    this.#host = host;
    this.#send = send;
  }

  /** Sends the body (JSON-serialisable); resolves to the quote, or null with `error` set. */
  async submit(body: unknown): Promise<SubmittedQuote | null> {
    if (this.state === 'pending') return null;
    const text = JSON.stringify(body);
    if (this.attempt?.body !== text) this.attempt = { key: crypto.randomUUID(), body: text };
    this.state = 'pending';
    this.error = null;
    this.#host.requestUpdate();
    try {
      this.result = await this.#send(text, this.attempt.key);
      this.state = 'done';
      this.attempt = null;
    } catch (error) {
      this.error = error instanceof WidgetApiError ? error : new WidgetApiError('network_error', String(error));
      this.state = 'error';
    }
    this.#host.requestUpdate();
    return this.state === 'done' ? this.result : null;
  }
}
