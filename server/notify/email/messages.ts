// The words of the default emails, per language. Values arrive formatted
// (money, dates) in the tenant's locale and time zone; these only place them.
// Visitor-facing emails speak the four languages of the widget and the quote
// page; emails to the business speak English and German (others: English).

export type EmailLang = 'en' | 'de' | 'fr' | 'es';

interface QuoteWords {
  number: string;
  tenant: string;
  service: string;
  total: string;
  name: string;
}

export interface EmailWords {
  common: {
    total: string;
    subtotal: string;
    item: string;
    amount: string;
    validUntil: string;
    service: string;
    quote: string;
    name: string;
    email: string;
    phone: string;
    description: string;
    estimatedRange: string;
    quantity: (quantity: string) => string;
    discountCode: (code: string) => string;
    rounding: string;
    taxInclusive: (label: string, rate: string) => string;
    itemsCaption: (number: string) => string;
    replyHint: (tenant: string) => string;
    poweredBy: string;
  };
  quoteToVisitor: {
    subject: (q: QuoteWords) => string;
    preheader: (q: QuoteWords & { expires: string }) => string;
    greeting: (name: string) => string;
    intro: (q: QuoteWords) => string;
    button: string;
    validity: (expires: string) => string;
    rangeNote: string;
  };
  decisionToVisitor: {
    acceptedSubject: (q: QuoteWords) => string;
    declinedSubject: (q: QuoteWords) => string;
    accepted: (q: QuoteWords & { at: string }) => string;
    declined: (q: QuoteWords & { at: string }) => string;
    button: string;
  };
}

export interface TenantWords {
  alertSubject: (q: QuoteWords) => string;
  alertHeading: (q: QuoteWords) => string;
  alertIntro: (q: QuoteWords & { at: string }) => string;
  alertReplyHint: (name: string) => string;
  acceptedSubject: (q: QuoteWords) => string;
  declinedSubject: (q: QuoteWords) => string;
  accepted: (q: QuoteWords & { at: string; signature: string | null }) => string;
  declined: (q: QuoteWords & { at: string }) => string;
  contactHint: (name: string) => string;
  received: string;
  unsubscribeHint: (email: string, tenant: string) => string;
  unsubscribe: string;
  templateFailed: (template: string, error: string) => string;
  webhookDisabledSubject: (url: string) => string;
  webhookDisabledHeading: string;
  webhookDisabled: (url: string, since: string) => string;
  webhookDisabledNext: string;
  lastError: string;
}

export interface PlatformWords {
  inviteSubject: (inviter: string, tenant: string) => string;
  inviteHeading: (tenant: string) => string;
  invite: (inviter: string, tenant: string, role: string) => string;
  inviteButton: string;
  inviteExpiry: (at: string) => string;
  inviteIgnore: string;
  resetSubject: string;
  resetHeading: string;
  reset: (email: string) => string;
  resetButton: string;
  resetExpiry: (at: string) => string;
  resetIgnore: string;
}

const en: EmailWords = {
  common: {
    total: 'Total',
    subtotal: 'Subtotal',
    item: 'Item',
    amount: 'Amount',
    validUntil: 'Valid until',
    service: 'Service',
    quote: 'Quote',
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    description: 'Job description',
    estimatedRange: 'Estimated range',
    quantity: (quantity) => `Quantity ${quantity}`,
    discountCode: (code) => `Discount code ${code}`,
    rounding: 'Rounding',
    taxInclusive: (label, rate) => `incl. ${label} (${rate})`,
    itemsCaption: (number) => `Itemised price of quote ${number}`,
    replyHint: (tenant) => `Questions? Reply to this email to reach ${tenant}.`,
    poweredBy: 'Sent with Quote Master Pro',
  },
  quoteToVisitor: {
    subject: (q) => `Your quote ${q.number} from ${q.tenant}`,
    preheader: (q) => `${q.service}: ${q.total}, valid until ${q.expires}.`,
    greeting: (name) => `Hello ${name},`,
    intro: (q) => `thank you for your request. Here is your quote from ${q.tenant} for ${q.service}.`,
    button: 'View and accept your quote',
    validity: (expires) => `You can accept or decline it online until ${expires}.`,
    rangeNote: 'This is an estimate: the final price is expected to fall within the estimated range.',
  },
  decisionToVisitor: {
    acceptedSubject: (q) => `You accepted quote ${q.number} from ${q.tenant}`,
    declinedSubject: (q) => `You declined quote ${q.number} from ${q.tenant}`,
    accepted: (q) => `Thank you, ${q.name}. You accepted quote ${q.number} (${q.total}) on ${q.at}. ${q.tenant} has been told and will be in touch about the next steps.`,
    declined: (q) => `You declined quote ${q.number} on ${q.at}. We have let ${q.tenant} know. Thank you for considering them.`,
    button: 'View your quote',
  },
};

