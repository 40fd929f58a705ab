// Live price as a reactive controller (lit's Task pattern, kept small): debounced
// requests, only the newest answer counts — each request aborts the one before,
// and an aborted request's answer (or failure) is dropped.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Estimate } from '../internal/api-client.ts';

export type EstimateState = 'idle' | 'pending' | 'done' | 'error';

export class EstimateController implements ReactiveController {
  state: EstimateState = 'idle';
  value: Estimate | null = null;
  error: Error | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #fetch: (fields: Record<string, unknown>, signal: AbortSignal) => Promise<Estimate>;
  readonly #onDone: (estimate: Estimate) => void;
  readonly #delay: number;

  constructor(
    host: ReactiveControllerHost,
    options: { fetch: (fields: Record<string, unknown>, signal: AbortSignal) => Promise<Estimate>; onDone: (estimate: Estimate) => void; delay?: number },
  ) {
    this.#host = host;
    this.#fetch = options.fetch;
    this.#onDone = options.onDone;
    this.#delay = options.delay ?? 250;
    host.addController(this);
  }

  /** Asks for a price for these values after the debounce delay (0 = at once). */
  request(fields: Record<string, unknown>, delay = this.#delay): void {
    clearTimeout(this.#timer);
    this.state = 'pending';
    this.#host.requestUpdate();
    // At once means now, not after a timer: a timer waits behind the frame being rendered.
    if (delay === 0) void this.#run(fields);
    else this.#timer = setTimeout(() => void this.#run(fields), delay);
  }

  async #run(fields: Record<string, unknown>): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    try {
      const value = await this.#fetch(fields, abort.signal);
      if (abort.signal.aborted) return; // a newer request is on its way
      this.value = value;
      this.error = null;
      this.state = 'done';
      this.#onDone(value);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.error = error as Error;
      this.state = 'error';
    }
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }
}
