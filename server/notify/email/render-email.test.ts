import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PricingResult } from '../../pricing/result.types.ts';
import {
  decisionToTenantView,
  decisionToVisitorView,
  newQuoteAlertView,
  overrideContext,
  passwordResetView,
  quoteToVisitorView,
  teamInviteView,
  webhookDisabledView,
  type EmailBrand,
  type EmailQuote,
} from './email-view.ts';
import { renderDefault, renderWithOverride } from './render-email.ts';

const pricing: PricingResult = {
  currency: 'USD',
  pricingVersion: 2,
  lines: [
    { id: 'callout', label: 'Call-out fee', quantity: 1, unitAmount: 4900, amount: 4900, explain: 'fixed' },
    { id: 'rooms', label: 'Painting', quantity: 2, unitAmount: 12000, amount: 24000, explain: 'rooms × 12000' },
    { id: 'hedge', label: 'Hedge', quantity: 30, unitAmount: null, amount: 21000, explain: 'graduated' },
  ],
  subtotal: 49900,
  adjustments: [
    { id: 'SPRING10', kind: 'discount', label: 'Code SPRING10', amount: -4990 },
    { id: 'rush', kind: 'adjustment', label: 'Rush', amount: 1000 },
    { id: 'rounding', kind: 'rounding', label: 'Rounding', amount: -10 },
  ],
  tax: { label: 'Sales tax', ratePercent: 8.25, inclusive: false, amount: 3787 },
  total: 49687,
  range: { low: 45000, high: 55000 },
  discountRejected: null,
};

const brand: EmailBrand = { name: 'Brightside Painting', locale: 'en-US', timezone: 'America/Chicago', website: 'https://brightside.example', logoUrl: 'https://brightside.example/logo.svg', color: '#0b6e4f' };
const quote: EmailQuote = {
  number: 'Q-2026-000123',
  serviceName: 'Interior painting',
  url: 'https://quotes.example/q/TOKEN123',
  createdAt: new Date('2026-03-04T16:20:00Z'),
  expiresAt: new Date('2026-04-03T16:20:00Z'),
  pricing,
  contact: { name: 'Jordan <Alvarez>', email: 'jordan@example.com', phone: '+1 312 555 0147' },
  description: 'Walls & ceilings',
};
const decision = { outcome: 'accepted' as const, name: 'Jordan Alvarez', at: new Date('2026-03-05T10:00:00Z') };
const recipient = { email: 'owner@brightside.example', unsubscribeUrl: 'https://quotes.example/unsubscribe/abc.def', notices: ['Your template failed.'] };

const views = suite('default emails');

views('the visitor\'s quote: subject, link in both parts, itemised money and dates in the tenant\'s locale', () => {
  const email = renderDefault(quoteToVisitorView(brand, quote));
  assert.is(email.subject, 'Your quote Q-2026-000123 from Brightside Painting');
  for (const part of [email.text, email.html]) {
    assert.ok(part.includes('https://quotes.example/q/TOKEN123'));
    assert.ok(part.includes('$496.87'), 'total');
    assert.ok(part.includes('April 3, 2026'), 'valid until, in the tenant\'s zone');
    assert.ok(part.includes('Discount code SPRING10'));
    assert.ok(part.includes('$450.00 – $550.00'), 'range');
  }
  assert.ok(email.text.includes('Hello Jordan <Alvarez>,'), 'text is not HTML-escaped');
  assert.ok(email.html.includes('Hello Jordan &lt;Alvarez&gt;,'), 'HTML is escaped');
  assert.ok(email.html.includes('<img src="https://brightside.example/logo.svg"'));
  assert.ok(email.html.includes('background:#0b6e4f'), 'the brand colour on the button');
  assert.ok(email.text.endsWith('\n') && !email.text.includes('\n\n\n'));
});

