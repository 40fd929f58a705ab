// The small HTML pages of notifications: the development mailbox (/dev/mail,
// never in production) and the unsubscribe page of alert emails.
import { join } from 'node:path';
import { templatesIn } from '../html/templates.ts';
import type { MailboxEntry } from './email/file-mailbox.ts';

const page = templatesIn(join(import.meta.dirname, 'templates'), [])('page');

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

export function renderMailboxList(entries: MailboxEntry[], where: string, dir: string): string {
  return page({
    title: `Mail (${entries.length}) · Quote Master Pro`,
    dev: { where },
    list: {
      count: entries.length,
      dir,
      entries: entries.map((entry) => ({ id: entry.id, date: entry.date, when: `${when.format(new Date(entry.date))} UTC`, to: entry.to.join(', '), subject: entry.subject, template: entry.template })),
    },
    message: null,
    unsubscribe: null,
  });
}

export function renderMailboxMessage(entry: MailboxEntry, where: string): string {
  return page({
    title: `${entry.subject} · Mail · Quote Master Pro`,
    dev: { where },
    list: null,
    message: {
      id: entry.id,
      subject: entry.subject,
      from: entry.from,
      to: entry.to.join(', '),
      replyTo: entry.replyTo,
      date: entry.date,
      template: entry.template,
      headers: Object.entries(entry.headers).map(([name, value]) => ({ name, value })),
      text: entry.text,
    },
    unsubscribe: null,
  });
}

export type UnsubscribeState = { kind: 'confirm'; email: string; tenant: string; action: string } | { kind: 'done'; email: string; tenant: string } | { kind: 'invalid' };

export function renderUnsubscribe(state: UnsubscribeState): string {
  const unsubscribe =
    state.kind === 'confirm'
      ? { heading: 'Unsubscribe from quote alerts?', text: `${state.email} will no longer get new-quote alerts and accept/decline notices for ${state.tenant}.`, action: state.action, button: 'Unsubscribe' }
      : state.kind === 'done'
        ? { heading: 'Unsubscribed', text: `${state.email} will no longer get quote alerts for ${state.tenant}.`, action: null, button: null }
        : { heading: 'This link does not work', text: 'The unsubscribe link is incomplete or was not made by us. Please use the link from the email as it is.', action: null, button: null };
  return page({ title: `${unsubscribe.heading} · Quote Master Pro`, dev: null, list: null, message: null, unsubscribe });
}
