// The sign-in pages (issue #7): login, second factor, consent, logout and
// messages, server-rendered with handlebars, in the look of the tenant the
// sign-in is for (its name, logo and theme tokens; the platform's otherwise),
// in its language (English and German; others fall back to English). No
// script: plain forms, each with a CSRF field. Every value reaches the HTML
// escaped; the raw parts are the theme CSS (html/page-theme.ts) and the
// provider's own logout form.
import { join } from 'node:path';
import { safeLogoUrl, themeOf } from '../html/page-theme.ts';
import { templatesIn } from '../html/templates.ts';

/** Whose sign-in this looks like. */
export interface Brand {
  name: string;
  logoUrl?: string | undefined;
  tokens: Record<string, string>;
  locale: string;
}

export const PLATFORM_BRAND: Brand = { name: 'Quote Master Pro', tokens: {}, locale: 'en-US' };

const en = {
  footer: 'Secure sign-in by Quote Master Pro',
  loginTitle: 'Sign in',
  loginLead: 'Sign in to manage {name}.',
  loginLeadPlatform: 'Sign in to your Quote Master Pro account.',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  forgot: 'Forgot your password?',
  badLogin: 'That email and password do not match an account.',
  missingLogin: 'Enter your email and your password.',
  tooMany: 'Too many failed sign-ins. Try again in {minutes} minutes.',
  expired: 'This sign-in page has expired. Go back to the console and start again.',
  mfaTitle: 'Two-step verification',
  mfaLead: 'Enter the 6-digit code from your authenticator app.',
  mfaCode: 'Code',
  verify: 'Verify',
  mfaRecovery: 'No access to your app? Enter one of your recovery codes instead.',
  badCode: 'That code is not right. Try the current code from your app.',
  consentTitle: 'Allow access',
  consentLead: '{client} wants to act for {email}:',
  allow: 'Allow',
  deny: 'Cancel',
  scopeOpenid: 'Know who you are',
  scopeEmail: 'See your email address',
  scopeOffline: 'Stay signed in',
  scopeAdmin: 'Manage the businesses you belong to (in your role)',
  logoutTitle: 'Sign out',
  logoutLead: 'Do you want to sign out?',
  logoutYes: 'Sign out',
  logoutNo: 'Stay signed in',
  loggedOutTitle: 'Signed out',
  loggedOutText: 'You are signed out. You can close this page.',
  errorTitle: 'Sign-in failed',
  errorText: 'Something about this sign-in request is wrong: {error}.',
  inviteTitle: 'Join {name}',
  inviteLead: 'You were invited to {name} as {role}.',
  inviteHint: 'New here? Choose a password of at least 12 characters. Already have an account? Enter its password.',
  inviteAccept: 'Join',
  inviteDoneTitle: 'Welcome to {name}',
  inviteDoneLead: 'You are now a member of {name} ({role}) as {email}.',
  inviteSignIn: 'Sign in to the console',
  inviteGone: 'This invite link is not valid any more (used, withdrawn or older than 7 days). Ask for a new one.',
  resetTitle: 'Reset your password',
  resetLead: 'Enter the email you sign in with; we will send you a link to choose a new password.',
  resetSend: 'Send the link',
  resetSentTitle: 'Check your email',
  resetSent: 'If {email} has an account, a link to choose a new password is on its way. It works for an hour.',
  resetChooseTitle: 'Choose a new password',
  resetChooseLead: 'For {email}. Afterwards you are signed out everywhere.',
  resetNew: 'New password',
  resetHint: 'At least 12 characters; not a common password.',
  resetSave: 'Save the password',
  resetDoneTitle: 'Password changed',
  resetDone: 'Your password is changed and you are signed out everywhere. Sign in again with the new one.',
  resetGone: 'This link is not valid any more (used, or older than an hour). Ask for a new one.',
  resetTooMany: 'Too many requests from here. Try again in {minutes} minutes.',
};

type Messages = typeof en;

