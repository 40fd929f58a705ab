import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PricingResult } from '../pricing/result.types.ts';
import { quotePageNotice, renderQuoteNotFound, renderQuotePage, type QuotePageView } from './quote-page.ts';

// ------------------------------------------------------------------ fixtures

/** The worked example of pricing.md ("Result"), with a fixed line and a per-unit line. */
function usdPricing(overrides: Partial<PricingResult> = {}): PricingResult {
  return {
    currency: 'USD',
    pricingVersion: 7,
    lines: [
      { id: 'callout', label: 'Call-out fee', quantity: 1, unitAmount: 4900, amount: 4900, explain: 'fixed' },
      { id: 'rooms', label: 'Painting', quantity: 2, unitAmount: 12000, amount: 24000, explain: 'rooms × 12000 (size = small)' },
    ],
    subtotal: 28900,
    adjustments: [
      { id: 'rush', kind: 'adjustment', label: 'Rush', amount: 7225 },
      { id: 'SPRING10', kind: 'discount', label: 'Code SPRING10', amount: -3613 },
      { id: 'rounding', kind: 'rounding', label: 'Rounding', amount: 6 },
    ],
    tax: { label: 'Sales tax', ratePercent: 8.25, inclusive: false, amount: 2682 },
    total: 35200,
    range: null,
    discountRejected: null,
    ...overrides,
  };
}

type Quote = QuotePageView['quote'];

function view(
  overrides: { tenant?: Partial<QuotePageView['tenant']>; quote?: Partial<Quote> } & Partial<Omit<QuotePageView, 'tenant' | 'quote'>> = {},
): QuotePageView {
  const { tenant, quote, ...rest } = overrides;
  return {
    tenant: {
      name: 'Brightside Painting',
      locale: 'en-US',
      timezone: 'America/Chicago',
      tokens: { 'color-primary': '#0b6e4f' },
      poweredBy: true,
      ...tenant,
    },
    quote: {
      number: 'Q-2026-000123',
      status: 'sent',
      serviceName: 'Interior painting',
      // 03:00 UTC on the 5th is still the 4th in Chicago.
      createdAt: new Date('2026-03-05T03:00:00Z'),
      expiresAt: new Date('2026-04-03T17:00:00Z'),
      contact: { name: 'Ann Smith', email: 'ann@example.com', phone: '+1 312 555 0100' },
      description: 'Two small rooms.',
      pricing: usdPricing(),
      decision: null,
      ...quote,
    },
    actionUrl: '/q/tok_abc',
    csrfToken: 'csrf-123',
    notice: null,
    lang: 'en',
    ...rest,
  };
}

/** Intl puts no-break and narrow no-break spaces in dates and money; plain spaces make date assertions readable. */
const plain = (html: string): string => html.replace(/[\u00a0\u202f]/g, ' ');
const count = (html: string, needle: string): number => html.split(needle).length - 1;
/** The text of the first element with the given class (no nesting inside it). */
const byClass = (html: string, cls: string): string | undefined => new RegExp(`class="[^"]*\\b${cls}\\b[^"]*"[^>]*>([^<]*)<`).exec(html)?.[1];

const SCRIPT = '<script>alert(1)</script>';
const BREAKOUT = '"><img src=x onerror=alert(1)>';

// ------------------------------------------------------------- renderQuotePage

const page = suite('renderQuotePage');

