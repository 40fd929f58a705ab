// The main chunk that embed.js lazy-loads: defines the elements, then takes
// over window.QuoteMaster and replays the calls queued before it arrived.
import { QmWidget } from './components/qm-widget/qm-widget.define.ts';
import type { QueuedCall } from './internal/stub.ts';

const widgets = (): QmWidget[] => [...document.querySelectorAll('qm-widget')];

const api = {
  // Inline mode: the widget is always open; the launcher (later) gives these meaning.
  open(options?: { prefill?: Record<string, unknown> }): void {
    if (options?.prefill) api.prefill(options.prefill);
  },
  close(): void {},
  prefill(fields: Record<string, unknown>): void {
    for (const widget of widgets()) widget.setValues(fields);
  },
};

const stub = window.QuoteMaster;
if (stub) {
  const queued: QueuedCall[] = stub.q.splice(0);
  Object.assign(stub, api, { q: [] });
  for (const [name, args] of queued) (api[name] as (...a: unknown[]) => void)(...args);
}

export { QmWidget };
