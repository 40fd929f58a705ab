// <qm-launcher> in Chromium against the real server (web-test-runner.config.mjs):
// real mouse and keyboard (@web/test-runner-commands), so focus moves as a visitor's would.
import 'axe-core/axe.min.js';
import type { AxeResults, RunOptions } from 'axe-core';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import * as assert from 'uvu/assert';
import type { Estimate } from '../../internal/api-client.ts';
import { formatMoney } from '../../internal/money.ts';
import './qm-launcher.define.ts';
import type { QmLauncher } from './qm-launcher.ts';

declare global {
  interface Window {
    QM_API: string;
    axe: { run(context: Element, options?: RunOptions): Promise<AxeResults> };
  }
}

const PAINTER_KEY = 'pk_test_brightside';

/** Puts a launcher on the page and waits until its widget has its config. */
async function mount(): Promise<{ el: QmLauncher; events: string[] }> {
  const events: string[] = [];
  for (const name of ['qm-open', 'qm-close'] as const) document.addEventListener(name, () => events.push(name));
  const ready = new Promise((done) => document.addEventListener('qm-ready', done, { once: true }));
  document.body.insertAdjacentHTML('beforeend', `<qm-launcher key="${PAINTER_KEY}" service="interior-painting" api-base="${window.QM_API}"></qm-launcher>`);
  const el = document.querySelector('qm-launcher')!;
  await ready;
  return { el, events };
}

const parts = (el: QmLauncher) => ({
  button: el.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!,
  dialog: el.shadowRoot!.querySelector('dialog')!,
  close: el.shadowRoot!.querySelector<HTMLButtonElement>('[part="close"]')!,
});

/** The focused element, looking through shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether `node` is inside `container`, across shadow boundaries. */
function inside(node: Node | null, container: Node): boolean {
  for (let n = node; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === container) return true;
  return false;
}

/** Waits for the dialog's opening animation (it moves the box). */
const settled = (dialog: HTMLDialogElement) => Promise.all(dialog.getAnimations().map((a) => a.finished));

async function click(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

const until = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((done) => setTimeout(done, 20));
  assert.ok(check(), what);
};

afterEach(async () => {
  await resetMouse();
  document.body.replaceChildren();
  // The widget keeps the visitor's progress in sessionStorage: each test starts afresh.
  sessionStorage.clear();
});