for (const status of ['sent', 'viewed'] as const) {
  page(`offers accept and decline forms while the quote is ${status}`, () => {
    const html = renderQuotePage(view({ quote: { status } }));
    assert.is(count(html, '<form '), 2);
    assert.ok(html.includes('<form class="qm-accept" method="post" action="/q/tok_abc/accept" enctype="application/x-www-form-urlencoded">'));
    assert.ok(html.includes('<form class="qm-decline" method="post" action="/q/tok_abc/decline" enctype="application/x-www-form-urlencoded">'));
    assert.is(count(html, '<input type="hidden" name="csrf" value="csrf-123">'), 2);
    assert.match(html, /<label class="qm-label" for="qm-accept-name">Type your full name to accept<\/label>/);
    const input = /<input id="qm-accept-name"[^>]*>/.exec(html)?.[0] ?? '';
    for (const attribute of ['name="name"', 'type="text"', ' required', 'autocomplete="name"', 'aria-describedby="qm-accept-hint"']) {
      assert.ok(input.includes(attribute), `input has ${attribute}`);
    }
    assert.not.ok(input.includes('aria-invalid'));
    assert.match(html, /<button class="qm-button qm-button--primary" type="submit">Accept quote<\/button>/);
    assert.match(html, /<button class="qm-button qm-button--secondary" type="submit">Decline<\/button>/);
    assert.not.ok(html.includes('type="checkbox"'));
    assert.match(html, /<p class="qm-badge qm-badge--open"><span class="qm-visually-hidden">Status: <\/span>Awaiting your response<\/p>/);
  });
}

page('shows who accepted and when, with no forms, once accepted', () => {
  const html = plain(renderQuotePage(view({ quote: { status: 'accepted', decision: { name: 'Ann Smith', at: new Date('2026-03-05T15:15:00Z') } } })));
  assert.not.ok(html.includes('<form'));
  assert.not.ok(html.includes('Accept quote'));
  assert.is(byClass(html, 'qm-outcome'), 'Accepted by Ann Smith on March 5, 2026 at 9:15 AM CST');
  assert.match(html, /qm-badge--accepted[^>]*><span class="qm-visually-hidden">Status: <\/span>Accepted</);
});

page('says when a quote was accepted even without a recorded name or time', () => {
  const at = new Date('2026-03-05T15:15:00Z');
  const noName = plain(renderQuotePage(view({ quote: { status: 'accepted', decision: { name: '  ', at } } })));
  assert.is(byClass(noName, 'qm-outcome'), 'Accepted on March 5, 2026 at 9:15 AM CST');
  const noDecision = renderQuotePage(view({ quote: { status: 'accepted', decision: null } }));
  assert.is(byClass(noDecision, 'qm-outcome'), 'This quote has been accepted.');
});

page('says when a quote was declined, with no forms', () => {
  const html = plain(renderQuotePage(view({ quote: { status: 'declined', decision: { at: new Date('2026-03-06T20:00:00Z') } } })));
  assert.not.ok(html.includes('<form'));
  assert.is(byClass(html, 'qm-outcome'), 'Declined on March 6, 2026 at 2:00 PM CST');
  assert.match(html, /qm-badge--declined[^>]*>.*Declined</);
  const noDecision = renderQuotePage(view({ quote: { status: 'declined' } }));
  assert.is(byClass(noDecision, 'qm-outcome'), 'This quote has been declined.');
});

page('says when a quote expired, with no forms', () => {
  const html = renderQuotePage(view({ quote: { status: 'expired' } }));
  assert.not.ok(html.includes('<form'));
  assert.is(byClass(html, 'qm-outcome'), 'This quote expired on April 3, 2026');
  assert.match(html, /qm-badge--expired[^>]*>.*Expired</);
  assert.match(html, /<h2 id="qm-h-decision">Quote status<\/h2>/);
});

page('escapes every visitor-supplied string', () => {
  for (const payload of [SCRIPT, BREAKOUT]) {
    const html = renderQuotePage(
      view({
        quote: {
          status: 'accepted',
          contact: { name: payload, email: payload, phone: payload },
          description: payload,
          decision: { name: payload, at: new Date('2026-03-05T15:15:00Z') },
        },
        notice: { kind: 'error', text: payload },
      }),
    );
    assert.not.ok(html.includes('<script'), 'no script element');
    assert.not.ok(html.includes('<img'), 'no injected element');
    assert.not.ok(/<[^>]*\sonerror\s*=/i.test(html), 'no injected handler');
    const escaped = payload === SCRIPT ? '&lt;script&gt;alert(1)&lt;/script&gt;' : '&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;';
    // contact name, email and phone, description, the decision sentence, the notice
    assert.is(count(html, escaped), 6, `${payload} appears escaped in each place`);
  }
});

