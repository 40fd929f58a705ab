// <qm-widget> in Chromium against the real server (web-test-runner.config.mjs).
import 'axe-core/axe.min.js';
import type { AxeResults, RunOptions } from 'axe-core';
import * as assert from 'uvu/assert';
import type { Estimate } from '../../internal/api-client.ts';
import { formatMoney } from '../../internal/money.ts';
import './qm-widget.define.ts';
import type { QmWidget } from './qm-widget.ts';

declare global {
  interface Window {
    QM_API: string;
    axe: { run(context: Element, options?: RunOptions): Promise<AxeResults> };
  }
}

const PAINTER_KEY = 'pk_test_brightside';

/** Puts a widget on the page and waits for its first price. */
async function mount(attributes = 'service="interior-painting"'): Promise<{ el: QmWidget; events: string[]; estimates: Estimate[] }> {
  const events: string[] = [];
  const estimates: Estimate[] = [];
  const host = document.createElement('div');
  document.body.append(host);
  host.addEventListener('qm-ready', () => events.push('qm-ready'));
  host.addEventListener('qm-estimate', (e) => {
    events.push('qm-estimate');
    estimates.push(e.detail);
  });
  host.addEventListener('qm-error', () => events.push('qm-error'));
  const first = new Promise((done) => host.addEventListener('qm-estimate', done, { once: true }));
  host.innerHTML = `<qm-widget key="${PAINTER_KEY}" api-base="${window.QM_API}" ${attributes}></qm-widget>`;
  await first;
  const el = host.querySelector('qm-widget')!;
  await el.updateComplete;
  return { el, events, estimates };
}

const nextEstimate = (el: HTMLElement): Promise<Estimate> =>
  new Promise((done) => el.addEventListener('qm-estimate', (e) => done(e.detail), { once: true }));

afterEach(() => {
  document.body.replaceChildren();
  sessionStorage.clear();
});

describe('<qm-widget>', () => {
  it('renders the painter’s four fields as labelled native controls', async () => {
    const { el } = await mount();
    const root = el.shadowRoot!;
    assert.is(root.querySelector('h2')?.textContent, 'Interior painting');
    const rooms = root.querySelector<HTMLInputElement>('#f-rooms')!;
    assert.is(rooms.type, 'number');
    assert.is(rooms.value, '1');
    assert.is(rooms.labels?.[0]?.textContent?.trim(), 'Rooms');
    const size = root.querySelector<HTMLSelectElement>('#f-size')!;
    assert.equal([...size.options].map((o) => o.value), ['small', 'medium', 'large']);
    assert.is(size.value, 'medium');
    assert.is(root.querySelector<HTMLInputElement>('#f-ceilings')!.type, 'checkbox');
    assert.is(root.querySelector<HTMLInputElement>('#f-ceilings')!.labels?.[0]?.textContent?.trim(), 'Ceilings too');
    assert.is(root.querySelector<HTMLSelectElement>('#f-timing')!.value, 'flexible');
    assert.is(root.querySelectorAll('input, select').length, 4);
  });

  it('fires qm-ready, then qm-estimate, bubbling and composed', async () => {
    const { events } = await mount();
    assert.equal(events, ['qm-ready', 'qm-estimate']);
  });

  it('re-prices when rooms change, showing the engine’s total as money', async () => {
    const { el } = await mount();
    const rooms = el.shadowRoot!.querySelector<HTMLInputElement>('#f-rooms')!;
    const size = el.shadowRoot!.querySelector<HTMLSelectElement>('#f-size')!;
    size.value = 'small';
    size.dispatchEvent(new Event('change'));
    const priced = nextEstimate(el);
    rooms.value = '2';
    rooms.dispatchEvent(new Event('input'));
    const estimate = await priced;
    // The painter's own pricing test: two small rooms → 31300 (tenants/brightside-painting.json)
    assert.is(estimate.total, 31300);
    await el.updateComplete;
    const total = el.shadowRoot!.querySelector('[data-total]')!;
    assert.is(total.textContent, formatMoney(31300, 'en-US', 'USD'));
    assert.is(total.textContent, '$313.00');
    assert.is(el.shadowRoot!.querySelector('.price')!.getAttribute('aria-live'), 'polite');
  });

  it('debounces typing into one request and drops nothing but stale answers', async () => {
    const { el, estimates } = await mount();
    const rooms = el.shadowRoot!.querySelector<HTMLInputElement>('#f-rooms')!;
    const priced = nextEstimate(el);
    for (const value of ['3', '4', '5']) {
      rooms.value = value;
      rooms.dispatchEvent(new Event('input'));
    }
    await priced;
    await new Promise((done) => setTimeout(done, 400));
    assert.is(estimates.length, 2, 'the first price, then one for the last value only');
  });

  it('takes initial values from its prefill attribute (JSON)', async () => {
    const { el, estimates } = await mount(`service="interior-painting" prefill='{"rooms":3,"size":"small"}'`);
    assert.is(el.shadowRoot!.querySelector<HTMLInputElement>('#f-rooms')!.value, '3');
    assert.is(el.shadowRoot!.querySelector<HTMLSelectElement>('#f-size')!.value, 'small');
    assert.ok(estimates[0]!.lines.some((l) => l.id === 'rooms' && l.quantity === 3), 'priced with them');
  });

  it('sets the tenant’s theme tokens as --qm-* custom properties', async () => {
    const { el } = await mount();
    assert.is(el.style.getPropertyValue('--qm-color-primary'), '#0b6e4f');
  });

  it('keeps inherited host styles out', async () => {
    document.body.style.color = 'rgb(255, 0, 255)';
    document.body.style.letterSpacing = '9px';
    try {
      const { el } = await mount();
      const label = el.shadowRoot!.querySelector('label')!;
      assert.is.not(getComputedStyle(label).color, 'rgb(255, 0, 255)');
      assert.is(getComputedStyle(label).letterSpacing, 'normal');
    } finally {
      document.body.removeAttribute('style');
    }
  });

  it('is accessible (axe-core)', async () => {
    const { el } = await mount();
    const results = await window.axe.run(el);
    assert.equal(
      results.violations.map((v) => `${v.id}: ${v.help}`),
      [],
    );
  });

  it('draws the voice button’s microphone as an SVG (no emoji font needed), named by its text', async () => {
    const { el } = await mount();
    const voice = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Speak');
    if (!('SpeechRecognition' in window || 'webkitSpeechRecognition' in window)) {
      assert.is(voice, undefined, 'no voice button without speech recognition');
      return;
    }
    const icon = voice!.querySelector('svg')!;
    assert.ok(icon, 'an inline SVG icon');
    assert.is(icon.getAttribute('aria-hidden'), 'true', 'hidden from assistive tech: the text names the button');
    assert.ok(icon.getBoundingClientRect().width > 0, 'drawn');
    assert.not.match(voice!.textContent!, /\p{Extended_Pictographic}/u);
  });

  it('fires qm-error with the API’s code for an unknown key', async () => {
    const errored = new Promise<CustomEvent>((done) => document.body.addEventListener('qm-error', (e) => done(e), { once: true }));
    document.body.insertAdjacentHTML('beforeend', `<qm-widget key="pk_test_nobody" api-base="${window.QM_API}"></qm-widget>`);
    const event = await errored;
    assert.is(event.detail.code, 'unknown_key');
    const el = document.querySelector('qm-widget')!;
    await el.updateComplete;
    assert.is(el.shadowRoot!.querySelector('[role="alert"]')?.textContent, event.detail.message);
  });
});