const de: EmailWords = {
  common: {
    total: 'Gesamt',
    subtotal: 'Zwischensumme',
    item: 'Position',
    amount: 'Betrag',
    validUntil: 'Gültig bis',
    service: 'Leistung',
    quote: 'Angebot',
    name: 'Name',
    email: 'E-Mail',
    phone: 'Telefon',
    description: 'Auftragsbeschreibung',
    estimatedRange: 'Geschätzte Spanne',
    quantity: (quantity) => `Menge ${quantity}`,
    discountCode: (code) => `Rabattcode ${code}`,
    rounding: 'Rundung',
    taxInclusive: (label, rate) => `inkl. ${label} (${rate})`,
    itemsCaption: (number) => `Einzelpositionen von Angebot ${number}`,
    replyHint: (tenant) => `Fragen? Antworten Sie einfach auf diese E-Mail, um ${tenant} zu erreichen.`,
    poweredBy: 'Versendet mit Quote Master Pro',
  },
  quoteToVisitor: {
    subject: (q) => `Ihr Angebot ${q.number} von ${q.tenant}`,
    preheader: (q) => `${q.service}: ${q.total}, gültig bis ${q.expires}.`,
    greeting: (name) => `Guten Tag ${name},`,
    intro: (q) => `vielen Dank für Ihre Anfrage. Hier ist Ihr Angebot von ${q.tenant} für ${q.service}.`,
    button: 'Angebot ansehen und annehmen',
    validity: (expires) => `Sie können es bis zum ${expires} online annehmen oder ablehnen.`,
    rangeNote: 'Dies ist eine Schätzung: Der endgültige Preis liegt voraussichtlich innerhalb der geschätzten Spanne.',
  },
  decisionToVisitor: {
    acceptedSubject: (q) => `Sie haben das Angebot ${q.number} von ${q.tenant} angenommen`,
    declinedSubject: (q) => `Sie haben das Angebot ${q.number} von ${q.tenant} abgelehnt`,
    accepted: (q) => `Vielen Dank, ${q.name}. Sie haben das Angebot ${q.number} (${q.total}) am ${q.at} angenommen. ${q.tenant} ist informiert und meldet sich wegen der nächsten Schritte.`,
    declined: (q) => `Sie haben das Angebot ${q.number} am ${q.at} abgelehnt. Wir haben ${q.tenant} informiert. Danke, dass Sie das Angebot geprüft haben.`,
    button: 'Angebot ansehen',
  },
};

const fr: EmailWords = {
  common: {
    total: 'Total',
    subtotal: 'Sous-total',
    item: 'Poste',
    amount: 'Montant',
    validUntil: 'Valable jusqu’au',
    service: 'Prestation',
    quote: 'Devis',
    name: 'Nom',
    email: 'E-mail',
    phone: 'Téléphone',
    description: 'Description des travaux',
    estimatedRange: 'Fourchette estimée',
    quantity: (quantity) => `Quantité ${quantity}`,
    discountCode: (code) => `Code promo ${code}`,
    rounding: 'Arrondi',
    taxInclusive: (label, rate) => `dont ${label} (${rate})`,
    itemsCaption: (number) => `Détail du devis ${number}`,
    replyHint: (tenant) => `Des questions ? Répondez à cet e-mail pour joindre ${tenant}.`,
    poweredBy: 'Envoyé avec Quote Master Pro',
  },
  quoteToVisitor: {
    subject: (q) => `Votre devis ${q.number} de ${q.tenant}`,
    preheader: (q) => `${q.service} : ${q.total}, valable jusqu’au ${q.expires}.`,
    greeting: (name) => `Bonjour ${name},`,
    intro: (q) => `merci pour votre demande. Voici votre devis de ${q.tenant} pour ${q.service}.`,
    button: 'Voir et accepter votre devis',
    validity: (expires) => `Vous pouvez l’accepter ou le refuser en ligne jusqu’au ${expires}.`,
    rangeNote: 'Ceci est une estimation : le prix final devrait se situer dans la fourchette estimée.',
  },
  decisionToVisitor: {
    acceptedSubject: (q) => `Vous avez accepté le devis ${q.number} de ${q.tenant}`,
    declinedSubject: (q) => `Vous avez refusé le devis ${q.number} de ${q.tenant}`,
    accepted: (q) => `Merci, ${q.name}. Vous avez accepté le devis ${q.number} (${q.total}) le ${q.at}. ${q.tenant} a été prévenu et vous contactera pour la suite.`,
    declined: (q) => `Vous avez refusé le devis ${q.number} le ${q.at}. Nous avons prévenu ${q.tenant}. Merci de l’avoir étudié.`,
    button: 'Voir votre devis',
  },
};

