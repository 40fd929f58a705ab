// The hosted quote page, /q/{token}: server-rendered, works without
// JavaScript. Accept and decline are plain form posts with a CSRF token,
// answered by a redirect back to the page (post/redirect/get).
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context } from 'koa';
import { isAppError } from '../../errors.ts';
import { QuoteClosedError } from '../../quotes/errors.ts';
import type { QuoteLinks, StoredQuote } from '../../quotes/quote-links.ts';
import { renderQuoteNotFound, renderQuotePage } from '../../quotes/quote-page.ts';
import type { TenantDirectory } from '../../tenants/tenant-directory.ts';

/** The page carries no script; styles are inline; images only from https (logos). */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const NOTICES: Record<string, { kind: 'success' | 'error'; text: string }> = {
  accepted: { kind: 'success', text: 'Thank you — the quote is accepted.' },
  declined: { kind: 'success', text: 'The quote is declined. Thank you for letting us know.' },
};

function language(locale: string): string {
  return locale.split('-')[0]?.toLowerCase() ?? 'en';
}

function pageHeaders(ctx: Context): void {
  ctx.set('Content-Security-Policy', PAGE_CSP);
  ctx.set('Cache-Control', 'no-store');
  // The token in the URL is the key to the quote: never send it on as a referrer, never index it.
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Robots-Tag', 'noindex, nofollow');
  ctx.type = 'html';
}

export function quotePageRoutes({ links, tenants }: { links: QuoteLinks; tenants: TenantDirectory }): Router {
  const router = new Router({ prefix: '/q/:token' });
  const form = bodyParser({ enableTypes: ['form'], formLimit: '4kb' });

  const render = async (ctx: Context, quote: StoredQuote, notice: { kind: 'success' | 'error'; text: string } | null): Promise<void> => {
    const tenant = await tenants.byId(quote.tenantId);
    if (!tenant) return notFound(ctx);
    const token = String(ctx.params.token);
    pageHeaders(ctx);
    ctx.body = renderQuotePage({
      tenant: { name: tenant.name, locale: tenant.locale, timezone: tenant.timezone, logoUrl: tenant.branding.logoUrl, tokens: tenant.themeTokens, poweredBy: true },
      quote: {
        number: quote.number,
        status: quote.status,
        serviceName: quote.serviceName,
        createdAt: quote.createdAt,
        expiresAt: quote.expiresAt,
        contact: quote.contact,
        description: quote.description,
        pricing: quote.pricing,
        decision: quote.decision,
      },
      actionUrl: `/q/${token}`,
      csrfToken: links.csrfFor(token),
      notice,
      lang: language(tenant.locale),
    });
  };

  const notFound = (ctx: Context): void => {
    pageHeaders(ctx);
    ctx.status = 404;
    ctx.body = renderQuoteNotFound(language(ctx.acceptsLanguages()[0] ?? 'en'));
  };

  router.get('/', async (ctx) => {
    const quote = await links.open(String(ctx.params.token));
    if (!quote) return notFound(ctx);
    const done = typeof ctx.query.done === 'string' ? NOTICES[ctx.query.done] : undefined;
    await render(ctx, quote, done ?? null);
  });

  const decide = (outcome: 'accepted' | 'declined') => async (ctx: Context) => {
    const token = String(ctx.params.token);
    const posted = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (typeof posted.csrf !== 'string' || !links.checkCsrf(token, posted.csrf)) {
      ctx.status = 403;
      const quote = await links.open(token);
      if (!quote) return notFound(ctx);
      return render(ctx, quote, { kind: 'error', text: 'This form has expired. Please try again.' });
    }
    const decision = { ip: ctx.ip, userAgent: ctx.get('User-Agent') };
    const name = typeof posted.name === 'string' ? posted.name.trim().replace(/\s+/g, ' ') : '';
    try {
      if (outcome === 'accepted' && (name.length < 2 || name.length > 200)) {
        const quote = await links.open(token);
        if (!quote) return notFound(ctx);
        ctx.status = 422;
        return render(ctx, quote, { kind: 'error', text: 'Please type your full name to accept.' });
      }
      const quote = outcome === 'accepted' ? await links.accept(token, { ...decision, name }) : await links.decline(token, decision);
      if (!quote) return notFound(ctx);
      ctx.status = 303;
      ctx.redirect(`/q/${token}?done=${outcome}`);
    } catch (error) {
      if (!(isAppError(error) && error instanceof QuoteClosedError)) throw error;
      const quote = await links.open(token);
      if (!quote) return notFound(ctx);
      ctx.status = 409;
      await render(ctx, quote, { kind: 'error', text: error.message });
    }
  };

  router.post('/accept', form, decide('accepted'));
  router.post('/decline', form, decide('declined'));
  return router;
}
