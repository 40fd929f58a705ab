// The widget's own words in en, de, fr, es (issue 4). `{n}` marks a value put
// in by `format`. Tenants' labels and the server's field messages come from
// their own sources and are shown as given.
// Each language is one '|'-separated string in the order of KEYS: the key names
// are written once instead of four times (the 15 KB budget, issue 4).

const KEYS = [
  'loading', // Loading…
  'choose', // Choose a service
  'describe', // Describe the job (optional)
  'fillIn', // Fill in for me
  'speak', // Speak
  'filled', // Filled in for you: please check.
  'filledCount', // {n} options filled in. Please check them.
  'total', // Total
  'next', // Continue
  'back', // Back
  'contact', // Your details
  'name', // Name
  'email', // Email
  'phone', // Phone (optional)
  'consent', // I agree to be contacted about this quote.
  'send', // Get my quote
  'required', // Required.
  'fix', // Please check the marked fields.
  'done', // Thank you!
  'doneText', // Your quote number is {n}.
  'view', // View your quote
  'down', // Server unreachable. Your answers are kept.
  'busy', // Too many requests. Try again in {n} s.
  'retry', // Try again
  'range', // Estimated range {n}
  'open', // Get a quote
  'close', // Close
] as const;

export type Messages = Record<(typeof KEYS)[number], string>;

const table = (words: string): Messages => Object.fromEntries(words.split('|').map((text, i) => [KEYS[i], text])) as Messages;

/* prettier-ignore */
const texts: Record<string, string> = {
  en:
    'Loading…|Choose a service|Describe the job (optional)|Fill in for me|Speak|Filled in for you: please check.|{n} options filled in. Please check them.|Total|Continue|Back|Your details|Name|Email|Phone (optional)|I agree to be contacted about this quote.|Get my quote|Required.|Please check the marked fields.|Thank you!|Your quote number is {n}.|View your quote|Server unreachable. Your answers are kept.|Too many requests. Try again in {n} s.|Try again|Estimated range {n}|Get a quote|Close',
  de:
    'Lädt…|Leistung wählen|Auftrag beschreiben (optional)|Für mich ausfüllen|Sprechen|Für Sie ausgefüllt: bitte prüfen.|{n} Optionen ausgefüllt. Bitte prüfen.|Gesamt|Weiter|Zurück|Ihre Angaben|Name|E-Mail|Telefon (optional)|Ich bin mit der Kontaktaufnahme einverstanden.|Angebot anfordern|Pflichtfeld.|Bitte markierte Felder prüfen.|Vielen Dank!|Ihre Angebotsnummer lautet {n}.|Angebot ansehen|Server nicht erreichbar. Ihre Angaben bleiben erhalten.|Zu viele Anfragen. Erneut in {n} s.|Erneut versuchen|Geschätzte Spanne {n}|Angebot einholen|Schließen',
  fr:
    'Chargement…|Choisissez un service|Décrivez les travaux (facultatif)|Remplir pour moi|Dicter|Rempli pour vous : à vérifier.|{n} options remplies. Vérifiez-les.|Total|Continuer|Retour|Vos coordonnées|Nom|E-mail|Téléphone (facultatif)|J’accepte d’être contacté au sujet de ce devis.|Recevoir mon devis|Obligatoire.|Vérifiez les champs signalés.|Merci !|Votre numéro de devis : {n}.|Voir votre devis|Serveur injoignable. Vos réponses sont conservées.|Trop de demandes. Réessayez dans {n} s.|Réessayer|Fourchette estimée {n}|Obtenir un devis|Fermer',
  es:
    'Cargando…|Elija un servicio|Describa el trabajo (opcional)|Rellenar por mí|Dictar|Rellenado para usted: revíselo.|{n} opciones rellenadas. Revíselas.|Total|Continuar|Atrás|Sus datos|Nombre|Correo electrónico|Teléfono (opcional)|Acepto que me contacten sobre este presupuesto.|Recibir mi presupuesto|Obligatorio.|Revise los campos marcados.|¡Gracias!|Su número de presupuesto es {n}.|Ver su presupuesto|Servidor no disponible. Sus respuestas se conservan.|Demasiadas solicitudes. Reintente en {n} s.|Reintentar|Rango estimado {n}|Pedir presupuesto|Cerrar',
};

/** The table for a BCP 47 tag by its language ("de-AT" → de); English when we have none. */
export function messagesFor(locale: string): Messages {
  const lang = locale.slice(0, 2).toLowerCase();
  const words = texts[lang] ? lang : 'en';
  return (made[words] ??= table(texts[words]!));
}
const made: Record<string, Messages> = {};

/** Puts a value into a message: format('in {n} s', 5) → "in 5 s". */
export function format(message: string, value: string | number): string {
  return message.replace('{n}', String(value));
}
