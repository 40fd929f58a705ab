// embed.js — the tiny loader a tenant pastes (issue 4, cal.com's embed-snippet
// pattern): read our own data-*, queue API calls, lazy-load the widget from the
// same host. Size budget: 2 KB gzip (`npm run size`). No Lit in here.
import type { QueuedCall, QuoteMasterStub } from './internal/stub.ts';

/** Replaced at build time by the hashed file name of the main chunk (rollup.config.mjs). */
declare const __QM_MAIN_CHUNK__: string;

const script = document.currentScript as HTMLScriptElement | null;

if (window.QuoteMaster) {
  // Host pages do include scripts twice; the first copy wins.
  console.warn('[quote-master] embed.js is on this page twice; the second copy does nothing.');
} else {
  const src = script?.src || location.href;
  const data = script?.dataset ?? {};
  const launcher = data.mode === 'launcher';
  if (!launcher && data.mode && data.mode !== 'inline') console.warn(`[quote-master] data-mode="${data.mode}" is unknown; using inline.`);
  const queue: QueuedCall[] = [];
  const later =
    (name: QueuedCall[0]) =>
    (...args: unknown[]): void => {
      queue.push([name, args]);
    };
  const stub: QuoteMasterStub = {
    key: data.key ?? '',
    mode: launcher ? 'launcher' : 'inline',
    base: new URL('./', src).href,
    q: queue,
    open: later('open'),
    close: later('close'),
    prefill: later('prefill'),
  };
  window.QuoteMaster = stub;
  // The placeholder: <qm-widget> keeps its room until the element is defined.
  const style = document.createElement('style');
  style.textContent = 'qm-widget:not(:defined){display:block;min-height:8rem}';
  document.head.append(style);
  if (launcher) {
    // Reserved like <qm-widget>: the main chunk defines it, and it upgrades in place.
    const add = (): void => void document.body.append(document.createElement('qm-launcher'));
    if (document.body) add();
    else document.addEventListener('DOMContentLoaded', add, { once: true });
  }
  import(new URL(`./widget/${__QM_MAIN_CHUNK__}`, src).href).catch((error: unknown) => {
    console.error('[quote-master] could not load the widget', error);
  });
  // A page's first Intl number format costs ~30 ms (ICU starts up); an inline
  // widget formats its price soon, so that is paid now, while the chunk downloads.
  if (!launcher) setTimeout(() => new Intl.NumberFormat().format(0));
}
