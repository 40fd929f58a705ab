// What each default email says, as a view the one layout renders (HTML and
// text). Money and dates are formatted here, in the tenant's locale and time
// zone; every value reaches the HTML through Handlebars' escaping.
import { contrast } from '../../html/color-contrast.ts';
import { formatMoney } from '../../pricing/money.ts';
import type { PricingResult } from '../../pricing/result.types.ts';
import { emailLang, platformWords, tenantWords, visitorWords, type EmailLang } from './messages.ts';

/** The emails the product sends; the first four may be overridden by a tenant (notifications.templates). */
export const EMAIL_TEMPLATES = ['quote-to-visitor', 'new-quote-alert', 'decision-to-visitor', 'decision-to-tenant', 'team-invite', 'password-reset', 'webhook-disabled'] as const;
export type EmailTemplateId = (typeof EMAIL_TEMPLATES)[number];
export const OVERRIDABLE_TEMPLATES = ['quote-to-visitor', 'new-quote-alert', 'decision-to-visitor', 'decision-to-tenant'] as const;
export type OverridableTemplateId = (typeof OVERRIDABLE_TEMPLATES)[number];

export interface EmailView {
  lang: EmailLang;
  subject: string;
  /** The line mail clients show after the subject. */
  preheader: string;
  brand: { name: string; logoUrl: string | null; website: string | null; color: string; onColor: string };
  heading: string;
  paragraphs: string[];
  button: { url: string; label: string } | null;
  facts: Array<{ label: string; value: string }>;
  items: { caption: string; rows: Array<{ label: string; detail: string | null; amount: string }>; totals: Array<{ label: string; amount: string; strong: boolean }> } | null;
  notes: string[];
  /** Warnings for the business (a template of theirs that failed). */
  notices: string[];
  footer: string[];
  unsubscribe: { url: string; label: string } | null;
}

/** The business as emails show it. */
export interface EmailBrand {
  name: string;
  locale: string;
  timezone: string;
  website?: string | undefined;
  logoUrl?: string | undefined;
  /** The theme's primary colour. */
  color?: string | undefined;
}

/** A quote as emails show it. */
export interface EmailQuote {
  number: string;
  serviceName: string;
  /** The hosted quote page (only in emails to the visitor: the link is the key to the quote). */
  url: string;
  createdAt: Date;
  expiresAt: Date;
  pricing: PricingResult;
  contact: { name: string; email: string; phone: string | null };
  description: string | null;
}

export interface EmailDecision {
  outcome: 'accepted' | 'declined';
  name: string | null;
  at: Date;
}

const PLATFORM_COLOR = '#1d4ed8';

interface Formats {
  money(minor: number): string;
  date(at: Date): string;
  dateTime(at: Date): string;
  number(value: number): string;
  percent(value: number): string;
}

function formats(locale: string, timeZone: string, currency: string): Formats {
  let safeLocale = 'en-US';
  try {
    safeLocale = Intl.getCanonicalLocales(locale)[0] ?? 'en-US';
  } catch {
    // keep en-US
  }
  let zone = 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    zone = timeZone;
  } catch {
    // keep UTC
  }
  const date = new Intl.DateTimeFormat(safeLocale, { dateStyle: 'long', timeZone: zone });
  const dateTime = new Intl.DateTimeFormat(safeLocale, { dateStyle: 'long', timeStyle: 'short', timeZone: zone });
  const number = new Intl.NumberFormat(safeLocale, { maximumFractionDigits: 3 });
  const percent = new Intl.NumberFormat(safeLocale, { style: 'percent', maximumFractionDigits: 6 });
  return {
    money: (minor) => formatMoney(minor, currency, safeLocale),
    date: (at) => date.format(at),
    dateTime: (at) => dateTime.format(at),
    number: (value) => number.format(value),
    percent: (value) => percent.format(value / 100),
  };
}

