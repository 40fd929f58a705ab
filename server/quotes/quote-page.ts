// The hosted quote page `/q/{token}`: a server-rendered, branded HTML
// document that works without JavaScript (plain forms, POST).
// Rendering only: the route loads the quote, checks the token and CSRF and
// records decisions. See docs/decisions/0006-hosted-quote-page.md.
//
// Safety rests on one rule: every value reaches the HTML through Handlebars'
// `{{ }}` escaping, after all text (translations, money, dates) is composed
// here as plain strings. The single exception is the theme block inside
// `<style>` (raw text, where entities mean nothing), built only from values
// that pass the strict patterns below.
import { join } from 'node:path';
import { safeLogoUrl, themeOf } from '../html/page-theme.ts';
import { templatesIn } from '../html/templates.ts';
import { formatMoney } from '../pricing/money.ts';
import type { AdjustmentKind, PricingResult } from '../pricing/result.types.ts';

/** Everything the quote page shows; built by the route from the tenant and the stored quote. */
export interface QuotePageView {
  tenant: { name: string; locale: string; timezone: string; logoUrl?: string | undefined; tokens: Record<string, string>; poweredBy: boolean };
  quote: {
    number: string;
    status: 'sent' | 'viewed' | 'accepted' | 'declined' | 'expired';
    serviceName: string;
    createdAt: Date;
    expiresAt: Date;
    contact: { name: string; email: string; phone?: string | null };
    description?: string | null;
    pricing: PricingResult;
    decision?: { name?: string | null; at: Date } | null;
  };
  /** The forms post to `${actionUrl}/accept` and `${actionUrl}/decline`. */
  actionUrl: string;
  /** Sent back as the hidden field `csrf` of both forms. */
  csrfToken: string;
  notice?: { kind: 'success' | 'error'; text: string } | null;
  /** UI language: 'en' | 'de' | 'fr' | 'es' (a region such as 'de-AT' is accepted); anything else is English. */
  lang: string;
}

// ---------------------------------------------------------------- messages

const en = {
  skipToContent: 'Skip to content',
  quoteHeading: 'Quote {number}',
  status: 'Status',
  statusOpen: 'Awaiting your response',
  statusAccepted: 'Accepted',
  statusDeclined: 'Declined',
  statusExpired: 'Expired',
  service: 'Service',
  date: 'Date',
  validUntil: 'Valid until',
  preparedFor: 'Prepared for',
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  description: 'Job description',
  price: 'Price',
  itemsCaption: 'Itemised price of quote {number}',
  item: 'Item',
  amount: 'Amount',
  quantity: 'Quantity {quantity}',
  subtotal: 'Subtotal',
  discountCode: 'Discount code {code}',
  rounding: 'Rounding',
  taxExclusive: '{label} ({rate})',
  taxInclusive: 'incl. {label} ({rate})',
  total: 'Total',
  estimatedRange: 'Estimated range',
  rangeNote: 'This is an estimate: the final price is expected to fall within the estimated range.',
  respondHeading: 'Respond to this quote',
  outcomeHeading: 'Quote status',
  acceptLabel: 'Type your full name to accept',
  acceptHint: 'Your typed name is your signature. We record it with the time and your IP address.',
  acceptButton: 'Accept quote',
  declinePrompt: 'Not going ahead?',
  declineButton: 'Decline',
  acceptedBy: 'Accepted by {name} on {date}',
  acceptedOn: 'Accepted on {date}',
  accepted: 'This quote has been accepted.',
  declinedOn: 'Declined on {date}',
  declined: 'This quote has been declined.',
  expiredOn: 'This quote expired on {date}',
  poweredBy: 'Powered by Quote Master Pro',
  notFoundTitle: 'Quote not found',
  notFoundText: 'This link does not lead to a quote. It may be mistyped, or the quote may have been withdrawn. Please contact the business that sent it to you.',
  noticeAccepted: 'Thank you — the quote is accepted.',
  noticeDeclined: 'The quote is declined. Thank you for letting us know.',
  noticeNameRequired: 'Please type your full name to accept.',
  noticeFormExpired: 'This form has expired. Please try again.',
  noticeClosed: 'This quote has already been decided or has expired, so it can no longer change.',
};