page('escapes tenant-supplied strings and the values the route passes in', () => {
  const pricing = usdPricing({
    lines: [{ id: 'x', label: SCRIPT, quantity: 1, unitAmount: 100, amount: 100, explain: '' }],
    adjustments: [{ id: 'x', kind: 'adjustment', label: BREAKOUT, amount: 5 }],
    tax: { label: SCRIPT, ratePercent: 10, inclusive: false, amount: 10 },
  });
  const html = renderQuotePage(
    view({
      tenant: { name: BREAKOUT },
      quote: { number: SCRIPT, serviceName: BREAKOUT, pricing },
      actionUrl: '/q/x"><img src=x onerror=alert(1)>',
      csrfToken: BREAKOUT,
    }),
  );
  assert.not.ok(html.includes('<script'));
  assert.not.ok(html.includes('<img'));
  assert.ok(html.includes('action="/q/x&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;/accept"'));
  assert.ok(html.includes('<title>Quote &lt;script&gt;alert(1)&lt;/script&gt; · &quot;&gt;&lt;img'));
});

page('never emits scripts or inline event handlers', () => {
  for (const status of ['sent', 'accepted', 'declined', 'expired'] as const) {
    const html = renderQuotePage(view({ quote: { status } }));
    assert.not.ok(/<script/i.test(html));
    assert.not.ok(/<[^>]*\son[a-z]+\s*=/i.test(html), `${status}: no on* attribute`);
    assert.not.ok(/javascript:/i.test(html));
  }
});

page('turns theme tokens into --qm- custom properties, with defaults for the missing ones', () => {
  const html = renderQuotePage(view({ tenant: { tokens: { 'color-primary': '#0b6e4f', radius: '12px', 'font-family': 'Inter, "Open Sans", -apple-system, sans-serif', 'space-unit': '4px' } } }));
  assert.ok(html.includes('--qm-color-primary: #0b6e4f;'));
  assert.ok(html.includes('--qm-radius: 12px;'));
  assert.ok(html.includes('--qm-font-family: Inter, "Open Sans", -apple-system, sans-serif;'));
  assert.ok(html.includes('--qm-space-unit: 4px;'));
  for (const fallback of ['--qm-color-surface: #ffffff;', '--qm-color-text: #1f2933;', '--qm-color-muted: #52606d;', '--qm-color-border: #d3dae3;']) {
    assert.ok(html.includes(fallback), fallback);
  }
  assert.ok(html.includes('--qm-color-on-primary: #ffffff;'));
});

page('drops token values and keys that could leave the declaration or the style element', () => {
  const html = renderQuotePage(
    view({
      tenant: {
        tokens: {
          'color-primary': 'red;}</style><script>alert(1)</script>',
          radius: '4px; background: url(https://evil.example/x)',
          'font-family': '"Inter"; } body { display: none',
          'color-border': 'expression(alert(1))',
          'bad key': '#000',
          'color-muted': 42 as unknown as string,
          'color-text': `#${'0'.repeat(300)}`,
        },
      },
    }),
  );
  assert.is(count(html, '</style>'), 1);
  assert.not.ok(html.includes('<script'));
  assert.not.ok(html.includes('evil.example'));
  assert.not.ok(html.includes('body { display: none'));
  assert.not.ok(html.includes('expression('));
  assert.not.ok(html.includes('bad key'));
  assert.ok(html.includes('--qm-color-primary: #1d4ed8;'));
  assert.ok(html.includes('--qm-radius: 8px;'));
  assert.ok(html.includes('--qm-color-muted: #52606d;'));
  assert.ok(html.includes('--qm-color-text: #1f2933;'));
});

