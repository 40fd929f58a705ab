// The visitor's path through <qm-widget> (issue 4), in Chromium against the
// real server and database (web-test-runner.config.mjs): picker → options →
// price → contact → submit → done. The only stand-in is a fetch spy that
// records requests and, in one test, loses an answer on its way back — the
// request itself still reaches the real server.
import 'axe-core/axe.min.js';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import * as assert from 'uvu/assert';
import type { Estimate } from '../../internal/api-client.ts';
import './qm-widget.define.ts';
import type { QmWidget } from './qm-widget.ts';

const PAINTER_KEY = 'pk_test_brightside';
const CLEANER_KEY = 'pk_test_glanzwerk';
/** The removals firm has two services: the one tenant that shows the picker. */
const REMOVALS_KEY = 'pk_test_thamesvalley';
const NUMBER = /^Q-\d{4}-\d{6}$/;

interface Call {
  url: string;
  init: RequestInit | undefined;
}

const realFetch = window.fetch;
/** Records every fetch; `loseNextQuoteAnswer` lets one quotes request reach the server and then fails it as a dropped connection would. */
function spyFetch(): { calls: Call[]; quotes: () => Call[]; loseNextQuoteAnswer: boolean } {
  const spy = { calls: [] as Call[], quotes: () => spy.calls.filter((c) => c.url.endsWith('/quotes')), loseNextQuoteAnswer: false };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    spy.calls.push({ url, init });
    const response = await realFetch(input, init);
    if (url.endsWith('/quotes') && spy.loseNextQuoteAnswer) {
      spy.loseNextQuoteAnswer = false;
      throw new TypeError('Failed to fetch');
    }
    return response;
  };
  return spy;
}

const root = (el: QmWidget): ShadowRoot => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: QmWidget, selector: string): T => {
  const found = root(el).querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in the widget`);
  return found;
};
const buttonNamed = (el: QmWidget, text: string): HTMLButtonElement => {
  const found = [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim().includes(text));
  if (!found) throw new Error(`no button "${text}"`);
  return found;
};
const until = async (check: () => boolean, what: string, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
};
const type = (input: HTMLInputElement | HTMLTextAreaElement, value: string, event = 'input'): void => {
  input.value = value;
  input.dispatchEvent(new Event(event));
};
const check = (input: HTMLInputElement): void => {
  input.checked = true;
  input.dispatchEvent(new Event('change'));
};
const axeViolations = async (el: QmWidget): Promise<string[]> =>
  (await window.axe.run(el)).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(', ')})`);
const activeId = (el: QmWidget): string => {
  const active = root(el).activeElement as HTMLElement | null;
  return active ? active.id || active.textContent!.trim() : '(none)';
};

/** Puts a widget on the page and waits for qm-ready. */
async function mount(attributes: string, api = window.QM_API): Promise<{ el: QmWidget; events: string[]; estimates: Estimate[] }> {
  const events: string[] = [];
  const estimates: Estimate[] = [];
  const host = document.createElement('div');
  document.body.append(host);
  for (const name of ['qm-ready', 'qm-estimate', 'qm-submitted', 'qm-error'] as const) {
    host.addEventListener(name, (e) => {
      if (events.at(-1) !== name) events.push(name);
      if (name === 'qm-estimate') estimates.push((e as CustomEvent<Estimate>).detail);
    });
  }
  const ready = new Promise((done) => host.addEventListener('qm-ready', done, { once: true }));
  host.innerHTML = `<qm-widget api-base="${api}" ${attributes}></qm-widget>`;
  await ready;
  const el = host.querySelector('qm-widget')!;
  await el.updateComplete;
  return { el, events, estimates };
}

const settled = async (el: QmWidget, estimates: Estimate[], count: number): Promise<Estimate> => {
  await until(() => estimates.length >= count, `estimate #${count}`);
  await el.updateComplete;
  return estimates.at(-1)!;
};

/** From the options step to the contact step with valid details typed in. */
async function fillContact(el: QmWidget, email = 'kim@example.com'): Promise<void> {
  buttonNamed(el, 'Continue').click();
  await el.updateComplete;
  type($<HTMLInputElement>(el, '#c-name'), 'Kim Visitor');
  type($<HTMLInputElement>(el, '#c-email'), email);
  check($<HTMLInputElement>(el, '#c-consent'));
  await el.updateComplete;
}

