// End to end (issue 4, "Tests"): a host page of another origin with hostile
// CSS embeds the REAL loader (dist/widget/embed.js from the real server, as a
// business would) and <qm-widget>; a visitor sets fields through the widget's
// own controls, sees the expected total, goes through contact and submit, gets
// a quote number, and the quote is in the test server's database (read through
// the `quote-by-number` server command of web-test-runner.config.mjs).
//
// The test page is http://localhost:3000 (an allowed origin of the painter
// tenant); the API is window.QM_API, another origin (127.0.0.1:<port>).
import { executeServerCommand } from '@web/test-runner-commands';
import * as assert from 'uvu/assert';
import type { Estimate } from './internal/api-client.ts';

declare global {
  interface Window {
    QM_API: string;
  }
}

const HOSTILE_CSS = `
  * { font-size: 40px !important; color: magenta !important; letter-spacing: 3px !important }
  button, input { all: unset !important }
`;
const MAGENTA = 'rgb(255, 0, 255)';
const NUMBER = /^Q-\d{4}-\d{6}$/;

interface StoredQuote {
  number: string;
  tenant: string;
  service_key: string;
  fields: Record<string, unknown>;
  total: number;
  currency: string;
  status: string;
  contact_name: string;
  contact_email: string;
}

const until = async (check: () => boolean, what: string, ms = 8000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
};

describe('end to end: embed.js on a hostile host page of another origin', () => {
  before(() => sessionStorage.clear());
  after(() => sessionStorage.clear());

  it('prices 2 small rooms at $313.00, submits, shows a quote number, and the quote is stored', async () => {
    assert.is.not(new URL(window.QM_API).origin, location.origin, 'the API is another origin than the host page');

    // The host page: hostile CSS first, then the embed snippet exactly as the README gives it.
    const hostile = document.createElement('style');
    hostile.textContent = HOSTILE_CSS;
    document.head.append(hostile);
    document.body.insertAdjacentHTML('beforeend', '<h1>Host page</h1><qm-widget service="interior-painting"></qm-widget><button>host button</button>');
    const hostButton = document.querySelector('body > button')!;
    const PROPS = ['font-size', 'color', 'background-color', 'padding-top', 'border-top-style', 'display', 'min-height'];
    const hostLooks = (): string[] => PROPS.map((p) => `${p}: ${getComputedStyle(hostButton).getPropertyValue(p)}`);
    const before = hostLooks();
    const el = document.querySelector('qm-widget') as HTMLElement & { updateComplete: Promise<boolean> };
    const estimates: Estimate[] = [];
    el.addEventListener('qm-estimate', (e) => estimates.push((e as CustomEvent<Estimate>).detail));
    const ready = new Promise((done) => el.addEventListener('qm-ready', done, { once: true }));

    const script = document.createElement('script');
    script.async = true;
    script.src = `${window.QM_API}embed.js`;
    script.dataset.key = 'pk_test_brightside';
    document.head.append(script);
    await ready;
    // The hostile CSS really applies to the host page.
    assert.is(getComputedStyle(document.querySelector('h1')!).fontSize, '40px');
    assert.is(getComputedStyle(document.querySelector('h1')!).color, MAGENTA);

    const root = el.shadowRoot!;
    const $ = <T extends Element>(selector: string): T => {
      const found = root.querySelector<T>(selector);
      if (!found) throw new Error(`no ${selector} in the widget`);
      return found;
    };
    const button = (text: string): HTMLButtonElement => {
      const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim().includes(text));
      if (!found) throw new Error(`no button "${text}"`);
      return found;
    };
    const total = (): string => root.querySelector('[data-total]')?.textContent?.trim() ?? '';

    await until(() => total() !== '', 'the first price');
    // The visitor's own controls, as a user changes them: input events on the number, change on the select.
    const rooms = $<HTMLInputElement>('#f-rooms');
    rooms.focus();
    rooms.value = '2';
    rooms.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const size = $<HTMLSelectElement>('#f-size');
    size.value = 'small';
    size.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await until(() => total() === '$313.00', `the total $313.00 (shows "${total()}")`);
    assert.equal(estimates.at(-1)?.total, 31300);

    // The hostile page's styles stop at the widget's boundary.
    const leaks: string[] = [];
    for (const selector of ['h2', 'label[for="f-rooms"]', '#f-rooms', '#f-size', '[data-total]', 'button']) {
      const style = getComputedStyle($(selector));
      if (style.fontSize === '40px') leaks.push(`${selector} font-size 40px`);
      if (style.color === MAGENTA) leaks.push(`${selector} color magenta`);
      if (style.letterSpacing === '3px') leaks.push(`${selector} letter-spacing 3px`);
    }
    assert.equal(leaks, [], `the host page's styles leak into the widget: ${leaks.join('; ')}`);
    assert.equal(hostLooks(), before, 'and the widget’s styles do not leak out onto the page’s own button');
    const input = getComputedStyle(rooms);
    assert.is.not(input.borderStyle, 'none', 'the widget’s inputs keep their border under `all: unset` on the page');

    button('Continue').click();
    await el.updateComplete;
    const type = (selector: string, value: string): void => {
      const field = $<HTMLInputElement>(selector);
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    };
    type('#c-name', 'Eve Endtoend');
    type('#c-email', 'eve@example.com');
    const consent = $<HTMLInputElement>('#c-consent');
    consent.checked = true;
    consent.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await el.updateComplete;

    const submitted = new Promise<CustomEvent<{ id: string; number: string; url: string }>>((done) =>
      el.addEventListener('qm-submitted', (e) => done(e as CustomEvent<{ id: string; number: string; url: string }>), { once: true }),
    );
    button('Get my quote').click();
    const { detail } = await submitted;
    await el.updateComplete;
    assert.match(detail.number, NUMBER);
    assert.is($('h2').textContent, 'Thank you!');
    assert.match($('[role="status"]').textContent!, detail.number);
    assert.is(total(), '$313.00');

    const { quotes } = await executeServerCommand<{ quotes: StoredQuote[] }, { number: string; tenant: string }>('quote-by-number', {
      number: detail.number,
      tenant: 'brightside-painting',
    });
    assert.is(quotes.length, 1, `quote ${detail.number} is in the database`);
    const [quote] = quotes;
    assert.is(quote!.service_key, 'interior-painting');
    assert.is(quote!.total, 31300);
    assert.is(quote!.currency, 'USD');
    assert.is(quote!.status, 'sent');
    assert.is(quote!.contact_name, 'Eve Endtoend');
    assert.is(quote!.contact_email, 'eve@example.com');
    assert.is(quote!.fields.rooms, 2);
    assert.is(quote!.fields.size, 'small');
  });
});