const es: EmailWords = {
  common: {
    total: 'Total',
    subtotal: 'Subtotal',
    item: 'Concepto',
    amount: 'Importe',
    validUntil: 'Válido hasta',
    service: 'Servicio',
    quote: 'Presupuesto',
    name: 'Nombre',
    email: 'Correo electrónico',
    phone: 'Teléfono',
    description: 'Descripción del trabajo',
    estimatedRange: 'Rango estimado',
    quantity: (quantity) => `Cantidad ${quantity}`,
    discountCode: (code) => `Código de descuento ${code}`,
    rounding: 'Redondeo',
    taxInclusive: (label, rate) => `${label} incl. (${rate})`,
    itemsCaption: (number) => `Desglose del presupuesto ${number}`,
    replyHint: (tenant) => `¿Preguntas? Responda a este correo para contactar con ${tenant}.`,
    poweredBy: 'Enviado con Quote Master Pro',
  },
  quoteToVisitor: {
    subject: (q) => `Su presupuesto ${q.number} de ${q.tenant}`,
    preheader: (q) => `${q.service}: ${q.total}, válido hasta el ${q.expires}.`,
    greeting: (name) => `Hola, ${name}:`,
    intro: (q) => `gracias por su solicitud. Aquí tiene su presupuesto de ${q.tenant} para ${q.service}.`,
    button: 'Ver y aceptar su presupuesto',
    validity: (expires) => `Puede aceptarlo o rechazarlo en línea hasta el ${expires}.`,
    rangeNote: 'Esto es una estimación: se espera que el precio final esté dentro del rango estimado.',
  },
  decisionToVisitor: {
    acceptedSubject: (q) => `Ha aceptado el presupuesto ${q.number} de ${q.tenant}`,
    declinedSubject: (q) => `Ha rechazado el presupuesto ${q.number} de ${q.tenant}`,
    accepted: (q) => `Gracias, ${q.name}. Aceptó el presupuesto ${q.number} (${q.total}) el ${q.at}. ${q.tenant} ya lo sabe y se pondrá en contacto para los siguientes pasos.`,
    declined: (q) => `Rechazó el presupuesto ${q.number} el ${q.at}. Hemos avisado a ${q.tenant}. Gracias por tenerlo en cuenta.`,
    button: 'Ver su presupuesto',
  },
};

const tenantEn: TenantWords = {
  alertSubject: (q) => `New quote ${q.number}: ${q.total} for ${q.name}`,
  alertHeading: (q) => `New quote request: ${q.service}`,
  alertIntro: (q) => `${q.name} asked for a quote on ${q.at}. They were sent quote ${q.number} for ${q.total} with a link to accept it online.`,
  alertReplyHint: (name) => `Reply to this email to answer ${name} directly.`,
  acceptedSubject: (q) => `Quote ${q.number} accepted by ${q.name}`,
  declinedSubject: (q) => `Quote ${q.number} declined by ${q.name}`,
  accepted: (q) => `${q.name} accepted quote ${q.number} (${q.total}) on ${q.at}${q.signature ? `, signing with the typed name “${q.signature}”` : ''}.`,
  declined: (q) => `${q.name} declined quote ${q.number} (${q.total}) on ${q.at}.`,
  contactHint: (name) => `Reply to this email to reach ${name}.`,
  received: 'Received',
  unsubscribeHint: (email, tenant) => `${email} gets these alerts for ${tenant}.`,
  unsubscribe: 'Unsubscribe from these alerts',
  templateFailed: (template, error) => `Your email template “${template}” could not be used (${error}); the default template was sent instead.`,
  webhookDisabledSubject: (url) => `Webhook endpoint disabled: ${url}`,
  webhookDisabledHeading: 'A webhook endpoint was disabled',
  webhookDisabled: (url, since) => `Deliveries to ${url} have failed without a single success since ${since}, so we stopped sending to it.`,
  webhookDisabledNext: 'Once the endpoint answers again, re-enable it; messages that failed meanwhile can be replayed.',
  lastError: 'Last error',
};