let spy: ReturnType<typeof spyFetch>;
beforeEach(() => {
  spy = spyFetch();
});
afterEach(() => {
  window.fetch = realFetch;
  document.body.replaceChildren();
  sessionStorage.clear();
});

describe('<qm-widget> visitor path', () => {
  it('goes picker → options → price → contact → done, storing one quote under one Idempotency-Key', async () => {
    const { el, events, estimates } = await mount(`key="${REMOVALS_KEY}"`);
    assert.is($(el, 'h2').textContent, 'Choose a service');
    assert.equal([...root(el).querySelectorAll('.service strong')].map((s) => s.textContent), ['House removal', 'Man and van']);
    assert.equal(await axeViolations(el), [], 'picker');

    buttonNamed(el, 'Man and van').click();
    await settled(el, estimates, 1);
    assert.is($(el, 'h2').textContent, 'Man and van');
    assert.is(root(el).activeElement, $(el, 'h2'), 'focus moves to the new step');
    type($<HTMLInputElement>(el, '#f-hours'), '3');
    type($<HTMLInputElement>(el, '#f-helpers'), '1');
    const estimate = await settled(el, estimates, 2);
    // tenants/thames-valley-removals.json's own pricing test: three hours and a helper → 23000
    assert.is(estimate.total, 23000);
    assert.is($(el, '[data-total]').textContent, '£230.00');
    assert.equal(await axeViolations(el), [], 'options');

    await fillContact(el);
    assert.equal(await axeViolations(el), [], 'contact');
    const submitted = new Promise<CustomEvent>((done) => el.addEventListener('qm-submitted', (e) => done(e), { once: true }));
    buttonNamed(el, 'Get my quote').click();
    const { detail } = await submitted;
    await el.updateComplete;

    assert.match(detail.number, NUMBER);
    assert.equal(Object.keys(detail).sort(), ['id', 'number', 'url']);
    assert.is($(el, 'h2').textContent, 'Thank you!');
    assert.match($(el, '[role="status"]').textContent!, detail.number);
    assert.is($(el, '[data-total]').textContent, '£230.00');
    assert.is($<HTMLAnchorElement>(el, 'a').href, detail.url);
    assert.equal(await axeViolations(el), [], 'done');
    assert.equal(events, ['qm-ready', 'qm-estimate', 'qm-submitted']);

    // The quote is stored: the same key and body again is answered from the database with the same number.
    const [quote] = spy.quotes();
    const key = new Headers(quote!.init!.headers).get('Idempotency-Key')!;
    assert.match(key, /^[0-9a-f-]{36}$/);
    assert.equal(JSON.parse(String(quote!.init!.body)), {
      fields: { hours: 3, helpers: 1 },
      contact: { name: 'Kim Visitor', email: 'kim@example.com' },
      consent: true,
    });
    const again = await realFetch(quote!.url, quote!.init);
    assert.is(again.status, 201);
    const replay = (await again.json()) as { number: string; id: string };
    assert.is(replay.number, detail.number);
    assert.is(replay.id, detail.id);
    assert.is(sessionStorage.length, 0, 'nothing is kept once the quote is sent');
  });

  it('keeps the input and reuses the Idempotency-Key when an answer is lost; Try again gets the same quote', async () => {
    const { el, estimates } = await mount(`key="${PAINTER_KEY}" service="interior-painting"`);
    await settled(el, estimates, 1);
    await fillContact(el);
    spy.loseNextQuoteAnswer = true;
    buttonNamed(el, 'Get my quote').click();
    await until(() => root(el).querySelector('[role="alert"]') !== null, 'the error');
    assert.is($(el, '[role="alert"]').textContent, 'Server unreachable. Your answers are kept.');
    assert.is($<HTMLInputElement>(el, '#c-name').value, 'Kim Visitor');

    const submitted = new Promise<CustomEvent>((done) => el.addEventListener('qm-submitted', (e) => done(e), { once: true }));
    buttonNamed(el, 'Try again').click();
    const { detail } = await submitted;
    const keys = spy.quotes().map((c) => new Headers(c.init!.headers).get('Idempotency-Key'));
    assert.is(keys.length, 2);
    assert.is(keys[0], keys[1]);
    assert.match(detail.number, NUMBER);
  });

  it('shows the server’s 422 details inline in its own words: contact.email on the contact step, fields.rooms on the options step', async () => {
    const { el, estimates } = await mount(`key="${PAINTER_KEY}" service="interior-painting"`);
    await settled(el, estimates, 1);
    await fillContact(el, 'not-an-email');
    const sent = spy.quotes().length;
    buttonNamed(el, 'Get my quote').click();
    await until(() => root(el).querySelector('#c-email[aria-invalid="true"]') !== null, 'the inline error');
    assert.is(spy.quotes().length, sent + 1, 'the server was asked (the widget checks no formats itself)');
    assert.is($(el, '#c-email-error').textContent, 'Enter a valid email address.');
    assert.is($(el, '#c-email').getAttribute('aria-describedby'), 'c-email-error');
    assert.is(root(el).activeElement?.id, 'c-email', 'focus goes to the first invalid field');
    assert.equal(await axeViolations(el), [], 'contact with an error');

    buttonNamed(el, 'Back').click();
    await el.updateComplete;
    type($<HTMLInputElement>(el, '#f-rooms'), '99');
    await until(() => root(el).querySelector('#f-rooms[aria-invalid="true"]') !== null, 'the estimate’s inline error');
    assert.is($(el, '#f-rooms-error').textContent, 'Must be at most 30.');
    buttonNamed(el, 'Continue').click();
    await el.updateComplete;
    assert.ok(root(el).querySelector('#f-rooms'), 'stays on the options step');
  });

  it('puts the server’s 422 details into the visitor’s language (cleaner tenant, de-DE): a bound with its unit, email and phone by path', async () => {
    const { el, estimates } = await mount(`key="${CLEANER_KEY}"`);
    await settled(el, estimates, 1);
    type($<HTMLInputElement>(el, '#f-flaeche'), '5');
    await until(() => root(el).querySelector('#f-flaeche[aria-invalid="true"]') !== null, 'the estimate’s inline error');
    // the server said "must be at least 10 m2" (tenants/glanzwerk-reinigung.json: flaeche, min 10, unit m2)
    assert.is($(el, '#f-flaeche-error').textContent, 'Mindestens 10 m2.');
    assert.is($(el, '.price .error').textContent, 'Bitte markierte Felder prüfen.');
    type($<HTMLInputElement>(el, '#f-flaeche'), '80');
    await until(() => root(el).querySelector('[aria-invalid="true"]') === null && root(el).querySelector('[data-total]') !== null, 'a price again');

    buttonNamed(el, 'Weiter').click();
    await el.updateComplete;
    type($<HTMLInputElement>(el, '#c-name'), 'Kim Besucherin');
    type($<HTMLInputElement>(el, '#c-email'), 'kim@');
    type($<HTMLInputElement>(el, '#c-phone'), 'ruf mich an');
    check($<HTMLInputElement>(el, '#c-consent'));
    await el.updateComplete;
    buttonNamed(el, 'Angebot anfordern').click();
    await until(() => root(el).querySelector('#c-phone[aria-invalid="true"]') !== null, 'the inline errors');
    assert.is($(el, '#c-email-error').textContent, 'Bitte eine gültige E-Mail-Adresse eingeben.');
    assert.is($(el, '#c-phone-error').textContent, 'Bitte eine gültige Telefonnummer eingeben.');
    assert.is($(el, '[role="alert"]').textContent, 'Bitte markierte Felder prüfen.');
    assert.equal(await axeViolations(el), []);
  });

  it('answers a real 429 (a second server with QUOTE_RATE_LIMIT=1) with a clear message and a retry held back for Retry-After, the input kept', async () => {
    // The wtr plugin's second server (web-test-runner.config.mjs): the real limiter, one submission per visitor and hour.
    const { url } = await executeServerCommand<{ url: string }, Record<string, never>>('limited-server', {});
    const first = await mount(`key="${PAINTER_KEY}" service="interior-painting"`, url);
    await settled(first.el, first.estimates, 1);
    await fillContact(first.el);
    const submitted = new Promise<CustomEvent>((done) => first.el.addEventListener('qm-submitted', (e) => done(e), { once: true }));
    buttonNamed(first.el, 'Get my quote').click();
    assert.match((await submitted).detail.number, NUMBER, 'the hour’s one submission');
    document.body.replaceChildren();
    sessionStorage.clear();

    const { el, estimates, events } = await mount(`key="${PAINTER_KEY}" service="interior-painting"`, url);
    await settled(el, estimates, 1);
    await fillContact(el, 'kim.again@example.com');
    const errored = new Promise<CustomEvent>((done) => el.addEventListener('qm-error', (e) => done(e), { once: true }));
    buttonNamed(el, 'Get my quote').click();
    const { detail } = await errored;
    await el.updateComplete;
    assert.is(detail.code, 'rate_limited');
    assert.is(spy.quotes().at(-1)!.url.startsWith(url), true);
    // Retry-After is the rest of the limiter's hour: about 3600 s, said in minutes.
    assert.match($(el, '[role="alert"]').textContent!, /^Too many requests\. Try again in (59|60) minutes\.$/);
    const retry = buttonNamed(el, 'Try again');
    assert.ok(retry.disabled, 'no retry before Retry-After has passed');
    assert.is($(el, 'h2').textContent, 'Your details', 'still on the contact step');
    assert.is($<HTMLInputElement>(el, '#c-name').value, 'Kim Visitor');
    assert.is($<HTMLInputElement>(el, '#c-email').value, 'kim.again@example.com');
    assert.ok($<HTMLInputElement>(el, '#c-consent').checked);
    assert.equal(events, ['qm-ready', 'qm-estimate', 'qm-error']);
    assert.equal(await axeViolations(el), []);
    el.lang = 'de';
    await el.updateComplete;
    assert.match($(el, '[role="alert"]').textContent!, /^Zu viele Anfragen\. Bitte in (59|60) Minuten erneut versuchen\.$/);
    assert.ok(buttonNamed(el, 'Erneut versuchen').disabled);
  });

  it('keeps the quote number on one line at 320 px', async () => {
    const before = { width: innerWidth, height: innerHeight };
    await setViewport({ width: 320, height: 640 });
    try {
      const { el, estimates } = await mount(`key="${PAINTER_KEY}" service="interior-painting"`);
      await settled(el, estimates, 1);
      await fillContact(el);
      const submitted = new Promise<CustomEvent>((done) => el.addEventListener('qm-submitted', (e) => done(e), { once: true }));
      buttonNamed(el, 'Get my quote').click();
      const { detail } = await submitted;
      await el.updateComplete;
      const number = $(el, '[role="status"] .nw');
      assert.is(number.textContent, detail.number);
      assert.is(number.getClientRects().length, 1, 'one box: not broken at its hyphens');
      assert.ok(number.getBoundingClientRect().right <= $(el, '[role="status"]').getBoundingClientRect().right + 0.5, 'and not sticking out');
    } finally {
      await setViewport(before);
    }
  });

  it('never submits when the honeypot is filled, yet shows a done screen', async () => {
    const { el, estimates, events } = await mount(`key="${PAINTER_KEY}" service="interior-painting"`);
    await settled(el, estimates, 1);
    await fillContact(el);
    const trap = $<HTMLInputElement>(el, 'input[name="website"]');
    assert.is(trap.tabIndex, -1);
    type(trap, 'http://spam.example');
    buttonNamed(el, 'Get my quote').click();
    await el.updateComplete;
    assert.is($(el, 'h2').textContent, 'Thank you!');
    assert.equal(spy.quotes(), []);
    assert.not.ok(events.includes('qm-submitted'));
  });

  it('speaks German with lang="de" on the cleaner tenant, money in de-DE euros', async () => {
    const { el, estimates } = await mount(`key="${CLEANER_KEY}" lang="de"`);
    const estimate = await settled(el, estimates, 1);
    assert.is(buttonNamed(el, 'Weiter').textContent!.trim(), 'Weiter');
    assert.is($(el, 'label[for="describe"]').textContent, 'Auftrag beschreiben (optional)');
    assert.is($(el, '.total td').textContent, 'Gesamt');
    const euros = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(estimate.total / 100);
    assert.is($(el, '[data-total]').textContent, euros);
    buttonNamed(el, 'Weiter').click();
    await el.updateComplete;
    assert.is($(el, 'h2').textContent, 'Ihre Angaben');
    buttonNamed(el, 'Angebot anfordern').click();
    await el.updateComplete;
    assert.is($(el, '#c-name-error').textContent, 'Pflichtfeld.');
    assert.equal(await axeViolations(el), []);
  });

  it('pre-fills fields from "three big bedrooms, ceilings too, ASAP" and highlights them until touched', async () => {
    const { el, estimates } = await mount(`key="${PAINTER_KEY}" service="interior-painting"`);
    await settled(el, estimates, 1);
    type($<HTMLTextAreaElement>(el, '#describe'), 'three big bedrooms, ceilings too, ASAP');
    buttonNamed(el, 'Fill in for me').click();
    await settled(el, estimates, 2);
    assert.is($<HTMLInputElement>(el, '#f-rooms').value, '3');
    assert.is($<HTMLSelectElement>(el, '#f-size').value, 'large');
    assert.ok($<HTMLInputElement>(el, '#f-ceilings').checked);
    assert.is($<HTMLSelectElement>(el, '#f-timing').value, 'rush');
    assert.is(root(el).querySelectorAll('.field.filled').length, 4);
    assert.is($(el, '.note').textContent, '4 options filled in. Please check them.');
    assert.match($(el, '#f-rooms').getAttribute('aria-describedby')!, 'f-rooms-filled');
    assert.equal(await axeViolations(el), []);
    assert.equal(JSON.parse(String(spy.calls.find((c) => c.url.endsWith('/interpret'))!.init!.body)), { text: 'three big bedrooms, ceilings too, ASAP' });

    type($<HTMLInputElement>(el, '#f-rooms'), '2');
    await el.updateComplete;
    assert.is(root(el).querySelectorAll('.field.filled').length, 3, 'a touched field is confirmed');
  });

  it('says plainly when the tenant has no interpretations left (a real 429 quota_exceeded) and keeps the form working', async () => {
    // The second server allows one interpretation per tenant and month (AI_MONTHLY_INTERPRETATIONS=1).
    const { url } = await executeServerCommand<{ url: string }, Record<string, never>>('limited-server', {});
    const { el, estimates } = await mount(`key="${PAINTER_KEY}" service="interior-painting"`, url);
    await settled(el, estimates, 1);
    type($<HTMLTextAreaElement>(el, '#describe'), 'three big bedrooms');
    buttonNamed(el, 'Fill in for me').click();
    await settled(el, estimates, 2);
    assert.is($<HTMLInputElement>(el, '#f-rooms').value, '3', 'the month’s one interpretation');

    type($<HTMLTextAreaElement>(el, '#describe'), 'five small rooms');
    buttonNamed(el, 'Fill in for me').click();
    await until(() => Boolean(root(el).querySelector('.note')?.textContent?.startsWith('Not available')), 'the quota note');
    assert.is($(el, '.note').textContent, 'Not available right now: please choose below.');
    assert.is($<HTMLInputElement>(el, '#f-rooms').value, '3', 'nothing was changed');
    type($<HTMLInputElement>(el, '#f-rooms'), '5');
    await settled(el, estimates, 3);
    assert.ok(buttonNamed(el, 'Continue'), 'the form goes on');
    el.lang = 'de';
    await el.updateComplete;
    buttonNamed(el, 'Für mich ausfüllen').click();
    await until(() => Boolean(root(el).querySelector('.note')?.textContent?.startsWith('Gerade nicht verfügbar')), 'the German quota note');
    assert.equal(await axeViolations(el), []);
  });

  it('shows the estimate range under the total for the removals firm (en-GB, GBP)', async () => {
    const { el, estimates } = await mount(`key="${REMOVALS_KEY}" service="house-removal"`);
    const estimate = await settled(el, estimates, 1);
    assert.ok(estimate.range, 'house-removal is priced with a range');
    const pounds = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);
    // no-break spaces around the dash: the range never wraps in the middle
    assert.is($(el, '.range').textContent, `Estimated range ${pounds(estimate.range!.low)}\u00a0–\u00a0${pounds(estimate.range!.high)}`);
    el.lang = 'de';
    await el.updateComplete;
    assert.match($(el, '.range').textContent!, /^Geschätzte Spanne /);
  });

  it('can be completed with the keyboard alone: focus order, Enter continues and submits', async () => {
    const { el, estimates } = await mount(`key="${REMOVALS_KEY}"`);
    buttonNamed(el, 'Man and van').focus();
    await sendKeys({ press: 'Enter' });
    await settled(el, estimates, 1);
    assert.is(root(el).activeElement, $(el, 'h2'));
    // Chromium has (prefixed) speech recognition even headless, so the voice button is there.
    const voice = 'SpeechRecognition' in window || 'webkitSpeechRecognition' in window ? ['Speak'] : [];
    const expected = ['describe', ...voice, 'Fill in for me', 'f-hours', 'f-helpers', 'Back', 'Continue'];
    const order: string[] = [];
    for (const _ of expected) {
      await sendKeys({ press: 'Tab' });
      order.push(activeId(el));
    }
    assert.equal(order, expected);
    $(el, '#f-hours').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    assert.is($(el, 'h2').textContent, 'Your details');
    assert.is(root(el).activeElement, $(el, 'h2'));

    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Kim Keys' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'kim.keys@example.com' });
    await sendKeys({ press: 'Tab' });
    assert.is(activeId(el), 'c-phone');
    await sendKeys({ press: 'Tab' });
    assert.is(activeId(el), 'c-consent');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    assert.is(activeId(el), 'Back', 'the honeypot is not in the tab order');
    await sendKeys({ press: 'Tab' });
    assert.is(activeId(el), 'Get my quote');
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    assert.is(activeId(el), 'c-email');
    const submitted = new Promise<CustomEvent>((done) => el.addEventListener('qm-submitted', (e) => done(e), { once: true }));
    await sendKeys({ press: 'Enter' });
    const { detail } = await submitted;
    assert.match(detail.number, NUMBER);
  });

  it('survives a reload: service, values, contact and step come back from sessionStorage', async () => {
    const first = await mount(`key="${REMOVALS_KEY}"`);
    buttonNamed(first.el, 'Man and van').click();
    await settled(first.el, first.estimates, 1);
    type($<HTMLInputElement>(first.el, '#f-hours'), '4');
    buttonNamed(first.el, 'Continue').click();
    await first.el.updateComplete;
    type($<HTMLInputElement>(first.el, '#c-name'), 'Kim Reload');
    await first.el.updateComplete;
    document.body.replaceChildren();

    const { el, estimates } = await mount(`key="${REMOVALS_KEY}"`);
    assert.is($(el, 'h2').textContent, 'Your details');
    assert.is($<HTMLInputElement>(el, '#c-name').value, 'Kim Reload');
    const estimate = await settled(el, estimates, 1);
    assert.is(estimate.lines.find((l) => l.id === 'van')?.quantity, 4);
  });

  it('shows skeletons while loading, then a message and a retry when the API is down', async () => {
    const errored = new Promise<CustomEvent>((done) => document.body.addEventListener('qm-error', (e) => done(e), { once: true }));
    document.body.insertAdjacentHTML('beforeend', `<qm-widget key="${PAINTER_KEY}" service="interior-painting" api-base="http://127.0.0.1:9/"></qm-widget>`);
    const el = document.querySelector('qm-widget')!;
    await el.updateComplete;
    assert.ok(root(el).querySelector('.skeleton[aria-busy="true"]'), 'a skeleton while the config is on its way');
    assert.is((await errored).detail.code, 'network_error');
    await el.updateComplete;
    assert.is($(el, '[role="alert"]').textContent, 'Server unreachable. Your answers are kept.');
    assert.ok(buttonNamed(el, 'Try again'));
    const ready = new Promise((done) => el.addEventListener('qm-ready', done, { once: true }));
    el.apiBase = window.QM_API;
    await ready;
    await el.updateComplete;
    assert.is($(el, 'h2').textContent, 'Interior painting');
  });
});