views('German, French and Spanish visitors read their language and their formats', () => {
  const de = renderDefault(quoteToVisitorView({ ...brand, locale: 'de-DE', timezone: 'Europe/Berlin' }, { ...quote, pricing: { ...pricing, currency: 'EUR' } }));
  assert.is(de.subject, 'Ihr Angebot Q-2026-000123 von Brightside Painting');
  assert.match(de.text, /496,87\s€/);
  assert.ok(de.text.includes('3. April 2026'));
  assert.match(renderDefault(quoteToVisitorView({ ...brand, locale: 'fr-FR' }, quote)).subject, /^Votre devis/);
  assert.match(renderDefault(quoteToVisitorView({ ...brand, locale: 'es-ES' }, quote)).subject, /^Su presupuesto/);
  assert.match(renderDefault(quoteToVisitorView({ ...brand, locale: 'nl-NL' }, quote)).subject, /^Your quote/, 'others: English');
});

views('the business\'s alert: contact details, no visitor link, unsubscribe and notices', () => {
  const email = renderDefault(newQuoteAlertView(brand, quote, recipient));
  assert.is(email.subject, 'New quote Q-2026-000123: $496.87 for Jordan <Alvarez>');
  assert.not.ok(email.text.includes('TOKEN123'));
  assert.ok(email.text.includes('jordan@example.com') && email.text.includes('+1 312 555 0147') && email.text.includes('Walls & ceilings'));
  assert.ok(email.text.includes('! Your template failed.'));
  assert.ok(email.html.includes('href="https://quotes.example/unsubscribe/abc.def"'));
  assert.ok(email.text.includes('Unsubscribe from these alerts: https://quotes.example/unsubscribe/abc.def'));
  assert.match(renderDefault(newQuoteAlertView({ ...brand, locale: 'de-AT' }, quote, recipient)).subject, /^Neues Angebot/);
});

views('decisions, to both sides', () => {
  assert.is(renderDefault(decisionToVisitorView(brand, quote, decision)).subject, 'You accepted quote Q-2026-000123 from Brightside Painting');
  assert.is(renderDefault(decisionToVisitorView(brand, quote, { ...decision, outcome: 'declined' })).subject, 'You declined quote Q-2026-000123 from Brightside Painting');
  const tenantAccepted = renderDefault(decisionToTenantView(brand, quote, decision, recipient));
  assert.is(tenantAccepted.subject, 'Quote Q-2026-000123 accepted by Jordan <Alvarez>');
  assert.ok(tenantAccepted.text.includes('signing with the typed name “Jordan Alvarez”'));
  assert.ok(renderDefault(decisionToTenantView(brand, quote, { ...decision, name: null }, recipient)).text.includes('on March 5, 2026'));
  assert.is(renderDefault(decisionToTenantView(brand, quote, { ...decision, outcome: 'declined' }, recipient)).subject, 'Quote Q-2026-000123 declined by Jordan <Alvarez>');
  assert.match(renderDefault(decisionToTenantView({ ...brand, locale: 'de-DE' }, quote, decision, recipient)).text, /mit „Jordan Alvarez“ unterschrieben/);
});

views('team invite and password reset (for the identity issue), in English and German', () => {
  const invite = renderDefault(teamInviteView({ locale: 'en-GB', timezone: 'Europe/London', tenantName: 'Greenway', inviterName: 'Priya', role: 'editor', acceptUrl: 'https://quotes.example/invite/xyz', expiresAt: new Date('2026-05-01T12:00:00Z') }));
  assert.is(invite.subject, 'Priya invited you to Greenway on Quote Master Pro');
  assert.ok(invite.text.includes('https://quotes.example/invite/xyz') && invite.html.includes('href="https://quotes.example/invite/xyz"'));
  assert.ok(invite.text.includes('1 May 2026'));
  const reset = renderDefault(passwordResetView({ locale: 'de-DE', timezone: 'Europe/Berlin', email: 'max@example.de', resetUrl: 'https://quotes.example/reset/abc', expiresAt: new Date('2026-05-01T12:00:00Z') }));
  assert.is(reset.subject, 'Ihr Quote-Master-Pro-Passwort zurücksetzen');
  assert.ok(reset.text.includes('https://quotes.example/reset/abc') && reset.text.includes('max@example.de'));
  assert.is(renderDefault(passwordResetView({ locale: 'en-US', timezone: 'Nowhere/Else', email: 'a@b.c', resetUrl: 'https://x/r', expiresAt: new Date(0) })).subject, 'Reset your Quote Master Pro password');
});

