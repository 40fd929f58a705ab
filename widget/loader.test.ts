// The built embed.js (dist/widget, served by the real server) on a page of another origin.
import * as assert from 'uvu/assert';
import type { Estimate } from './internal/api-client.ts';

declare global {
  interface Window {
    QM_API: string;
  }
}

function addLoader(): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = `${window.QM_API}embed.js`;
  script.dataset.key = 'pk_test_brightside';
  document.head.append(script);
  return script;
}

// One page per test file, and embed.js runs once per page: the inline-mode
// tests share this page (the first loads the loader); launcher mode has its own
// page in loader-launcher.test.ts.

describe('embed.js', () => {
  // The widget keeps the visitor's progress in sessionStorage, which outlives a test page.
  before(() => sessionStorage.clear());
  after(() => sessionStorage.clear());

  it('queues calls, lazy-loads the widget from its own host, and warns once when loaded twice', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      document.body.insertAdjacentHTML('beforeend', '<qm-widget></qm-widget>');
      const el = document.querySelector('qm-widget')!;
      const priced = new Promise<Estimate>((done) =>
        el.addEventListener('qm-estimate', (e) => {
          if (e.detail.lines.some((line) => line.quantity === 3)) done(e.detail);
        }),
      );
      const first = addLoader();
      await new Promise((done) => first.addEventListener('load', done, { once: true }));
      assert.is(window.QuoteMaster?.key, 'pk_test_brightside');
      assert.is(window.QuoteMaster?.base, window.QM_API);
      window.QuoteMaster!.prefill({ rooms: 3 }); // before the main chunk has arrived: queued
      const second = addLoader();
      await new Promise((done) => second.addEventListener('load', done, { once: true }));
      assert.is(warnings.length, 1);
      assert.match(String(warnings[0]![0]), 'twice');
      const estimate = await priced;
      assert.ok(customElements.get('qm-widget'), 'defined by the lazy-loaded chunk');
      assert.ok(estimate.total > 0);
      assert.is((el as HTMLElement & { shadowRoot: ShadowRoot }).shadowRoot.querySelector<HTMLInputElement>('#f-rooms')?.value, '3');
    } finally {
      console.warn = warn;
    }
  });

  it('open() on an inline page opens the dialog of a launcher without a floating button', async () => {
    if (!window.QuoteMaster) {
      const script = addLoader();
      await new Promise((done) => script.addEventListener('load', done, { once: true }));
    }
    await customElements.whenDefined('qm-launcher');
    assert.is(document.querySelector('qm-launcher'), null, 'inline mode adds no launcher by itself');
    const events: string[] = [];
    for (const name of ['qm-open', 'qm-close'] as const) document.addEventListener(name, (e) => events.push(`${name}:${e.composed && e.bubbles}`));
    const opened = new Promise((done) => document.addEventListener('qm-open', done, { once: true }));
    window.QuoteMaster!.open({ prefill: { rooms: 2 } });
    const launcher = document.querySelector('qm-launcher')!;
    assert.ok(launcher.noButton, 'the page has its own buttons; no floating one appears');
    await launcher.updateComplete;
    const dialog = launcher.shadowRoot!.querySelector('dialog')!;
    await opened;
    assert.ok(dialog.matches(':modal'));
    assert.is(getComputedStyle(launcher.shadowRoot!.querySelector('[part="launcher"]')!).display, 'none');
    const closed = new Promise((done) => document.addEventListener('qm-close', done, { once: true }));
    window.QuoteMaster!.close();
    assert.is(dialog.open, false);
    await closed;
    assert.equal(events, ['qm-open:true', 'qm-close:true']);
  });

  it('downloads no other language on an English page; a German tenant’s widget then loads the German table alone', async () => {
    /** The language chunks (dist/widget/{de,fr,es}-[hash].js) this page has fetched. */
    const languages = () =>
      performance
        .getEntriesByType('resource')
        .map((entry) => /\/widget\/([a-z]{2})-[\w-]{8}\.js$/.exec(entry.name)?.[1])
        .filter(Boolean);
    assert.ok(document.querySelector('qm-widget')?.shadowRoot?.querySelector('[data-total]'), 'the painter’s English widget is showing');
    assert.equal(languages(), []);
    document.body.insertAdjacentHTML('beforeend', '<qm-widget key="pk_test_glanzwerk" id="cleaner"></qm-widget>');
    const element = document.getElementById('cleaner')!;
    await new Promise((done) => element.addEventListener('qm-ready', done, { once: true }));
    const cleaner = element.shadowRoot!;
    assert.ok([...cleaner.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Weiter'), 'German, from the tenant’s locale (de-DE)');
    assert.equal(languages(), ['de']);
  });
});