/** https logos only (mail clients fetch them); anything else shows the name alone. */
function safeHttps(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function safeWebsite(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The brand colour for the top rule and the button, with a readable text colour on it; a colour too pale on white falls back. */
function brandOf(brand: EmailBrand): EmailView['brand'] {
  const candidate = brand.color && /^#[0-9a-f]{6}$/i.test(brand.color) ? brand.color : PLATFORM_COLOR;
  const color = (contrast(candidate, '#ffffff') ?? 0) >= 3 ? candidate : PLATFORM_COLOR;
  const onColor = (contrast('#ffffff', color) ?? 0) >= (contrast('#000000', color) ?? 0) ? '#ffffff' : '#000000';
  return { name: brand.name, logoUrl: safeHttps(brand.logoUrl), website: safeWebsite(brand.website), color, onColor };
}

function itemsOf(quote: EmailQuote, f: Formats, common: ReturnType<typeof visitorWords>['common']): NonNullable<EmailView['items']> {
  const pricing = quote.pricing;
  const rows = pricing.lines.map((line) => {
    let detail: string | null = null;
    if (line.unitAmount !== null && line.quantity !== 1) detail = `${f.number(line.quantity)} × ${f.money(line.unitAmount)}`;
    else if (line.unitAmount === null) detail = common.quantity(f.number(line.quantity));
    return { label: line.label, detail, amount: f.money(line.amount) };
  });
  const totals: NonNullable<EmailView['items']>['totals'] = [];
  const adjustments = pricing.adjustments.filter((a) => a.kind !== 'rounding');
  if (adjustments.length > 0 || (pricing.tax && !pricing.tax.inclusive)) totals.push({ label: common.subtotal, amount: f.money(pricing.subtotal), strong: false });
  for (const a of adjustments) totals.push({ label: a.kind === 'discount' ? common.discountCode(a.id) : a.label, amount: f.money(a.amount), strong: false });
  const tax = pricing.tax;
  if (tax && !tax.inclusive) totals.push({ label: `${tax.label} (${f.percent(tax.ratePercent)})`, amount: f.money(tax.amount), strong: false });
  for (const a of pricing.adjustments.filter((x) => x.kind === 'rounding')) totals.push({ label: common.rounding, amount: f.money(a.amount), strong: false });
  totals.push({ label: common.total, amount: f.money(pricing.total), strong: true });
  if (tax?.inclusive) totals.push({ label: common.taxInclusive(tax.label, f.percent(tax.ratePercent)), amount: f.money(tax.amount), strong: false });
  if (pricing.range) totals.push({ label: common.estimatedRange, amount: `${f.money(pricing.range.low)} – ${f.money(pricing.range.high)}`, strong: false });
  return { caption: common.itemsCaption(quote.number), rows, totals };
}

function quoteWords(brand: EmailBrand, quote: EmailQuote, f: Formats) {
  return { number: quote.number, tenant: brand.name, service: quote.serviceName, total: f.money(quote.pricing.total), name: quote.contact.name };
}

/** The visitor's quote: the itemised price and the link to the hosted page. */
export function quoteToVisitorView(brand: EmailBrand, quote: EmailQuote): EmailView {
  const lang = emailLang(brand.locale);
  const { common, quoteToVisitor: w } = visitorWords(lang);
  const f = formats(brand.locale, brand.timezone, quote.pricing.currency);
  const q = quoteWords(brand, quote, f);
  const expires = f.date(quote.expiresAt);
  return {
    lang,
    subject: w.subject(q),
    preheader: w.preheader({ ...q, expires }),
    brand: brandOf(brand),
    heading: `${common.quote} ${quote.number}`,
    paragraphs: [w.greeting(quote.contact.name), w.intro(q)],
    button: { url: quote.url, label: w.button },
    facts: [
      { label: common.service, value: quote.serviceName },
      { label: common.validUntil, value: expires },
    ],
    items: itemsOf(quote, f, common),
    notes: [w.validity(expires), ...(quote.pricing.range ? [w.rangeNote] : []), common.replyHint(brand.name)],
    notices: [],
    footer: [brand.name],
    unsubscribe: null,
  };
}

export interface TenantRecipient {
  email: string;
  /** One-click unsubscribe for this address (List-Unsubscribe). */
  unsubscribeUrl: string;
  /** Problems to tell the business about (their template that failed). */
  notices?: string[] | undefined;
}

function contactFacts(quote: EmailQuote, common: ReturnType<typeof visitorWords>['common']): EmailView['facts'] {
  return [
    { label: common.name, value: quote.contact.name },
    { label: common.email, value: quote.contact.email },
    ...(quote.contact.phone ? [{ label: common.phone, value: quote.contact.phone }] : []),
    { label: common.service, value: quote.serviceName },
    ...(quote.description ? [{ label: common.description, value: quote.description }] : []),
  ];
}

/** The business's alert of a new quote: who, what, how much; no link to the hosted page (opening it would count as the visitor's view). */
export function newQuoteAlertView(brand: EmailBrand, quote: EmailQuote, recipient: TenantRecipient): EmailView {
  const { lang, words: w, common } = tenantWords(emailLang(brand.locale));
  const f = formats(brand.locale, brand.timezone, quote.pricing.currency);
  const q = quoteWords(brand, quote, f);
  return {
    lang,
    subject: w.alertSubject(q),
    preheader: w.alertIntro({ ...q, at: f.dateTime(quote.createdAt) }),
    brand: brandOf(brand),
    heading: w.alertHeading(q),
    paragraphs: [w.alertIntro({ ...q, at: f.dateTime(quote.createdAt) })],
    button: null,
    facts: [...contactFacts(quote, common), { label: common.validUntil, value: f.date(quote.expiresAt) }],
    items: itemsOf(quote, f, common),
    notes: [w.alertReplyHint(quote.contact.name)],
    notices: recipient.notices ?? [],
    footer: [w.unsubscribeHint(recipient.email, brand.name)],
    unsubscribe: { url: recipient.unsubscribeUrl, label: w.unsubscribe },
  };
}

/** The visitor's confirmation of their decision, with the link back to the quote. */
export function decisionToVisitorView(brand: EmailBrand, quote: EmailQuote, decision: EmailDecision): EmailView {
  const lang = emailLang(brand.locale);
  const { common, decisionToVisitor: w } = visitorWords(lang);
  const f = formats(brand.locale, brand.timezone, quote.pricing.currency);
  const q = { ...quoteWords(brand, quote, f), at: f.dateTime(decision.at) };
  const accepted = decision.outcome === 'accepted';
  const text = accepted ? w.accepted(q) : w.declined(q);
  return {
    lang,
    subject: accepted ? w.acceptedSubject(q) : w.declinedSubject(q),
    preheader: text,
    brand: brandOf(brand),
    heading: `${common.quote} ${quote.number}`,
    paragraphs: [text],
    button: { url: quote.url, label: w.button },
    facts: [
      { label: common.service, value: quote.serviceName },
      { label: common.total, value: f.money(quote.pricing.total) },
    ],
    items: null,
    notes: [common.replyHint(brand.name)],
    notices: [],
    footer: [brand.name],
    unsubscribe: null,
  };
}

/** The business's notice that a visitor accepted (with the typed signature) or declined. */
export function decisionToTenantView(brand: EmailBrand, quote: EmailQuote, decision: EmailDecision, recipient: TenantRecipient): EmailView {
  const { lang, words: w, common } = tenantWords(emailLang(brand.locale));
  const f = formats(brand.locale, brand.timezone, quote.pricing.currency);
  const q = { ...quoteWords(brand, quote, f), at: f.dateTime(decision.at) };
  const accepted = decision.outcome === 'accepted';
  const text = accepted ? w.accepted({ ...q, signature: decision.name }) : w.declined(q);
  return {
    lang,
    subject: accepted ? w.acceptedSubject(q) : w.declinedSubject(q),
    preheader: text,
    brand: brandOf(brand),
    heading: accepted ? w.acceptedSubject(q) : w.declinedSubject(q),
    paragraphs: [text],
    button: null,
    facts: [...contactFacts(quote, common), { label: common.total, value: f.money(quote.pricing.total) }],
    items: null,
    notes: [w.contactHint(quote.contact.name)],
    notices: recipient.notices ?? [],
    footer: [w.unsubscribeHint(recipient.email, brand.name)],
    unsubscribe: { url: recipient.unsubscribeUrl, label: w.unsubscribe },
  };
}

/** The business's notice that an endpoint of theirs was disabled after failing for days. */
export function webhookDisabledView(brand: EmailBrand, endpoint: { url: string; failingSince: Date; lastError: string | null }): EmailView {
  const { lang, words: w } = tenantWords(emailLang(brand.locale));
  const f = formats(brand.locale, brand.timezone, 'USD');
  return {
    lang,
    subject: w.webhookDisabledSubject(endpoint.url),
    preheader: w.webhookDisabled(endpoint.url, f.dateTime(endpoint.failingSince)),
    brand: brandOf(brand),
    heading: w.webhookDisabledHeading,
    paragraphs: [w.webhookDisabled(endpoint.url, f.dateTime(endpoint.failingSince)), w.webhookDisabledNext],
    button: null,
    facts: endpoint.lastError ? [{ label: w.lastError, value: endpoint.lastError }] : [],
    items: null,
    notes: [],
    notices: [],
    footer: [brand.name],
    unsubscribe: null,
  };
}

/** An invitation to a tenant's team (the identity issue sends it). */
export function teamInviteView(input: { locale: string; timezone: string; tenantName: string; inviterName: string; role: string; acceptUrl: string; expiresAt: Date }): EmailView {
  const { lang, words: w } = platformWords(emailLang(input.locale));
  const f = formats(input.locale, input.timezone, 'USD');
  return {
    lang,
    subject: w.inviteSubject(input.inviterName, input.tenantName),
    preheader: w.invite(input.inviterName, input.tenantName, input.role),
    brand: brandOf({ name: 'Quote Master Pro', locale: input.locale, timezone: input.timezone }),
    heading: w.inviteHeading(input.tenantName),
    paragraphs: [w.invite(input.inviterName, input.tenantName, input.role)],
    button: { url: input.acceptUrl, label: w.inviteButton },
    facts: [],
    items: null,
    notes: [w.inviteExpiry(f.dateTime(input.expiresAt)), w.inviteIgnore],
    notices: [],
    footer: ['Quote Master Pro'],
    unsubscribe: null,
  };
}

/** A password reset link (the identity issue sends it). */
export function passwordResetView(input: { locale: string; timezone: string; email: string; resetUrl: string; expiresAt: Date }): EmailView {
  const { lang, words: w } = platformWords(emailLang(input.locale));
  const f = formats(input.locale, input.timezone, 'USD');
  return {
    lang,
    subject: w.resetSubject,
    preheader: w.reset(input.email),
    brand: brandOf({ name: 'Quote Master Pro', locale: input.locale, timezone: input.timezone }),
    heading: w.resetHeading,
    paragraphs: [w.reset(input.email)],
    button: { url: input.resetUrl, label: w.resetButton },
    facts: [],
    items: null,
    notes: [w.resetExpiry(f.dateTime(input.expiresAt)), w.resetIgnore],
    notices: [],
    footer: ['Quote Master Pro'],
    unsubscribe: null,
  };
}

/**
 * What a tenant's own template may use: the default email's parts (already
 * translated and formatted) and the quote's values, formatted. Documented in
 * docs/notifications.md; every name is always present (null when empty), so
 * strict mode only fails on a misspelt name.
 */
export function overrideContext(view: EmailView, brand: EmailBrand, quote: EmailQuote, decision: EmailDecision | null, options: { withLink: boolean }): Record<string, unknown> {
  const f = formats(brand.locale, brand.timezone, quote.pricing.currency);
  return {
    ...view,
    tenant: { name: brand.name, website: safeWebsite(brand.website), logoUrl: safeHttps(brand.logoUrl) },
    quote: {
      number: quote.number,
      service: quote.serviceName,
      url: options.withLink ? quote.url : null,
      total: f.money(quote.pricing.total),
      range: quote.pricing.range ? { low: f.money(quote.pricing.range.low), high: f.money(quote.pricing.range.high) } : null,
      createdAt: f.dateTime(quote.createdAt),
      expiresAt: f.date(quote.expiresAt),
      contact: { name: quote.contact.name, email: quote.contact.email, phone: quote.contact.phone },
      description: quote.description,
    },
    decision: decision ? { outcome: decision.outcome, name: decision.name, at: f.dateTime(decision.at) } : null,
  };
}