views('the disabled-endpoint notice', () => {
  const email = renderDefault(webhookDisabledView(brand, { url: 'https://hooks.example/in', failingSince: new Date('2026-03-01T00:00:00Z'), lastError: 'answered 500' }));
  assert.is(email.subject, 'Webhook endpoint disabled: https://hooks.example/in');
  assert.ok(email.text.includes('Last error: answered 500'));
});

views('a pale or unreadable brand colour falls back; non-https logos are left out', () => {
  const pale = renderDefault(quoteToVisitorView({ ...brand, color: '#fafafa', logoUrl: 'http://insecure.example/logo.png' }, quote));
  assert.ok(pale.html.includes('background:#1d4ed8'));
  assert.not.ok(pale.html.includes('insecure.example'));
  assert.ok(renderDefault(quoteToVisitorView({ ...brand, color: 'red; x', website: 'javascript:alert(1)' }, quote)).html.includes('background:#1d4ed8'));
  assert.not.ok(renderDefault(quoteToVisitorView({ ...brand, website: 'javascript:alert(1)' }, quote)).html.includes('javascript:'));
  assert.ok(renderDefault(quoteToVisitorView({ ...brand, color: '#d97706' }, quote)).html.includes('color:#000000'), 'dark text on a light button');
});

const overrides = suite('renderWithOverride');

overrides('uses the tenant\'s parts, keeps the default for the rest', () => {
  const view = quoteToVisitorView(brand, quote);
  const context = overrideContext(view, brand, quote, null, { withLink: true });
  const result = renderWithOverride(view, { subject: '{{quote.number}} for {{quote.contact.name}}\n  ({{quote.total}})', html: '<a href="{{quote.url}}">{{heading}}</a>' }, context);
  assert.is(result.failure, null);
  assert.is(result.content.subject, 'Q-2026-000123 for Jordan <Alvarez> ($496.87)');
  assert.is(result.content.html, '<a href="https://quotes.example/q/TOKEN123">Quote Q-2026-000123</a>');
  assert.is(result.content.text, renderDefault(view).text);
  const text = renderWithOverride(view, { text: 'Total {{quote.total}}\n\n\n\nBye {{tenant.name}}   ' }, context);
  assert.is(text.content.text, 'Total $496.87\n\nBye Brightside Painting\n');
});

overrides('the business\'s templates have no visitor link; decisions are there for decision emails', () => {
  const view = newQuoteAlertView(brand, quote, recipient);
  const context = overrideContext(view, brand, quote, decision, { withLink: false }) as { quote: { url: unknown }; decision: { outcome: string; at: string } };
  assert.is(context.quote.url, null);
  assert.is(context.decision.outcome, 'accepted');
  assert.match(context.decision.at, 'March 5, 2026');
});

overrides('any failing part means the whole default, and says which part and why', () => {
  const view = quoteToVisitorView(brand, quote);
  const context = overrideContext(view, brand, quote, null, { withLink: true });
  const broken = renderWithOverride(view, { subject: 'Fine {{quote.number}}', html: '<p>{{quote.nummer}}</p>' }, context);
  assert.equal(broken.content, renderDefault(view));
  assert.is(broken.failure?.part, 'html');
  assert.match(broken.failure?.error ?? '', /^"nummer" not defined - 1:/);
  const empty = renderWithOverride(view, { subject: '{{#if quote.range}}{{/if}}' }, context);
  assert.equal(empty.failure, { part: 'subject', error: 'rendered an empty subject' });
  assert.equal(renderWithOverride(view, {}, context), { content: renderDefault(view), failure: null });
  assert.equal(renderWithOverride(view, undefined, context), { content: renderDefault(view), failure: null });
});

views.run();
overrides.run();