const de: Messages = {
  footer: 'Sichere Anmeldung über Quote Master Pro',
  loginTitle: 'Anmelden',
  loginLead: 'Melden Sie sich an, um {name} zu verwalten.',
  loginLeadPlatform: 'Melden Sie sich bei Ihrem Quote-Master-Pro-Konto an.',
  email: 'E-Mail',
  password: 'Passwort',
  signIn: 'Anmelden',
  forgot: 'Passwort vergessen?',
  badLogin: 'E-Mail und Passwort passen zu keinem Konto.',
  missingLogin: 'Geben Sie Ihre E-Mail und Ihr Passwort ein.',
  tooMany: 'Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in {minutes} Minuten erneut.',
  expired: 'Diese Anmeldeseite ist abgelaufen. Gehen Sie zurück zur Konsole und beginnen Sie neu.',
  mfaTitle: 'Bestätigung in zwei Schritten',
  mfaLead: 'Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.',
  mfaCode: 'Code',
  verify: 'Bestätigen',
  mfaRecovery: 'Kein Zugriff auf die App? Geben Sie stattdessen einen Ihrer Wiederherstellungscodes ein.',
  badCode: 'Dieser Code stimmt nicht. Nehmen Sie den aktuellen Code aus Ihrer App.',
  consentTitle: 'Zugriff erlauben',
  consentLead: '{client} möchte für {email} handeln:',
  allow: 'Erlauben',
  deny: 'Abbrechen',
  scopeOpenid: 'Wissen, wer Sie sind',
  scopeEmail: 'Ihre E-Mail-Adresse sehen',
  scopeOffline: 'Angemeldet bleiben',
  scopeAdmin: 'Die Betriebe verwalten, zu denen Sie gehören (in Ihrer Rolle)',
  logoutTitle: 'Abmelden',
  logoutLead: 'Möchten Sie sich abmelden?',
  logoutYes: 'Abmelden',
  logoutNo: 'Angemeldet bleiben',
  loggedOutTitle: 'Abgemeldet',
  loggedOutText: 'Sie sind abgemeldet. Sie können diese Seite schließen.',
  errorTitle: 'Anmeldung fehlgeschlagen',
  errorText: 'An dieser Anmeldeanfrage stimmt etwas nicht: {error}.',
  inviteTitle: '{name} beitreten',
  inviteLead: 'Sie wurden zu {name} eingeladen, Rolle: {role}.',
  inviteHint: 'Neu hier? Wählen Sie ein Passwort mit mindestens 12 Zeichen. Sie haben schon ein Konto? Geben Sie dessen Passwort ein.',
  inviteAccept: 'Beitreten',
  inviteDoneTitle: 'Willkommen bei {name}',
  inviteDoneLead: 'Sie sind jetzt Mitglied von {name} ({role}) als {email}.',
  inviteSignIn: 'In der Konsole anmelden',
  inviteGone: 'Dieser Einladungslink gilt nicht mehr (benutzt, zurückgezogen oder älter als 7 Tage). Bitten Sie um einen neuen.',
  resetTitle: 'Passwort zurücksetzen',
  resetLead: 'Geben Sie die E-Mail ein, mit der Sie sich anmelden; wir senden Ihnen einen Link für ein neues Passwort.',
  resetSend: 'Link senden',
  resetSentTitle: 'Sehen Sie in Ihre E-Mails',
  resetSent: 'Falls {email} ein Konto hat, ist ein Link für ein neues Passwort unterwegs. Er gilt eine Stunde.',
  resetChooseTitle: 'Neues Passwort wählen',
  resetChooseLead: 'Für {email}. Danach sind Sie überall abgemeldet.',
  resetNew: 'Neues Passwort',
  resetHint: 'Mindestens 12 Zeichen; kein gängiges Passwort.',
  resetSave: 'Passwort speichern',
  resetDoneTitle: 'Passwort geändert',
  resetDone: 'Ihr Passwort ist geändert und Sie sind überall abgemeldet. Melden Sie sich mit dem neuen an.',
  resetGone: 'Dieser Link gilt nicht mehr (benutzt oder älter als eine Stunde). Fordern Sie einen neuen an.',
  resetTooMany: 'Zu viele Anfragen von hier. Versuchen Sie es in {minutes} Minuten erneut.',
};

const MESSAGES: Record<string, Messages> = { en, de };

function messagesFor(locale: string): { lang: string; t: Messages } {
  const lang = locale.split('-')[0]?.toLowerCase() ?? 'en';
  const t = MESSAGES[lang];
  return t ? { lang, t } : { lang: 'en', t: en };
}

export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

const template = templatesIn(join(import.meta.dirname, 'templates'), ['layout', 'styles']);
const templates = {
  login: template('login'),
  mfa: template('mfa'),
  consent: template('consent'),
  message: template('message'),
  logout: template('logout'),
  invite: template('invite'),
  reset: template('reset'),
};

/** What every page needs: the document language, the theme and the brand. */
function shell(brand: Brand, title: (t: Messages) => string) {
  const { lang, t } = messagesFor(brand.locale);
  return {
    t,
    base: {
      htmlLang: lang,
      title: `${title(t)} · ${brand.name}`,
      theme: themeOf(brand.tokens),
      brand: { name: brand.name, logoUrl: safeLogoUrl(brand.logoUrl) },
      t,
    },
  };
}

export type Notice = { kind: 'error' | 'success'; text: string } | null;
export type LoginProblem = 'badLogin' | 'missingLogin' | 'tooMany' | 'expired' | 'badCode';

/** The notice for a problem, in the brand's language. */
export function loginNotice(brand: Brand, problem: LoginProblem, retryAfterSeconds = 0): Notice {
  const { t } = messagesFor(brand.locale);
  return { kind: 'error', text: fill(t[problem], { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) }) };
}

