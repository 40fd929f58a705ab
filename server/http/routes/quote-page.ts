// The hosted quote page, /q/{token}: server-rendered, works without
// JavaScript. Accept and decline are plain form posts with a CSRF token,
// answered by a redirect back to the page (post/redirect/get).
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context } from 'koa';
import { QuoteClosedError } from '../../quotes/errors.ts';
import type { QuoteLinks, StoredQuote } from '../../quotes/quote-links.ts';
import { quotePageNotice, renderQuoteNotFound, renderQuotePage, type QuotePageNotice } from '../../quotes/quote-page.ts';
import type { TenantDirectory } from '../../tenants/tenant-directory.ts';

/** The page carries no script; styles are inline; images only from https (logos). */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

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

  const render = async (ctx: Context, quote: StoredQuote, notice: QuotePageNotice | null): Promise<void> => {
    const tenant = await tenants.byId(quote.tenantId);
    if (!tenant) return notFound(ctx);
    const token = String(ctx.params.token);
    const lang = language(tenant.locale);
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
      notice: notice === null ? null : quotePageNotice(lang, notice),
      lang,
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
    const done = ctx.query.done === 'accepted' || ctx.query.done === 'declined' ? ctx.query.done : null;
    await render(ctx, quote, done);
  });

  const decide = (outcome: 'accepted' | 'declined') => async (ctx: Context) => {
    const token = String(ctx.params.token);
    const posted = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (typeof posted.csrf !== 'string' || !links.checkCsrf(token, posted.csrf)) {
      ctx.status = 403;
      const quote = await links.open(token);
      if (!quote) return notFound(ctx);
      return render(ctx, quote, 'formExpired');
    }
    const decision = { ip: ctx.ip, userAgent: ctx.get('User-Agent') };
    const name = typeof posted.name === 'string' ? posted.name.trim().replace(/\s+/g, ' ') : '';
    try {
      if (outcome === 'accepted' && (name.length < 2 || name.length > 200)) {
        const quote = await links.open(token);
        if (!quote) return notFound(ctx);
        ctx.status = 422;
        return render(ctx, quote, 'nameRequired');
      }
      const quote = outcome === 'accepted' ? await links.accept(token, { ...decision, name }) : await links.decline(token, decision);
      if (!quote) return notFound(ctx);
      ctx.status = 303;
      ctx.redirect(`/q/${token}?done=${outcome}`);
    } catch (error) {
      if (!(error instanceof QuoteClosedError)) throw error;
      const quote = await links.open(token);
      if (!quote) return notFound(ctx);
      ctx.status = 409;
      await render(ctx, quote, 'closed');
    }
  };

  router.post('/accept', form, decide('accepted'));
  router.post('/decline', form, decide('declined'));
  return router;
}