describe('<qm-launcher>', () => {
  before(() => sessionStorage.clear());

  it('shows a floating button with an accessible name, the dialog closed', async () => {
    const { el } = await mount();
    const { button, dialog } = parts(el);
    assert.is(button.textContent?.trim(), 'Get a quote');
    assert.is(button.getAttribute('aria-haspopup'), 'dialog');
    assert.is(getComputedStyle(button).position, 'fixed');
    assert.is(dialog.open, false);
    assert.is(el.open, false);
  });

  it('opens a modal dialog with the widget on click and moves focus into it', async () => {
    const { el } = await mount();
    const { button, dialog } = parts(el);
    await click(button);
    await until(() => dialog.open, 'the dialog opened');
    assert.ok(dialog.matches(':modal'), 'opened with showModal()');
    assert.is(dialog.getAttribute('aria-labelledby'), 'title');
    assert.is(el.shadowRoot!.getElementById('title')?.textContent, 'Get a quote');
    assert.ok(inside(el.widget, dialog), 'the widget is in the dialog');
    assert.ok(inside(focused(), dialog), 'focus moved into the dialog');
  });

  it('keeps Tab inside the dialog', async () => {
    const { el } = await mount();
    const { button, dialog } = parts(el);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog.open, 'Enter on the button opened the dialog');
    const seen = new Set<Element>();
    for (let i = 0; i < 14; i++) {
      await sendKeys({ press: 'Tab' });
      const now = focused();
      assert.ok(inside(now, dialog), `Tab ${i + 1} stayed in the dialog (focus on ${now?.outerHTML.slice(0, 60)})`);
      seen.add(now!);
    }
    assert.ok(seen.size >= 5, 'went round the close button and the four fields');
    await sendKeys({ down: 'Shift' });
    try {
      for (let i = 0; i < 7; i++) {
        await sendKeys({ press: 'Tab' });
        assert.ok(inside(focused(), dialog), `Shift+Tab ${i + 1} stayed in the dialog`);
      }
    } finally {
      await sendKeys({ up: 'Shift' });
    }
  });

  it('closes on Escape and gives focus back to the launcher, firing qm-open then qm-close', async () => {
    const { el, events } = await mount();
    const { button, dialog } = parts(el);
    await click(button);
    await until(() => dialog.open, 'opened');
    await settled(dialog);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'Escape closed the dialog');
    await until(() => events.length === 2, 'qm-close fired');
    assert.equal(events, ['qm-open', 'qm-close']);
    assert.is(focused(), button, 'focus is back on the launcher');
  });

  it('closes with its close button, which has an accessible name', async () => {
    const { el } = await mount();
    const { button, dialog, close } = parts(el);
    await click(button);
    await until(() => dialog.open, 'opened');
    await settled(dialog);
    assert.is(close.getAttribute('aria-label'), 'Close');
    await click(close);
    await until(() => !dialog.open, 'the close button closed it');
    assert.is(focused(), button);
  });

  it('show({ prefill: { rooms: 4 } }) opens with four rooms and their price', async () => {
    const { el } = await mount();
    const priced = new Promise<Estimate>((done) =>
      el.addEventListener('qm-estimate', (e) => e.detail.lines.some((l) => l.id === 'rooms' && l.quantity === 4) && done(e.detail)),
    );
    await el.show({ prefill: { rooms: 4 } });
    const estimate = await priced;
    // Four medium rooms (tenants/brightside-painting.json; `npm run price -- … --fields '{"rooms":4}'`)
    assert.is(estimate.total, 74600);
    const widget = el.widget!;
    await widget.updateComplete;
    assert.is(widget.shadowRoot!.querySelector<HTMLInputElement>('#f-rooms')!.value, '4');
    assert.is(widget.shadowRoot!.querySelector('[data-total]')!.textContent, formatMoney(74600, 'en-US', 'USD'));
  });

  it('takes the tenant’s theme for its button', async () => {
    const { el } = await mount();
    assert.is(el.style.getPropertyValue('--qm-color-primary'), '#0b6e4f');
    assert.is(getComputedStyle(parts(el).button).backgroundColor, 'rgb(11, 110, 79)');
  });

  it('labels itself in the tenant’s language once the widget has its config (cleaner tenant: de)', async () => {
    const ready = new Promise((done) => document.addEventListener('qm-ready', done, { once: true }));
    document.body.insertAdjacentHTML('beforeend', `<qm-launcher key="pk_test_glanzwerk" api-base="${window.QM_API}"></qm-launcher>`);
    const el = document.querySelector('qm-launcher')!;
    await ready;
    await el.updateComplete;
    const { button, close } = parts(el);
    assert.is(button.textContent?.trim(), 'Angebot einholen');
    assert.is(el.shadowRoot!.getElementById('title')?.textContent, 'Angebot einholen');
    assert.is(close.getAttribute('aria-label'), 'Schließen');
    el.lang = 'fr';
    await el.updateComplete;
    assert.is(button.textContent?.trim(), 'Obtenir un devis');
    el.label = 'Devis gratuit';
    await el.updateComplete;
    assert.is(button.textContent?.trim(), 'Devis gratuit');
  });

  it('keeps the primary action in view at 1280×800 while the form scrolls under it', async () => {
    const before = { width: innerWidth, height: innerHeight };
    await setViewport({ width: 1280, height: 800 });
    try {
      const { el } = await mount();
      await el.show();
      const { dialog } = parts(el);
      await settled(dialog);
      const widget = el.widget!;
      await until(() => widget.shadowRoot!.querySelector('[data-total]') !== null, 'the price');
      await widget.updateComplete;
      assert.ok(dialog.scrollHeight > dialog.clientHeight, 'the dialog’s content is taller than the dialog: it scrolls');
      const box = dialog.getBoundingClientRect();
      assert.ok(box.bottom <= 800, 'the dialog fits the viewport');
      const primary = () => widget.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!;
      const visible = () => {
        const button = primary().getBoundingClientRect();
        return button.top >= box.top && button.bottom <= box.bottom;
      };
      assert.is(primary().textContent, 'Continue');
      assert.ok(visible(), 'Continue is in view before scrolling');
      dialog.scrollTop = dialog.scrollHeight;
      assert.ok(visible(), 'and after');
      // Inside the dialog the widget draws no box of its own: the dialog is the box.
      assert.is(getComputedStyle(widget.shadowRoot!.querySelector('.qm')!).borderTopStyle, 'none');
      el.hide();
    } finally {
      await setViewport(before);
    }
  });

  it('is a full-screen sheet at 320 px', async () => {
    const before = { width: innerWidth, height: innerHeight };
    await setViewport({ width: 320, height: 640 });
    try {
      const { el } = await mount();
      await el.show();
      await settled(parts(el).dialog);
      const box = parts(el).dialog.getBoundingClientRect();
      assert.equal([box.x, box.y, box.width, box.height], [0, 0, 320, 640]);
      const widgetBox = el.widget!.getBoundingClientRect();
      assert.ok(widgetBox.width <= 320, 'the widget fits');
      el.hide();
    } finally {
      await setViewport(before);
    }
  });

  it('is accessible (axe-core), closed and open', async () => {
    const { el } = await mount();
    const violations = async () => (await window.axe.run(el)).violations.map((v) => `${v.id}: ${v.help}`);
    assert.equal(await violations(), [], 'closed');
    await el.show();
    await el.widget!.updateComplete;
    assert.equal(await violations(), [], 'open');
    el.hide();
  });
});
