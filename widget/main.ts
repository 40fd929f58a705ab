// The main chunk that embed.js lazy-loads: defines the elements, then takes
// over window.QuoteMaster and replays the calls queued before it arrived.
// <qm-launcher> is in here too, not a chunk of its own: see decision 0018.
import './components/qm-widget/qm-widget.define.ts';
import './components/qm-launcher/qm-launcher.define.ts';
import type { QmLauncher, QmOpenOptions } from './components/qm-launcher/qm-launcher.ts';
import type { QueuedCall } from './internal/stub.ts';

/**
 * The page's launcher: in inline mode (none on the page) open() creates one
 * without its floating button, so a page's own "Get a quote" buttons open the
 * same dialog (decision 0011, "Launcher").
 */
function launcher(): QmLauncher {
  let element = document.querySelector('qm-launcher');
  if (!element) {
    element = document.createElement('qm-launcher');
    element.noButton = true;
    document.body.append(element);
  }
  return element;
}

const api = {
  /** Opens the launcher's dialog, optionally on a service and with field values. */
  open(options: QmOpenOptions = {}): void {
    void launcher().show(options);
  },
  /** Closes the launcher's dialog. */
  close(): void {
    for (const element of document.querySelectorAll('qm-launcher')) element.hide();
  },
  /** Sets field values on the inline widgets and on the launcher's widget. */
  prefill(fields: Record<string, unknown>): void {
    for (const widget of document.querySelectorAll('qm-widget')) widget.setValues(fields);
    document.querySelector('qm-launcher')?.setValues(fields);
  },
};

function takeOver(): void {
  const stub = window.QuoteMaster;
  if (!stub) return;
  const queued: QueuedCall[] = stub.q.splice(0);
  Object.assign(stub, api, { q: [] });
  for (const [name, args] of queued) (api[name] as (...a: unknown[]) => void)(...args);
}

// The loader adds <qm-launcher> once the body exists; replay after it has, so open() finds it.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', takeOver, { once: true });
else takeOver();