type Messages = typeof en;
type Lang = 'en' | 'de' | 'fr' | 'es';

const de: Messages = {
  skipToContent: 'Zum Inhalt springen',
  quoteHeading: 'Angebot {number}',
  status: 'Status',
  statusOpen: 'Wartet auf Ihre Antwort',
  statusAccepted: 'Angenommen',
  statusDeclined: 'Abgelehnt',
  statusExpired: 'Abgelaufen',
  service: 'Leistung',
  date: 'Datum',
  validUntil: 'Gültig bis',
  preparedFor: 'Erstellt für',
  name: 'Name',
  email: 'E-Mail',
  phone: 'Telefon',
  description: 'Auftragsbeschreibung',
  price: 'Preis',
  itemsCaption: 'Einzelpositionen von Angebot {number}',
  item: 'Position',
  amount: 'Betrag',
  quantity: 'Menge {quantity}',
  subtotal: 'Zwischensumme',
  discountCode: 'Rabattcode {code}',
  rounding: 'Rundung',
  taxExclusive: '{label} ({rate})',
  taxInclusive: 'inkl. {label} ({rate})',
  total: 'Gesamt',
  estimatedRange: 'Geschätzte Spanne',
  rangeNote: 'Dies ist eine Schätzung: Der endgültige Preis liegt voraussichtlich innerhalb der geschätzten Spanne.',
  respondHeading: 'Auf dieses Angebot antworten',
  outcomeHeading: 'Status des Angebots',
  acceptLabel: 'Geben Sie Ihren vollständigen Namen ein, um anzunehmen',
  acceptHint: 'Ihr eingegebener Name gilt als Unterschrift. Wir speichern ihn mit Uhrzeit und Ihrer IP-Adresse.',
  acceptButton: 'Angebot annehmen',
  declinePrompt: 'Kein Interesse?',
  declineButton: 'Ablehnen',
  acceptedBy: 'Angenommen von {name} am {date}',
  acceptedOn: 'Angenommen am {date}',
  accepted: 'Dieses Angebot wurde angenommen.',
  declinedOn: 'Abgelehnt am {date}',
  declined: 'Dieses Angebot wurde abgelehnt.',
  expiredOn: 'Dieses Angebot ist am {date} abgelaufen',
  poweredBy: 'Bereitgestellt von Quote Master Pro',
  notFoundTitle: 'Angebot nicht gefunden',
  notFoundText: 'Dieser Link führt zu keinem Angebot. Vielleicht ist er falsch geschrieben, oder das Angebot wurde zurückgezogen. Bitte wenden Sie sich an das Unternehmen, das es Ihnen geschickt hat.',
  noticeAccepted: 'Vielen Dank — das Angebot ist angenommen.',
  noticeDeclined: 'Das Angebot ist abgelehnt. Danke für Ihre Rückmeldung.',
  noticeNameRequired: 'Bitte geben Sie Ihren vollständigen Namen ein, um anzunehmen.',
  noticeFormExpired: 'Dieses Formular ist abgelaufen. Bitte versuchen Sie es erneut.',
  noticeClosed: 'Über dieses Angebot wurde bereits entschieden oder es ist abgelaufen; es kann nicht mehr geändert werden.',
};

