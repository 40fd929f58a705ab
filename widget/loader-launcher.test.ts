// embed.js with data-mode="launcher" (built, served by the real server): its own
// page, because embed.js runs once per page (loader.test.ts has the inline page).
import 'axe-core/axe.min.js';
import type { AxeResults, RunOptions } from 'axe-core';
import * as assert from 'uvu/assert';
import type { Estimate } from './internal/api-client.ts';

declare global {
  interface Window {
    QM_API: string;
    axe: { run(context: Element, options?: RunOptions): Promise<AxeResults> };
  }
}

function addLoader(): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = `${window.QM_API}embed.js`;
  script.dataset.key = 'pk_test_brightside';
  script.dataset.mode = 'launcher';
  document.head.append(script);
  return script;
}

/** QuoteMaster.open(), resolved on qm-open. */
function open(): Promise<unknown> {
  const opened = new Promise((done) => document.addEventListener('qm-open', done, { once: true }));
  window.QuoteMaster!.open();
  return opened;
}

const loaded = (script: HTMLScriptElement) => new Promise((done) => script.addEventListener('load', done, { once: true }));

describe('embed.js data-mode="launcher"', () => {
  // The widget keeps the visitor's progress in sessionStorage, which outlives a test page.
  before(() => sessionStorage.clear());
  after(() => sessionStorage.clear());

  it('shows one launcher, loaded twice; QuoteMaster.open({ service, prefill: { rooms: 4 } }) queued before the widget arrives opens it with four rooms and their price', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    const priced = new Promise<Estimate>((done) =>
      document.addEventListener('qm-estimate', (e) => e.detail.lines.some((l) => l.id === 'rooms' && l.quantity === 4) && done(e.detail)),
    );
    try {
      const first = addLoader();
      await loaded(first);
      window.QuoteMaster!.open({ service: 'interior-painting', prefill: { rooms: 4 } }); // before the main chunk: queued
      assert.is(window.QuoteMaster!.q.length, 1, 'queued by the loader');
      const second = addLoader();
      await loaded(second);
      assert.is(warnings.length, 1);
      assert.match(String(warnings[0]![0]), 'twice');
      await customElements.whenDefined('qm-launcher');
      assert.is(document.querySelectorAll('qm-launcher').length, 1, 'one launcher');
      const launcher = document.querySelector('qm-launcher')!;
      assert.is(launcher.noButton, false);
      const estimate = await priced;
      assert.is(estimate.total, 74600); // four medium rooms, tenants/brightside-painting.json
      const dialog = launcher.shadowRoot!.querySelector('dialog')!;
      assert.ok(dialog.matches(':modal'), 'open, as a modal');
      const widget = launcher.widget!;
      await widget.updateComplete;
      assert.is(widget.key, 'pk_test_brightside', 'the script’s key');
      assert.is(widget.service, 'interior-painting');
      assert.is(widget.shadowRoot!.querySelector<HTMLInputElement>('#f-rooms')!.value, '4');
      assert.is(widget.shadowRoot!.querySelector('[data-total]')!.textContent, '$746.00');
    } finally {
      console.warn = warn;
    }
  });

  it('close() closes it; prefill() sets fields on its widget', async () => {
    const launcher = document.querySelector('qm-launcher')!;
    const dialog = launcher.shadowRoot!.querySelector('dialog')!;
    window.QuoteMaster!.close();
    assert.is(dialog.open, false);
    const priced = new Promise<Estimate>((done) => launcher.addEventListener('qm-estimate', (e) => done(e.detail), { once: true }));
    window.QuoteMaster!.prefill({ rooms: 2, size: 'small' });
    assert.is((await priced).total, 31300);
    await open();
    assert.ok(dialog.open);
    assert.is(launcher.widget!.shadowRoot!.querySelector<HTMLInputElement>('#f-rooms')!.value, '2', 'open() without prefill keeps the values');
    window.QuoteMaster!.close();
  });

  it('is accessible (axe-core), closed and open', async () => {
    const launcher = document.querySelector('qm-launcher')!;
    const violations = async () => (await window.axe.run(launcher)).violations.map((v) => `${v.id}: ${v.help}`);
    assert.equal(await violations(), [], 'closed');
    await open();
    assert.equal(await violations(), [], 'open');
    window.QuoteMaster!.close();
  });
});
