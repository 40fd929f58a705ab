// The shape of window.QuoteMaster that the loader sets up and main.ts takes over.

/** A call made before the widget arrived: [method, arguments]. */
export type QueuedCall = ['open' | 'close' | 'prefill', unknown[]];

export interface QuoteMasterStub {
  /** The publishable key from the script's data-key. */
  key: string;
  mode: 'inline' | 'launcher';
  /** The origin (with trailing slash) that embed.js came from; the API lives there too. */
  base: string;
  /** Calls queued until the main chunk arrives; emptied when it does. */
  q: QueuedCall[];
  open(options?: { service?: string; prefill?: Record<string, unknown> }): void;
  close(): void;
  prefill(fields: Record<string, unknown>): void;
}

declare global {
  interface Window {
    QuoteMaster?: QuoteMasterStub;
  }
}
