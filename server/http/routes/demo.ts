// The demo sites (issue 4, "Demo"): /demo lists them, /demo/{slug} is the
// homepage of one demo tenant's business with the widget embedded by one
// script tag, as the business would embed it; `?mode=launcher` puts
// data-mode="launcher" on that tag (inline widget plus floating button).
// Rendering: server/demo/.
import Router from '@koa/router';
import type { Context } from 'koa';
import { demoSite, demoTenant, seededDemoSites } from '../../demo/demo-sites.ts';
import { renderDemoIndex, renderDemoNotFound, renderDemoPage } from '../../demo/demo-page.ts';
import type { TenantDirectory } from '../../tenants/tenant-directory.ts';

/**
 * The widget's loader, its chunks and its API come from this same host
 * ('self'); Lit adopts constructed stylesheets and the loader adds one small
 * <style>, hence 'unsafe-inline' for styles. Nothing from third parties.
 */
export const DEMO_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function pageHeaders(ctx: Context): void {
  ctx.set('Content-Security-Policy', DEMO_CSP);
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Robots-Tag', 'noindex, nofollow');
  ctx.type = 'html';
}

export function demoRoutes({ tenants }: { tenants: TenantDirectory }): Router {
  const router = new Router({ prefix: '/demo' });

  router.get('/', async (ctx) => {
    const entries = (await seededDemoSites(tenants)).map(({ site, tenant }) => ({
      slug: site.slug,
      name: tenant.name,
      lang: site.lang,
      tagline: site.tagline,
      key: site.publishableKey,
      locale: tenant.locale,
      currency: tenant.currency,
    }));
    pageHeaders(ctx);
    ctx.body = renderDemoIndex(entries);
  });

  router.get('/:slug', async (ctx) => {
    const site = demoSite(String(ctx.params.slug));
    const tenant = site && (await demoTenant(tenants, site));
    pageHeaders(ctx);
    if (!site || !tenant) {
      ctx.status = 404;
      ctx.body = renderDemoNotFound();
      return;
    }
    ctx.body = renderDemoPage(
      site,
      {
        name: tenant.name,
        locale: tenant.locale,
        currency: tenant.currency,
        publishableKey: site.publishableKey,
        themeTokens: tenant.themeTokens,
        firstService: tenant.services[0]?.key ?? null,
      },
      `${ctx.protocol}://${ctx.host}`, // this server, as the visitor reached it
      { launcher: ctx.query.mode === 'launcher' },
    );
  });

  return router;
}