const fr: Messages = {
  skipToContent: 'Aller au contenu',
  quoteHeading: 'Devis {number}',
  status: 'Statut',
  statusOpen: 'En attente de votre réponse',
  statusAccepted: 'Accepté',
  statusDeclined: 'Refusé',
  statusExpired: 'Expiré',
  service: 'Prestation',
  date: 'Date',
  validUntil: 'Valable jusqu’au',
  preparedFor: 'Établi pour',
  name: 'Nom',
  email: 'E-mail',
  phone: 'Téléphone',
  description: 'Description des travaux',
  price: 'Prix',
  itemsCaption: 'Détail du devis {number}',
  item: 'Poste',
  amount: 'Montant',
  quantity: 'Quantité {quantity}',
  subtotal: 'Sous-total',
  discountCode: 'Code promo {code}',
  rounding: 'Arrondi',
  taxExclusive: '{label} ({rate})',
  taxInclusive: 'dont {label} ({rate})',
  total: 'Total',
  estimatedRange: 'Fourchette estimée',
  rangeNote: 'Ceci est une estimation : le prix final devrait se situer dans la fourchette estimée.',
  respondHeading: 'Répondre à ce devis',
  outcomeHeading: 'Statut du devis',
  acceptLabel: 'Saisissez votre nom complet pour accepter',
  acceptHint: 'Votre nom saisi vaut signature. Nous l’enregistrons avec l’heure et votre adresse IP.',
  acceptButton: 'Accepter le devis',
  declinePrompt: 'Vous ne donnez pas suite ?',
  declineButton: 'Refuser',
  acceptedBy: 'Accepté par {name} le {date}',
  acceptedOn: 'Accepté le {date}',
  accepted: 'Ce devis a été accepté.',
  declinedOn: 'Refusé le {date}',
  declined: 'Ce devis a été refusé.',
  expiredOn: 'Ce devis a expiré le {date}',
  poweredBy: 'Propulsé par Quote Master Pro',
  notFoundTitle: 'Devis introuvable',
  notFoundText: 'Ce lien ne mène à aucun devis. Il est peut-être mal saisi, ou le devis a été retiré. Veuillez contacter l’entreprise qui vous l’a envoyé.',
  noticeAccepted: 'Merci — le devis est accepté.',
  noticeDeclined: 'Le devis est refusé. Merci de nous avoir prévenus.',
  noticeNameRequired: 'Veuillez saisir votre nom complet pour accepter.',
  noticeFormExpired: 'Ce formulaire a expiré. Veuillez réessayer.',
  noticeClosed: 'Ce devis a déjà été accepté, refusé ou a expiré : il ne peut plus changer.',
};

const es: Messages = {
  skipToContent: 'Saltar al contenido',
  quoteHeading: 'Presupuesto {number}',
  status: 'Estado',
  statusOpen: 'Pendiente de su respuesta',
  statusAccepted: 'Aceptado',
  statusDeclined: 'Rechazado',
  statusExpired: 'Caducado',
  service: 'Servicio',
  date: 'Fecha',
  validUntil: 'Válido hasta',
  preparedFor: 'Preparado para',
  name: 'Nombre',
  email: 'Correo electrónico',
  phone: 'Teléfono',
  description: 'Descripción del trabajo',
  price: 'Precio',
  itemsCaption: 'Desglose del presupuesto {number}',
  item: 'Concepto',
  amount: 'Importe',
  quantity: 'Cantidad {quantity}',
  subtotal: 'Subtotal',
  discountCode: 'Código de descuento {code}',
  rounding: 'Redondeo',
  taxExclusive: '{label} ({rate})',
  taxInclusive: '{label} incl. ({rate})',
  total: 'Total',
  estimatedRange: 'Rango estimado',
  rangeNote: 'Esto es una estimación: se espera que el precio final esté dentro del rango estimado.',
  respondHeading: 'Responder a este presupuesto',
  outcomeHeading: 'Estado del presupuesto',
  acceptLabel: 'Escriba su nombre completo para aceptar',
  acceptHint: 'Su nombre escrito vale como firma. Lo registramos junto con la hora y su dirección IP.',
  acceptButton: 'Aceptar presupuesto',
  declinePrompt: '¿No desea continuar?',
  declineButton: 'Rechazar',
  acceptedBy: 'Aceptado por {name} el {date}',
  acceptedOn: 'Aceptado el {date}',
  accepted: 'Este presupuesto ha sido aceptado.',
  declinedOn: 'Rechazado el {date}',
  declined: 'Este presupuesto ha sido rechazado.',
  expiredOn: 'Este presupuesto caducó el {date}',
  poweredBy: 'Con la tecnología de Quote Master Pro',
  notFoundTitle: 'Presupuesto no encontrado',
  notFoundText: 'Este enlace no lleva a ningún presupuesto. Puede que esté mal escrito o que el presupuesto se haya retirado. Póngase en contacto con la empresa que se lo envió.',
  noticeAccepted: 'Gracias: el presupuesto está aceptado.',
  noticeDeclined: 'El presupuesto está rechazado. Gracias por avisarnos.',
  noticeNameRequired: 'Escriba su nombre completo para aceptar.',
  noticeFormExpired: 'Este formulario ha caducado. Inténtelo de nuevo.',
  noticeClosed: 'Este presupuesto ya se decidió o ha caducado, por lo que no puede cambiar.',
};

