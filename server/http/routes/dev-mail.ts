// /dev/mail: the local mailbox of development (issue #6) — the list, one
// email (headers, the HTML part in a sandboxed frame, the text part) and the
// raw .eml. createApp mounts it only outside production.
import Router from '@koa/router';
import type { Context } from 'koa';
import { NotFoundError } from '../../errors.ts';
import { listMailbox, readMailboxEntry, readMailboxRaw } from '../../notify/email/file-mailbox.ts';
import { renderMailboxList, renderMailboxMessage } from '../../notify/pages.ts';

export interface DevMailDeps {
  mailDir: string;
  /** Where mail goes now, shown on the page ("local mailbox (…)" or "SMTP (…)"). */
  transport: string;
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'; frame-ancestors 'none'";
// The email's own HTML: no script, no forms, images from https only; framed by the page above alone.
const PART_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'";

function headers(ctx: Context, csp: string): void {
  ctx.set('Content-Security-Policy', csp);
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Robots-Tag', 'noindex, nofollow');
}

export function devMailRoutes({ mailDir, transport }: DevMailDeps): Router {
  const router = new Router({ prefix: '/dev/mail' });
  const where = `mail goes to: ${transport}`;

  router.get('/', async (ctx) => {
    headers(ctx, PAGE_CSP);
    ctx.type = 'html';
    ctx.body = renderMailboxList(await listMailbox(mailDir), where, mailDir);
  });

  router.get('/:id', async (ctx) => {
    const entry = await readMailboxEntry(mailDir, String(ctx.params.id));
    if (!entry) throw new NotFoundError('No such email in the mailbox.');
    headers(ctx, PAGE_CSP);
    ctx.type = 'html';
    ctx.body = renderMailboxMessage(entry, where);
  });

  router.get('/:id/html', async (ctx) => {
    const entry = await readMailboxEntry(mailDir, String(ctx.params.id));
    if (!entry) throw new NotFoundError('No such email in the mailbox.');
    headers(ctx, PART_CSP);
    ctx.type = 'html';
    ctx.body = entry.html;
  });

  router.get('/:id/raw', async (ctx) => {
    const raw = await readMailboxRaw(mailDir, String(ctx.params.id));
    if (!raw) throw new NotFoundError('No such email in the mailbox.');
    headers(ctx, "default-src 'none'");
    ctx.type = 'message/rfc822';
    ctx.attachment(`${String(ctx.params.id)}.eml`);
    ctx.body = raw;
  });

  return router;
}