page('keeps text readable whatever the brand colours', () => {
  const clash = renderQuotePage(view({ tenant: { tokens: { 'color-text': '#777777', 'color-surface': '#888888', 'color-primary': '#f5c518' } } }));
  assert.ok(clash.includes('--qm-color-text: #1f2933;'), 'unreadable text/surface pair falls back');
  assert.ok(clash.includes('--qm-color-surface: #ffffff;'));
  assert.ok(clash.includes('--qm-color-on-primary: #000000;'), 'dark text on a yellow button');
  assert.ok(clash.includes('--qm-color-accent: #1f2933;'), 'yellow is not used as text on white');
  const faintMuted = renderQuotePage(view({ tenant: { tokens: { 'color-muted': 'rgb(200, 200, 200)', 'color-text': '#222' } } }));
  assert.ok(faintMuted.includes('--qm-color-muted: #222;'));
  const ownOnPrimary = renderQuotePage(view({ tenant: { tokens: { 'color-primary': '#123456', 'color-on-primary': '#fafafa' } } }));
  assert.ok(ownOnPrimary.includes('--qm-color-on-primary: #fafafa;'));
  assert.ok(ownOnPrimary.includes('--qm-color-accent: #123456;'));
  const unreadableOnPrimary = renderQuotePage(view({ tenant: { tokens: { 'color-primary': '#123456', 'color-on-primary': '#123457' } } }));
  assert.ok(unreadableOnPrimary.includes('--qm-color-on-primary: #ffffff;'));
  const droppedOnPrimary = renderQuotePage(view({ tenant: { tokens: { 'color-primary': '#f5c518', 'color-on-primary': 'url(x)' } } }));
  assert.ok(droppedOnPrimary.includes('--qm-color-on-primary: #000000;'));
  const named = renderQuotePage(view({ tenant: { tokens: { 'color-primary': 'rebeccapurple' } } }));
  assert.ok(named.includes('--qm-color-primary: rebeccapurple;'), 'colours it cannot measure are the tenant’s call');
  assert.ok(named.includes('--qm-color-on-primary: #ffffff;'));
});

page('keeps every token of the shipped theme presets, and follows a dark surface', () => {
  const dir = join(import.meta.dirname, '..', '..', 'themes');
  const presets = readdirSync(dir).filter((file) => file.endsWith('.json'));
  assert.ok(presets.length > 0);
  for (const file of presets) {
    const { tokens, colorScheme } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { tokens: Record<string, string>; colorScheme: string };
    const html = renderQuotePage(view({ tenant: { tokens } }));
    for (const [key, value] of Object.entries(tokens)) assert.ok(html.includes(`--qm-${key}: ${value};`), `${file}: ${key}`);
    assert.ok(html.includes(`data-scheme="${colorScheme}"`), `${file}: ${colorScheme}`);
    assert.ok(html.includes(`<meta name="color-scheme" content="${colorScheme}">`));
  }
});

page('accepts box shadows and refuses anything else in them', () => {
  const ok = renderQuotePage(view({ tenant: { tokens: { shadow: '0 1px 3px rgba(0, 0, 0, 0.12), inset 0 -1px #ccc' } } }));
  assert.ok(ok.includes('--qm-shadow: 0 1px 3px rgba(0, 0, 0, 0.12), inset 0 -1px #ccc;'));
  const bad = renderQuotePage(view({ tenant: { tokens: { shadow: '0 0 url(https://evil.example/x)' } } }));
  assert.not.ok(bad.includes('--qm-shadow:'));
});