const MESSAGES: Record<Lang, Messages> = { en, de, fr, es };

/** The UI language for a tag such as 'de', 'de-AT' or 'fr_CA'; English when we have no messages for it. */
function pickLang(tag: string): Lang {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.hasOwn(MESSAGES, primary) ? (primary as Lang) : 'en';
}

/** Replaces `{key}` placeholders with plain text; the template escapes the result. */
function fill(message: string, values: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

// -------------------------------------------------------------- formatting

function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

interface Formatters {
  money(minor: number): string;
  number(value: number): string;
  percent(value: number): string;
  date(value: Date): string;
  dateTime(value: Date): string;
}

function formatters(locale: string, timeZone: string, currency: string): Formatters {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 6 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
  const dateTime = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone });
  return {
    money: (minor) => formatMoney(minor, currency, locale),
    number: (value) => number.format(value),
    percent: (value) => percent.format(value / 100),
    date: (value) => date.format(value),
    dateTime: (value) => dateTime.format(value),
  };
}

// -------------------------------------------------------------- templates

const compile = templatesIn(join(import.meta.dirname, 'templates'), ['layout', 'styles']);
const quotePageTemplate = compile('quote-page');
const notFoundTemplate = compile('not-found');

// ------------------------------------------------------------------ models

type Status = QuotePageView['quote']['status'];

interface Row {
  label: string;
  detail: string | null;
  amount: string;
}

function documentLang(lang: Lang, locale: string): string {
  return locale.toLowerCase().split('-')[0] === lang ? locale : lang;
}

function itemRows(pricing: PricingResult, f: Formatters, t: Messages): Row[] {
  return pricing.lines.map((line) => {
    let detail: string | null = null;
    if (line.unitAmount !== null && line.quantity !== 1) detail = `${f.number(line.quantity)} × ${f.money(line.unitAmount)}`;
    else if (line.unitAmount === null) detail = fill(t.quantity, { quantity: f.number(line.quantity) });
    return { label: line.label, detail, amount: f.money(line.amount) };
  });
}

/** Adjustments of the given kinds, in the result's order. */
function adjustmentRows(pricing: PricingResult, kinds: AdjustmentKind[], f: Formatters, t: Messages): Row[] {
  return pricing.adjustments.filter((adjustment) => kinds.includes(adjustment.kind)).map((adjustment) => {
    const label =
      adjustment.kind === 'discount' ? fill(t.discountCode, { code: adjustment.id }) : adjustment.kind === 'rounding' ? t.rounding : adjustment.label;
    return { label, detail: null, amount: f.money(adjustment.amount) };
  });
}

function outcome(quote: QuotePageView['quote'], f: Formatters, t: Messages): string | null {
  const at = quote.decision?.at;
  const name = quote.decision?.name?.trim();
  switch (quote.status) {
    case 'accepted':
      if (at === undefined) return t.accepted;
      return name ? fill(t.acceptedBy, { name, date: f.dateTime(at) }) : fill(t.acceptedOn, { date: f.dateTime(at) });
    case 'declined':
      return at === undefined ? t.declined : fill(t.declinedOn, { date: f.dateTime(at) });
    case 'expired':
      return fill(t.expiredOn, { date: f.date(quote.expiresAt) });
    default:
      return null;
  }
}

const STATUS_TEXT: Record<Status, keyof Messages> = {
  sent: 'statusOpen',
  viewed: 'statusOpen',
  accepted: 'statusAccepted',
  declined: 'statusDeclined',
  expired: 'statusExpired',
};

function isOpen(status: Status): boolean {
  return status === 'sent' || status === 'viewed';
}

