// The local mailbox of development: each email as `<id>.eml` (the raw
// message, openable in any mail program) beside `<id>.json` (what /dev/mail
// lists and shows). Files are written whole or not at all (rename).
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutgoingEmail } from './outgoing-email.ts';

export interface MailboxEntry {
  id: string;
  date: string;
  from: string;
  to: string[];
  replyTo: string | null;
  subject: string;
  template: string;
  headers: Record<string, string>;
  text: string;
  html: string;
}

const ID = /^[0-9a-f-]{36}$/;

async function writeWhole(file: string, content: string | Buffer): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

export async function writeMailboxEntry(dir: string, email: OutgoingEmail, fromAddress: string, raw: Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entry: MailboxEntry = {
    id: email.id,
    date: email.date.toISOString(),
    from: `${email.fromName} <${fromAddress}>`,
    to: email.to,
    replyTo: email.replyTo,
    subject: email.subject,
    template: email.template,
    headers: email.headers,
    text: email.text,
    html: email.html,
  };
  await writeWhole(join(dir, `${email.id}.eml`), raw);
  await writeWhole(join(dir, `${email.id}.json`), JSON.stringify(entry));
}

/** The newest `limit` emails, newest first; an empty list when the folder does not exist. */
export async function listMailbox(dir: string, limit = 200): Promise<MailboxEntry[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return [];
  }
  const entries = await Promise.all(
    files.filter((file) => file.endsWith('.json') && ID.test(file.slice(0, -5))).map((file) => readMailboxEntry(dir, file.slice(0, -5))),
  );
  return entries
    .filter((entry): entry is MailboxEntry => entry !== undefined)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? 1 : -1))
    .slice(0, limit);
}

export async function readMailboxEntry(dir: string, id: string): Promise<MailboxEntry | undefined> {
  if (!ID.test(id)) return undefined;
  try {
    return JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as MailboxEntry;
  } catch {
    return undefined;
  }
}

export async function readMailboxRaw(dir: string, id: string): Promise<Buffer | undefined> {
  if (!ID.test(id)) return undefined;
  try {
    return await readFile(join(dir, `${id}.eml`));
  } catch {
    return undefined;
  }
}