page('draws focus rings in a colour that stands out from the surface', () => {
  const own = renderQuotePage(view({ tenant: { tokens: { 'color-focus': '#2563eb' } } }));
  assert.ok(own.includes('--qm-color-focus: #2563eb;'));
  const faint = renderQuotePage(view({ tenant: { tokens: { 'color-focus': '#eeeeee', 'color-primary': '#0b6e4f' } } }));
  assert.ok(faint.includes('--qm-color-focus: #0b6e4f;'));
  const none = renderQuotePage(view({ tenant: { tokens: {} } }));
  assert.ok(none.includes('--qm-color-focus: #1d4ed8;'));
  assert.match(none, /:focus-visible \{ outline: 3px solid var\(--qm-color-focus\)/);
});

page('shows the tenant name and an https or same-origin logo in the header', () => {
  const withLogo = renderQuotePage(view({ tenant: { logoUrl: 'https://cdn.example.com/logo.png?v=2' } }));
  assert.match(withLogo, /<header class="qm-header">\s*<img class="qm-logo" src="https:\/\/cdn\.example\.com\/logo\.png\?v&#x3D;2" alt="" referrerpolicy="no-referrer">\s*<p class="qm-tenant">Brightside Painting<\/p>/);
  const sameOrigin = renderQuotePage(view({ tenant: { logoUrl: '/logos/brightside logo.svg' } }));
  assert.ok(sameOrigin.includes('src="/logos/brightside%20logo.svg"'));
  for (const logoUrl of ['javascript:alert(1)', 'data:image/svg+xml,<svg/>', 'http://cdn.example.com/logo.png', '//evil.example/logo.png', '/\\evil.example/logo.png', 'https://', '', undefined]) {
    const html = renderQuotePage(view({ tenant: { logoUrl } }));
    assert.not.ok(html.includes('<img'), `no logo for ${String(logoUrl)}`);
  }
});

page('formats money and dates for en-US and USD, tax added, rounding after tax', () => {
  const html = renderQuotePage(view());
  assert.match(html, /<th scope="row">Call-out fee<\/th><td class="qm-num">\$49\.00<\/td>/);
  assert.match(html, /Painting<span class="qm-detail">2 × \$120\.00<\/span><\/th><td class="qm-num">\$240\.00</);
  assert.match(html, /Subtotal<\/th><td class="qm-num">\$289\.00</);
  assert.match(html, /Rush<\/th><td class="qm-num">\$72\.25</);
  assert.match(html, /Discount code SPRING10<\/th><td class="qm-num">-\$36\.13</);
  assert.match(html, /Sales tax \(8\.25%\)<\/th><td class="qm-num">\$26\.82</);
  assert.match(html, /Rounding<\/th><td class="qm-num">\$0\.06</);
  assert.match(html, /Total<\/th><td class="qm-num">\$352\.00</);
  assert.ok(html.indexOf('Sales tax') < html.indexOf('Rounding') && html.indexOf('Rounding') < html.indexOf('<tr class="qm-total"'));
  assert.not.ok(html.includes('Estimated range'));
  assert.ok(html.includes('<time datetime="2026-03-05T03:00:00.000Z">March 4, 2026</time>'), 'the date is the tenant’s day');
  assert.ok(html.includes('<time datetime="2026-04-03T17:00:00.000Z">April 3, 2026</time>'));
});

page('formats money and dates for de-DE and EUR with tax included', () => {
  const pricing: PricingResult = {
    currency: 'EUR',
    pricingVersion: 1,
    lines: [{ id: 'flat', label: 'Grundreinigung', quantity: 85, unitAmount: 320, amount: 27200, explain: '' }],
    subtotal: 27200,
    adjustments: [
      { id: 'minimum', kind: 'minimum', label: 'Mindestauftragswert', amount: 2800 },
      { id: 'rounding', kind: 'rounding', label: 'Rounding', amount: -1 },
    ],
    tax: { label: 'MwSt.', ratePercent: 19, inclusive: true, amount: 4790 },
    total: 29999,
    range: null,
    discountRejected: null,
  };
  const html = renderQuotePage(
    view({ tenant: { locale: 'de-DE', timezone: 'Europe/Berlin' }, quote: { pricing, createdAt: new Date('2026-03-04T23:30:00Z') }, lang: 'de-DE' }),
  );
  assert.match(html, /^<!doctype html>\n<html lang="de-DE" /);
  assert.ok(html.includes('Grundreinigung<span class="qm-detail">85 × 3,20\u00a0€</span></th><td class="qm-num">272,00\u00a0€<'));
  assert.ok(html.includes('Mindestauftragswert</th><td class="qm-num">28,00\u00a0€<'));
  assert.ok(html.includes('Rundung</th><td class="qm-num">-0,01\u00a0€<'));
  assert.ok(html.includes('Gesamt</th><td class="qm-num">299,99\u00a0€<'));
  assert.ok(html.includes('<tr class="qm-included"><th scope="row">inkl. MwSt. (19\u00a0%)</th><td class="qm-num">47,90\u00a0€</td></tr>'));
  assert.ok(html.indexOf('<tr class="qm-total"') < html.indexOf('<tr class="qm-included"'), 'included tax is shown under the total, not added to it');
  assert.ok(html.includes('>5. März 2026</time>'), '23:30 UTC is the next day in Berlin');
  assert.ok(html.includes('Angebot annehmen'));
});

page('formats money for en-GB and GBP and shows the total and the estimated range', () => {
  const pricing = usdPricing({
    currency: 'GBP',
    lines: [{ id: 'hedge', label: 'Hedge trimming', quantity: 30, unitAmount: null, amount: 21000, explain: 'graduated' }],
    subtotal: 21000,
    adjustments: [],
    tax: { label: 'VAT', ratePercent: 20, inclusive: false, amount: 4200 },
    total: 25200,
    range: { low: 22600, high: 289900 },
  });
  const html = renderQuotePage(view({ tenant: { locale: 'en-GB', timezone: 'Europe/London' }, quote: { pricing }, lang: 'en-GB' }));
  assert.match(html, /<html lang="en-GB" /);
  assert.match(html, /Hedge trimming<span class="qm-detail">Quantity 30<\/span>/);
  assert.match(html, /VAT \(20%\)<\/th><td class="qm-num">£42\.00</);
  assert.match(html, /Total<\/th><td class="qm-num">£252\.00</);
  assert.match(html, /<tr class="qm-range"><th scope="row">Estimated range<\/th><td class="qm-num">£226\.00 – £2,899\.00<\/td><\/tr>/);
  assert.ok(html.includes('final price is expected to fall within the estimated range'));
  assert.ok(html.includes('>5 March 2026</time>'));
});

page('shows no tax line when the service has no tax, and no detail for a single unit', () => {
  const pricing = usdPricing({
    lines: [{ id: 'one', label: 'Survey', quantity: 1, unitAmount: 5000, amount: 5000, explain: '' }],
    subtotal: 5000,
    adjustments: [],
    tax: null,
    total: 5000,
  });
  const html = renderQuotePage(view({ quote: { pricing } }));
  assert.match(html, /<th scope="row">Survey<\/th><td class="qm-num">\$50\.00</);
  assert.not.ok(html.includes('<span class="qm-detail"'));
  assert.not.ok(html.includes('Sales tax'));
  assert.not.ok(html.includes('<tr class="qm-included"'));
});

page('shows the powered-by line only when the tenant’s plan asks for it', () => {
  const shown = renderQuotePage(view({ tenant: { poweredBy: true } }));
  assert.match(shown, /<footer class="qm-footer">\s*<p>Brightside Painting<\/p>\s*<p class="qm-powered">Powered by Quote Master Pro<\/p>/);
  const hidden = renderQuotePage(view({ tenant: { poweredBy: false } }));
  assert.not.ok(hidden.includes('Quote Master Pro'));
  assert.match(hidden, /<footer class="qm-footer">\s*<p>Brightside Painting<\/p>/);
});

page('speaks the requested language and falls back to English', () => {
  const cases: [lang: string, locale: string, htmlLang: string, accept: string, poweredBy: string][] = [
    ['de', 'de-DE', 'de-DE', 'Angebot annehmen', 'Bereitgestellt von Quote Master Pro'],
    ['DE_at', 'de-AT', 'de-AT', 'Angebot annehmen', 'Bereitgestellt von Quote Master Pro'],
    ['fr', 'en-US', 'fr', 'Accepter le devis', 'Propulsé par Quote Master Pro'],
    ['es-MX', 'es-MX', 'es-MX', 'Aceptar presupuesto', 'Con la tecnología de Quote Master Pro'],
    ['pt-BR', 'pt-BR', 'en', 'Accept quote', 'Powered by Quote Master Pro'],
    ['', 'en-US', 'en-US', 'Accept quote', 'Powered by Quote Master Pro'],
    ['__proto__', 'en-US', 'en-US', 'Accept quote', 'Powered by Quote Master Pro'],
  ];
  for (const [lang, locale, htmlLang, accept, poweredBy] of cases) {
    const html = renderQuotePage(view({ tenant: { locale }, lang }));
    assert.ok(html.startsWith(`<!doctype html>\n<html lang="${htmlLang}" data-scheme="light">`), `${lang}: html lang ${htmlLang}`);
    assert.ok(html.includes(`>${accept}</button>`), `${lang}: ${accept}`);
    assert.ok(html.includes(poweredBy), `${lang}: ${poweredBy}`);
  }
  const fr = plain(renderQuotePage(view({ tenant: { locale: 'fr-FR', timezone: 'Europe/Paris' }, quote: { status: 'expired' }, lang: 'fr' })));
  assert.is(byClass(fr, 'qm-outcome'), 'Ce devis a expiré le 3 avril 2026');
  const es = renderQuotePage(view({ tenant: { locale: 'es-ES', timezone: 'Europe/Madrid' }, lang: 'es' }));
  assert.ok(es.includes('Código de descuento SPRING10'));
  assert.ok(es.includes('Sales tax (8,25\u00a0%)'));
});

page('puts the notice in a polite live region and ties an error to the name field', () => {
  const empty = renderQuotePage(view());
  assert.ok(empty.includes('<div id="qm-notice" class="qm-notice-region" role="status" aria-live="polite"></div>'));
  const success = renderQuotePage(view({ quote: { status: 'accepted', decision: { name: 'Ann', at: new Date() } }, notice: { kind: 'success', text: 'Thank you, accepted.' } }));
  assert.ok(success.includes('aria-live="polite"><p class="qm-notice qm-notice--success">Thank you, accepted.</p></div>'));
  const error = renderQuotePage(view({ notice: { kind: 'error', text: 'Please type your full name' } }));
  assert.ok(error.includes('<p class="qm-notice qm-notice--error">Please type your full name</p>'));
  assert.match(error, /<input id="qm-accept-name"[^>]*aria-describedby="qm-accept-hint qm-notice">/);
});

page('has landmarks, headings in order and a described table', () => {
  const html = renderQuotePage(view());
  for (const landmark of ['<header', '<main id="qm-main"', '<footer']) assert.is(count(html, landmark), 1, landmark);
  assert.ok(html.includes('<a class="qm-skip" href="#qm-main">'));
  const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  assert.equal(levels, [1, 2, 2, 2, 2]);
  assert.ok(html.includes('<caption>Itemised price of quote Q-2026-000123</caption>'));
  assert.is(count(html, '<th scope="col"'), 2);
  assert.is(count(html, '<th scope="row">'), 2 + 6, 'two items; subtotal, three adjustments, tax, total');
  assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
  assert.match(html, /<meta name="robots" content="noindex, nofollow">/);
  assert.match(html, /<meta name="referrer" content="no-referrer">/);
  assert.match(html, /:focus-visible \{ outline: 3px solid/);
  assert.match(html, /@media print \{[^@]*\.qm-notice-region, form \{ display: none; \}/);
});

page('leaves out the phone and the description when there are none', () => {
  const html = renderQuotePage(view({ quote: { contact: { name: 'Ann', email: 'ann@example.com', phone: null }, description: '  \n ' } }));
  assert.not.ok(html.includes('>Phone<'));
  assert.not.ok(html.includes('Job description'));
  const bare = renderQuotePage(view({ quote: { contact: { name: 'Ann', email: 'ann@example.com' }, description: undefined } }));
  assert.not.ok(bare.includes('>Phone<'));
});

page('keeps line breaks of the description as text', () => {
  const html = renderQuotePage(view({ quote: { description: 'Line one\nLine two' } }));
  assert.ok(html.includes('<p class="qm-description">Line one\nLine two</p>'));
  assert.not.ok(html.includes('<br'));
});

page('posts to the action URL without a doubled slash', () => {
  const html = renderQuotePage(view({ actionUrl: '/q/tok_abc/' }));
  assert.ok(html.includes('action="/q/tok_abc/accept"'));
  assert.ok(html.includes('action="/q/tok_abc/decline"'));
});

page('falls back to en-US and UTC for a malformed locale or unknown time zone', () => {
  const html = renderQuotePage(view({ tenant: { locale: 'not a locale!', timezone: 'Mars/Olympus_Mons' }, quote: { createdAt: new Date('2026-03-05T03:00:00Z') } }));
  assert.ok(html.includes('>March 5, 2026</time>'));
  assert.ok(html.includes('$352.00'));
  assert.match(html, /<html lang="en-US" /);
});

page.run();

// ---------------------------------------------------------- renderQuoteNotFound

const notFound = suite('renderQuoteNotFound');

notFound('renders a 404 page in the requested language with no tenant data', () => {
  const html = renderQuoteNotFound('en');
  assert.match(html, /^<!doctype html>\n<html lang="en" /);
  assert.ok(html.includes('<title>Quote not found</title>'));
  assert.ok(html.includes('<h1>Quote not found</h1>'));
  assert.ok(html.includes('<main id="qm-main"'));
  assert.match(html, /<meta name="robots" content="noindex, nofollow">/);
  assert.not.ok(html.includes('<form'));
  assert.not.ok(html.includes('<img'));
  assert.not.ok(html.includes('<script'));
  assert.ok(html.includes('--qm-color-primary: #1d4ed8;'), 'platform colours, not a tenant’s');
});

notFound('translates into de, fr and es and falls back to English', () => {
  assert.ok(renderQuoteNotFound('de-CH').includes('<h1>Angebot nicht gefunden</h1>'));
  assert.match(renderQuoteNotFound('de-CH'), /<html lang="de" /);
  assert.ok(renderQuoteNotFound('fr').includes('<h1>Devis introuvable</h1>'));
  assert.ok(renderQuoteNotFound('es').includes('<h1>Presupuesto no encontrado</h1>'));
  const fallback = renderQuoteNotFound('ja-JP');
  assert.ok(fallback.includes('<h1>Quote not found</h1>'));
  assert.match(fallback, /<html lang="en" /);
});

notFound.run();

const notices = suite('quotePageNotice');

notices('gives each notice in the page language, falling back to English', () => {
  assert.equal(quotePageNotice('de', 'accepted'), { kind: 'success', text: 'Vielen Dank — das Angebot ist angenommen.' });
  assert.equal(quotePageNotice('fr', 'nameRequired').kind, 'error');
  assert.is(quotePageNotice('es', 'closed').text, 'Este presupuesto ya se decidió o ha caducado, por lo que no puede cambiar.');
  assert.is(quotePageNotice('xx', 'formExpired').text, 'This form has expired. Please try again.');
  assert.is(quotePageNotice('en', 'declined').kind, 'success');
});

notices.run();
