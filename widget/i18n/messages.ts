// The widget's own words (issue 4). English is built in; de, fr and es are
// separate chunks loaded only on a page that needs one (decision 0013), so an
// English page view does not download the other three. `{n}` marks a value
// put in by `format`. Tenants' labels come from their own files and are shown
// as given; the server's 422 details are mapped by ./server-details.ts.
// Each language is one '|'-separated string in the order of KEYS: the key
// names are written once instead of four times.

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
  'busy', // Too many requests. Try again {n}. ({n}: "in 5 seconds", Intl.RelativeTimeFormat)
  'retry', // Try again
  'range', // Estimated range {n}
  'open', // Get a quote
  'close', // Close
  'badEmail', // Enter a valid email address.
  'badPhone', // Enter a valid phone number.
  'min', // Must be at least {n}.
  'max', // Must be at most {n}.
  'long', // At most {n} characters.
  'invalid', // This value is not allowed.
] as const;

export type Messages = Record<(typeof KEYS)[number], string>;

const table = (words: string): Messages => Object.fromEntries(words.split('|').map((text, i) => [KEYS[i], text])) as Messages;

/* prettier-ignore */
const en = table(
  'Loading…|Choose a service|Describe the job (optional)|Fill in for me|Speak|Filled in for you: please check.|{n} options filled in. Please check them.|Total|Continue|Back|Your details|Name|Email|Phone (optional)|I agree to be contacted about this quote.|Get my quote|Required.|Please check the marked fields.|Thank you!|Your quote number is {n}.|View your quote|Server unreachable. Your answers are kept.|Too many requests. Try again {n}.|Try again|Estimated range {n}|Get a quote|Close|Enter a valid email address.|Enter a valid phone number.|Must be at least {n}.|Must be at most {n}.|At most {n} characters.|This value is not allowed.',
);

/** The other languages, each its own chunk (widget/i18n/<lang>.ts: `export default '…|…'`). */
const chunks: Record<string, () => Promise<{ default: string }>> = {
  de: () => import('./de.ts'),
  fr: () => import('./fr.ts'),
  es: () => import('./es.ts'),
};
const loaded: Record<string, Messages> = { en };
const loading: Record<string, Promise<void>> = {};

const language = (locale: string): string => locale.slice(0, 2).toLowerCase();

/** The table for a BCP 47 tag by its language ("de-AT" → de); English while it is not loaded, or when we have none. */
export function messagesFor(locale: string): Messages {
  return loaded[language(locale)] ?? en;
}

/**
 * Loads the table of `locale`'s language; undefined when there is nothing to
 * wait for (English, already loaded, or a language we do not have). A chunk
 * that fails to load leaves English in its place: the widget still works.
 */
export function loadMessages(locale: string): Promise<void> | undefined {
  const lang = language(locale);
  if (loaded[lang] || !chunks[lang]) return undefined;
  return (loading[lang] ??= chunks[lang]().then(
    (chunk) => void (loaded[lang] = table(chunk.default)),
    () => void (loaded[lang] = en),
  ));
}

/** Puts a value into a message: format('in {n} s', 5) → "in 5 s". */
export function format(message: string, value: string | number): string {
  return message.replace('{n}', String(value));
}