const tenantDe: TenantWords = {
  alertSubject: (q) => `Neues Angebot ${q.number}: ${q.total} für ${q.name}`,
  alertHeading: (q) => `Neue Angebotsanfrage: ${q.service}`,
  alertIntro: (q) => `${q.name} hat am ${q.at} ein Angebot angefragt und das Angebot ${q.number} über ${q.total} mit einem Link zum Annehmen erhalten.`,
  alertReplyHint: (name) => `Antworten Sie auf diese E-Mail, um ${name} direkt zu erreichen.`,
  acceptedSubject: (q) => `Angebot ${q.number} von ${q.name} angenommen`,
  declinedSubject: (q) => `Angebot ${q.number} von ${q.name} abgelehnt`,
  accepted: (q) => `${q.name} hat das Angebot ${q.number} (${q.total}) am ${q.at} angenommen${q.signature ? ` und mit „${q.signature}“ unterschrieben` : ''}.`,
  declined: (q) => `${q.name} hat das Angebot ${q.number} (${q.total}) am ${q.at} abgelehnt.`,
  contactHint: (name) => `Antworten Sie auf diese E-Mail, um ${name} zu erreichen.`,
  received: 'Eingegangen',
  unsubscribeHint: (email, tenant) => `${email} erhält diese Benachrichtigungen für ${tenant}.`,
  unsubscribe: 'Diese Benachrichtigungen abbestellen',
  templateFailed: (template, error) => `Ihre E-Mail-Vorlage „${template}“ konnte nicht verwendet werden (${error}); stattdessen wurde die Standardvorlage gesendet.`,
  webhookDisabledSubject: (url) => `Webhook-Endpunkt deaktiviert: ${url}`,
  webhookDisabledHeading: 'Ein Webhook-Endpunkt wurde deaktiviert',
  webhookDisabled: (url, since) => `Zustellungen an ${url} schlagen seit ${since} ohne einen einzigen Erfolg fehl, daher senden wir nicht mehr dorthin.`,
  webhookDisabledNext: 'Sobald der Endpunkt wieder antwortet, aktivieren Sie ihn erneut; inzwischen fehlgeschlagene Nachrichten lassen sich erneut senden.',
  lastError: 'Letzter Fehler',
};

const platformEn: PlatformWords = {
  inviteSubject: (inviter, tenant) => `${inviter} invited you to ${tenant} on Quote Master Pro`,
  inviteHeading: (tenant) => `Join ${tenant}`,
  invite: (inviter, tenant, role) => `${inviter} invited you to the team of ${tenant} on Quote Master Pro as ${role}.`,
  inviteButton: 'Accept the invitation',
  inviteExpiry: (at) => `The invitation expires on ${at}.`,
  inviteIgnore: 'If you did not expect it, ignore this email: nothing changes without you.',
  resetSubject: 'Reset your Quote Master Pro password',
  resetHeading: 'Reset your password',
  reset: (email) => `Someone — hopefully you — asked to reset the password of ${email}.`,
  resetButton: 'Choose a new password',
  resetExpiry: (at) => `The link works once, until ${at}.`,
  resetIgnore: 'If it was not you, ignore this email: your password stays as it is.',
};

const platformDe: PlatformWords = {
  inviteSubject: (inviter, tenant) => `${inviter} hat Sie zu ${tenant} bei Quote Master Pro eingeladen`,
  inviteHeading: (tenant) => `Willkommen bei ${tenant}`,
  invite: (inviter, tenant, role) => `${inviter} hat Sie als ${role} in das Team von ${tenant} bei Quote Master Pro eingeladen.`,
  inviteButton: 'Einladung annehmen',
  inviteExpiry: (at) => `Die Einladung läuft am ${at} ab.`,
  inviteIgnore: 'Falls Sie sie nicht erwartet haben, ignorieren Sie diese E-Mail: Ohne Sie ändert sich nichts.',
  resetSubject: 'Ihr Quote-Master-Pro-Passwort zurücksetzen',
  resetHeading: 'Passwort zurücksetzen',
  reset: (email) => `Jemand – hoffentlich Sie – möchte das Passwort von ${email} zurücksetzen.`,
  resetButton: 'Neues Passwort wählen',
  resetExpiry: (at) => `Der Link funktioniert einmal, bis ${at}.`,
  resetIgnore: 'Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.',
};

const VISITOR: Record<EmailLang, EmailWords> = { en, de, fr, es };

/** The language of a locale among ours (en for any other). */
export function emailLang(locale: string): EmailLang {
  const lang = locale.split('-')[0]?.toLowerCase() ?? 'en';
  return lang === 'de' || lang === 'fr' || lang === 'es' ? lang : 'en';
}

export function visitorWords(lang: EmailLang): EmailWords {
  return VISITOR[lang];
}

/** Words for the business (and the common ones in the same language). */
export function tenantWords(lang: EmailLang): { lang: EmailLang; words: TenantWords; common: EmailWords['common'] } {
  const chosen = lang === 'de' ? 'de' : 'en';
  return { lang: chosen, words: chosen === 'de' ? tenantDe : tenantEn, common: VISITOR[chosen].common };
}

export function platformWords(lang: EmailLang): { lang: EmailLang; words: PlatformWords; common: EmailWords['common'] } {
  const chosen = lang === 'de' ? 'de' : 'en';
  return { lang: chosen, words: chosen === 'de' ? platformDe : platformEn, common: VISITOR[chosen].common };
}
