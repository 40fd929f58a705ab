// The widget's own words in en, de, fr, es (issue 4). One flat table per
// language; `{n}` marks a value put in by `format`. Tenants' labels and the
// server's field messages come from their own sources and are shown as given.

const en = {
  loading: 'Loading…',
  choose: 'Choose a service',
  describe: 'Describe the job (optional)',
  fillIn: 'Fill in for me',
  speak: 'Speak',
  filled: 'Filled in for you: please check.',
  filledCount: '{n} options filled in. Please check them.',
  total: 'Total',
  next: 'Continue',
  back: 'Back',
  contact: 'Your details',
  name: 'Name',
  email: 'Email',
  phone: 'Phone (optional)',
  consent: 'I agree to be contacted about this quote.',
  send: 'Get my quote',
  required: 'Required.',
  fix: 'Please check the marked fields.',
  done: 'Thank you!',
  doneText: 'Your quote number is {n}.',
  view: 'View your quote',
  down: 'Server unreachable. Your answers are kept.',
  busy: 'Too many requests. Try again in {n} s.',
  retry: 'Try again',
};

export type Messages = typeof en;

const de: Messages = {
  loading: 'Lädt…',
  choose: 'Leistung wählen',
  describe: 'Auftrag beschreiben (optional)',
  fillIn: 'Für mich ausfüllen',
  speak: 'Sprechen',
  filled: 'Für Sie ausgefüllt: bitte prüfen.',
  filledCount: '{n} Optionen ausgefüllt. Bitte prüfen.',
  total: 'Gesamt',
  next: 'Weiter',
  back: 'Zurück',
  contact: 'Ihre Angaben',
  name: 'Name',
  email: 'E-Mail',
  phone: 'Telefon (optional)',
  consent: 'Ich bin mit der Kontaktaufnahme einverstanden.',
  send: 'Angebot anfordern',
  required: 'Pflichtfeld.',
  fix: 'Bitte markierte Felder prüfen.',
  done: 'Vielen Dank!',
  doneText: 'Ihre Angebotsnummer lautet {n}.',
  view: 'Angebot ansehen',
  down: 'Server nicht erreichbar. Ihre Angaben bleiben erhalten.',
  busy: 'Zu viele Anfragen. Erneut in {n} s.',
  retry: 'Erneut versuchen',
};

const fr: Messages = {
  loading: 'Chargement…',
  choose: 'Choisissez un service',
  describe: 'Décrivez les travaux (facultatif)',
  fillIn: 'Remplir pour moi',
  speak: 'Dicter',
  filled: 'Rempli pour vous : à vérifier.',
  filledCount: '{n} options remplies. Vérifiez-les.',
  total: 'Total',
  next: 'Continuer',
  back: 'Retour',
  contact: 'Vos coordonnées',
  name: 'Nom',
  email: 'E-mail',
  phone: 'Téléphone (facultatif)',
  consent: 'J’accepte d’être contacté au sujet de ce devis.',
  send: 'Recevoir mon devis',
  required: 'Obligatoire.',
  fix: 'Vérifiez les champs signalés.',
  done: 'Merci !',
  doneText: 'Votre numéro de devis : {n}.',
  view: 'Voir votre devis',
  down: 'Serveur injoignable. Vos réponses sont conservées.',
  busy: 'Trop de demandes. Réessayez dans {n} s.',
  retry: 'Réessayer',
};

const es: Messages = {
  loading: 'Cargando…',
  choose: 'Elija un servicio',
  describe: 'Describa el trabajo (opcional)',
  fillIn: 'Rellenar por mí',
  speak: 'Dictar',
  filled: 'Rellenado para usted: revíselo.',
  filledCount: '{n} opciones rellenadas. Revíselas.',
  total: 'Total',
  next: 'Continuar',
  back: 'Atrás',
  contact: 'Sus datos',
  name: 'Nombre',
  email: 'Correo electrónico',
  phone: 'Teléfono (opcional)',
  consent: 'Acepto que me contacten sobre este presupuesto.',
  send: 'Recibir mi presupuesto',
  required: 'Obligatorio.',
  fix: 'Revise los campos marcados.',
  done: '¡Gracias!',
  doneText: 'Su número de presupuesto es {n}.',
  view: 'Ver su presupuesto',
  down: 'Servidor no disponible. Sus respuestas se conservan.',
  busy: 'Demasiadas solicitudes. Reintente en {n} s.',
  retry: 'Reintentar',
};

const tables: Record<string, Messages> = { en, de, fr, es };

/** The table for a BCP 47 tag by its language ("de-AT" → de); English when we have none. */
export function messagesFor(locale: string): Messages {
  return tables[locale.slice(0, 2).toLowerCase()] ?? en;
}

/** Puts a value into a message: format('in {n} s', 5) → "in 5 s". */
export function format(message: string, value: string | number): string {
  return message.replace('{n}', String(value));
}
