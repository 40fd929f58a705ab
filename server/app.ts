// createApp(deps) → the Koa application. No I/O here: every dependency comes
// in from main.ts (or a test), already built.
import Koa from 'koa';
import type { Logger } from 'pino';
import type { Database } from './db/database.ts';
import { demoRoutes } from './http/routes/demo.ts';
import { devMailRoutes, type DevMailDeps } from './http/routes/dev-mail.ts';
import { errorHandler } from './http/error-handler.ts';
import { requestScope } from './http/request-scope.ts';
import { securityHeaders } from './http/security-headers.ts';
import { healthRoutes, type Readiness } from './http/routes/health.ts';
import { openapiRoutes } from './http/routes/openapi.ts';
import { quotePageRoutes } from './http/routes/quote-page.ts';
import { unsubscribeRoutes } from './http/routes/unsubscribe.ts';
import { widgetRoutes, type WidgetRouteDeps } from './http/routes/widget.ts';
import { widgetAssetRoutes } from './http/routes/widget-assets.ts';
import type { QuoteLinks } from './quotes/quote-links.ts';

export interface AppDeps extends WidgetRouteDeps {
  logger: Logger;
  readiness: Readiness;
  links: QuoteLinks;
  /** Trust X-Forwarded-* from a load balancer (client IP on acceptances). */
  trustProxy?: boolean;
  /** Production sends HSTS, and has no /dev/mail. */
  production?: boolean;
  /** The List-Unsubscribe links of alert emails. */
  unsubscribe: { db: Database; secret: string };
  /** The local mailbox, listed at /dev/mail outside production. */
  devMail?: DevMailDeps | undefined;
}

export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: deps.trustProxy ?? false });
  app.silent = true; // errors are logged by the error handler, once
  app.use(requestScope(deps.logger));
  app.use(errorHandler(deps.logger));
  app.use(
    securityHeaders({
      // The widget's files and API are fetched from tenants' sites.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      // Headers that mean nothing for JSON answers and a scriptless page cost
      // bytes on every widget request (the estimate path is latency-critical).
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xFrameOptions: false, // frame-ancestors 'none' says it
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
      strictTransportSecurity: deps.production ? { maxAge: 31536000, includeSubDomains: true } : false,
    }),
  );
  // The widget's API first: it takes almost all requests, so they pass no other router on their way.
  const routers = [
    widgetRoutes(deps),
    healthRoutes(deps.readiness),
    openapiRoutes(),
    widgetAssetRoutes(),
    quotePageRoutes({ links: deps.links, tenants: deps.tenants }),
    demoRoutes({ tenants: deps.tenants }),
    unsubscribeRoutes({ ...deps.unsubscribe, tenants: deps.tenants }),
    ...(deps.devMail && !deps.production ? [devMailRoutes(deps.devMail)] : []),
  ];
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