/** The branded quote page as a complete HTML document. */
export function renderQuotePage(view: QuotePageView): string {
  const { tenant, quote } = view;
  const lang = pickLang(view.lang);
  const t = MESSAGES[lang];
  const locale = safeLocale(tenant.locale);
  const f = formatters(locale, safeTimeZone(tenant.timezone), quote.pricing.currency);
  const pricing = quote.pricing;
  const heading = fill(t.quoteHeading, { number: quote.number });
  const open = isOpen(quote.status);
  const actionUrl = view.actionUrl.replace(/\/+$/, '');
  const notice = view.notice ?? null;
  const tax = pricing.tax;
  const taxLabel = tax && fill(tax.inclusive ? t.taxInclusive : t.taxExclusive, { label: tax.label, rate: f.percent(tax.ratePercent) });

  return quotePageTemplate({
    htmlLang: documentLang(lang, locale),
    title: `${heading} · ${tenant.name}`,
    theme: themeOf(tenant.tokens),
    t,
    heading,
    tenant: { name: tenant.name, logoUrl: safeLogoUrl(tenant.logoUrl), poweredBy: tenant.poweredBy },
    notice,
    quote: {
      statusKey: open ? 'open' : quote.status,
      statusText: t[STATUS_TEXT[quote.status]],
      serviceName: quote.serviceName,
      created: { iso: quote.createdAt.toISOString(), text: f.date(quote.createdAt) },
      expires: { iso: quote.expiresAt.toISOString(), text: f.date(quote.expiresAt) },
      contact: { name: quote.contact.name, email: quote.contact.email, phone: quote.contact.phone || null },
      description: quote.description?.trim() || null,
    },
    itemsCaption: fill(t.itemsCaption, { number: quote.number }),
    lines: itemRows(pricing, f, t),
    subtotal: f.money(pricing.subtotal),
    // Rounding applies to the total after tax (pricing.md, step 5), so it is shown after the tax line.
    adjustments: adjustmentRows(pricing, ['adjustment', 'discount', 'minimum'], f, t),
    roundings: adjustmentRows(pricing, ['rounding'], f, t),
    exclusiveTax: tax && !tax.inclusive ? { label: taxLabel, amount: f.money(tax.amount) } : null,
    inclusiveTax: tax?.inclusive ? { label: taxLabel, amount: f.money(tax.amount) } : null,
    total: f.money(pricing.total),
    range: pricing.range ? `${f.money(pricing.range.low)} – ${f.money(pricing.range.high)}` : null,
    decisionHeading: open ? t.respondHeading : t.outcomeHeading,
    outcome: outcome(quote, f, t),
    actions: open
      ? { acceptUrl: `${actionUrl}/accept`, declineUrl: `${actionUrl}/decline`, csrf: view.csrfToken, describeNotice: notice?.kind === 'error' }
      : null,
  });
}

/** The 404 page for an unknown or withdrawn token: platform styling, no tenant data. */
/** Notices the route shows after a form post, in the page's language. */
export type QuotePageNotice = 'accepted' | 'declined' | 'nameRequired' | 'formExpired' | 'closed';

const NOTICE_KEYS: Record<QuotePageNotice, keyof Messages> = {
  accepted: 'noticeAccepted',
  declined: 'noticeDeclined',
  nameRequired: 'noticeNameRequired',
  formExpired: 'noticeFormExpired',
  closed: 'noticeClosed',
};

/** The text of a notice in `lang` (fallback en), with its kind. */
export function quotePageNotice(lang: string, notice: QuotePageNotice): { kind: 'success' | 'error'; text: string } {
  const messages = MESSAGES[(Object.hasOwn(MESSAGES, lang) ? lang : 'en') as Lang];
  return { kind: notice === 'accepted' || notice === 'declined' ? 'success' : 'error', text: messages[NOTICE_KEYS[notice]] };
}

export function renderQuoteNotFound(lang: string): string {
  const chosen = pickLang(lang);
  const t = MESSAGES[chosen];
  return notFoundTemplate({ htmlLang: chosen, title: t.notFoundTitle, theme: themeOf({}), t });
}
