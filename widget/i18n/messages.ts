// The widget's own words (issue 4). English is built in; de, fr and es are
// separate chunks loaded only on a page that needs one (decision 0018), so an
// English page view does not download the other three. `{n}` marks a value
// put in by `format`. Tenants' labels come from their own files and are shown
// as given; the server's 422 details are mapped by ./server-details.ts.
// Each language is one '|'-separated string in the order of M, and a message is
// read by its number (`m[M.total]`): terser inlines M, so the key names never
// reach the bundle (decision 0018).

/** Where each message is in a table (the build inlines these numbers: no key names ship). */
export const M = {
  loading: 0, // Loading…
  choose: 1, // Choose a service
  describe: 2, // Describe the job (optional)
  fillIn: 3, // Fill in for me
  speak: 4, // Speak
  filled: 5, // Filled in for you: please check.
  filledCount: 6, // {n} options filled in. Please check them.
  total: 7, // Total
  next: 8, // Continue
  back: 9, // Back
  contact: 10, // Your details
  name: 11, // Name
  email: 12, // Email
  phone: 13, // Phone (optional)
  consent: 14, // I agree to be contacted about this quote.
  send: 15, // Get my quote
  required: 16, // Required.
  fix: 17, // Please check the marked fields.
  done: 18, // Thank you!
  doneText: 19, // Your quote number is {n}.
  view: 20, // View your quote
  down: 21, // Server unreachable. Your answers are kept.
  busy: 22, // Too many requests. Try again {n}. ({n}: "in 5 seconds", Intl.RelativeTimeFormat)
  retry: 23, // Try again
  range: 24, // Estimated range {n}
  open: 25, // Get a quote
  close: 26, // Close
  badEmail: 27, // Enter a valid email address.
  badPhone: 28, // Enter a valid phone number.
  min: 29, // Must be at least {n}.
  max: 30, // Must be at most {n}.
  long: 31, // At most {n} characters.
  invalid: 32, // This value is not allowed.
  noAuto: 33, // Not available right now: please choose below.
} as const;

/** One language's messages, read as `m[M.total]`. */
export type Messages = Readonly<Record<(typeof M)[keyof typeof M], string>>;

const table = (words: string): Messages => words.split('|') as unknown as Messages;

/* prettier-ignore */
const en = table(
  'Loading…|Choose a service|Describe the job (optional)|Fill in for me|Speak|Filled in for you: please check.|{n} options filled in. Please check them.|Total|Continue|Back|Your details|Name|Email|Phone (optional)|I agree to be contacted about this quote.|Get my quote|Required.|Please check the marked fields.|Thank you!|Your quote number is {n}.|View your quote|Server unreachable. Your answers are kept.|Too many requests. Try again {n}.|Try again|Estimated range {n}|Get a quote|Close|Enter a valid email address.|Enter a valid phone number.|Must be at least {n}.|Must be at most {n}.|At most {n} characters.|This value is not allowed.|Not available right now: please choose below.',
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