export function renderLogin(view: { brand: Brand; platform: boolean; action: string; csrf: string; email?: string; notice?: Notice; resetUrl?: string | null }): string {
  const { t, base } = shell(view.brand, (m) => m.loginTitle);
  return templates.login({
    ...base,
    lead: view.platform ? t.loginLeadPlatform : fill(t.loginLead, { name: view.brand.name }),
    action: view.action,
    csrf: view.csrf,
    email: view.email ?? '',
    focusPassword: Boolean(view.email),
    notice: view.notice ?? null,
    resetUrl: view.resetUrl ?? null,
  });
}

export function renderMfa(view: { brand: Brand; action: string; csrf: string; notice?: Notice }): string {
  const { base } = shell(view.brand, (m) => m.mfaTitle);
  return templates.mfa({ ...base, action: view.action, csrf: view.csrf, notice: view.notice ?? null });
}

const SCOPE_TEXT: Record<string, keyof Messages> = { openid: 'scopeOpenid', email: 'scopeEmail', offline_access: 'scopeOffline', admin: 'scopeAdmin' };

export function renderConsent(view: { brand: Brand; action: string; abortAction: string; csrf: string; clientName: string; email: string; scopes: string[] }): string {
  const { t, base } = shell(view.brand, (m) => m.consentTitle);
  const scopes = [...new Set(view.scopes.map((scope) => (SCOPE_TEXT[scope] ? t[SCOPE_TEXT[scope]] : scope)))];
  return templates.consent({ ...base, lead: fill(t.consentLead, { client: view.clientName, email: view.email }), action: view.action, abortAction: view.abortAction, csrf: view.csrf, scopes });
}

export function renderMessage(view: { brand: Brand; kind: 'loggedOut' | 'error' | 'expired'; error?: string }): string {
  const { t, base } = shell(view.brand, (m) => (view.kind === 'loggedOut' ? m.loggedOutTitle : m.errorTitle));
  const heading = view.kind === 'loggedOut' ? t.loggedOutTitle : t.errorTitle;
  const text = view.kind === 'loggedOut' ? t.loggedOutText : view.kind === 'expired' ? t.expired : fill(t.errorText, { error: view.error ?? 'invalid_request' });
  return templates.message({ ...base, heading, text });
}

/** `form` is oidc-provider's own hidden form (id op.logoutForm); it is trusted markup. */
export function renderLogout(view: { brand: Brand; form: string }): string {
  const { base } = shell(view.brand, (m) => m.logoutTitle);
  return templates.logout({ ...base, form: view.form });
}

/** The invite page: a password form, a notice, or the welcome after joining. */
export function renderInvite(view: {
  brand: Brand;
  role: string;
  state: 'form' | 'done' | 'gone';
  action?: string;
  csrf?: string;
  email?: string;
  notice?: Notice;
  signInUrl?: string;
}): string {
  const { t, base } = shell(view.brand, (m) => (view.state === 'done' ? fill(m.inviteDoneTitle, { name: view.brand.name }) : fill(m.inviteTitle, { name: view.brand.name })));
  const values = { name: view.brand.name, role: view.role, email: view.email ?? '' };
  return templates.invite({
    ...base,
    heading: fill(view.state === 'done' ? t.inviteDoneTitle : t.inviteTitle, values),
    lead: view.state === 'gone' ? t.inviteGone : fill(view.state === 'done' ? t.inviteDoneLead : t.inviteLead, values),
    notice: view.notice ?? null,
    action: view.state === 'form' ? view.action : null,
    csrf: view.csrf ?? '',
    signInUrl: view.state === 'done' ? view.signInUrl : null,
  });
}

/** The password-reset pages: ask for the email, "check your email", choose a password, done, or a dead link. */
export function renderReset(view: { brand: Brand; state: 'ask' | 'sent' | 'choose' | 'done' | 'gone'; action?: string; csrf?: string; email?: string; notice?: Notice }): string {
  const titles = { ask: 'resetTitle', sent: 'resetSentTitle', choose: 'resetChooseTitle', done: 'resetDoneTitle', gone: 'resetTitle' } as const;
  const leads = { ask: 'resetLead', sent: 'resetSent', choose: 'resetChooseLead', done: 'resetDone', gone: 'resetGone' } as const;
  const { t, base } = shell(view.brand, (m) => m[titles[view.state]]);
  return templates.reset({
    ...base,
    heading: t[titles[view.state]],
    lead: fill(t[leads[view.state]], { email: view.email ?? '' }),
    notice: view.notice ?? null,
    action: view.state === 'ask' || view.state === 'choose' ? view.action : null,
    askEmail: view.state === 'ask',
    csrf: view.csrf ?? '',
  });
}

/** "Too many requests" for the reset form, in the brand's language. */
export function resetTooMany(brand: Brand, retryAfterSeconds: number): Notice {
  const { t } = messagesFor(brand.locale);
  return { kind: 'error', text: fill(t.resetTooMany, { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) }) };
}
