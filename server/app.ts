// createApp(deps) → the Koa application. No I/O here: every dependency comes
// in from main.ts (or a test), already built.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Koa from 'koa';
import type { Logger } from 'pino';
import type { Database } from './db/database.ts';
import { demoRoutes } from './http/routes/demo.ts';
import { devMailRoutes, type DevMailDeps } from './http/routes/dev-mail.ts';
import { errorHandler } from './http/error-handler.ts';
import { requestScope } from './http/request-scope.ts';
import { helmetHeaders, securityHeaderOptions, securityHeaders } from './http/security-headers.ts';
import { healthRoutes, type Readiness } from './http/routes/health.ts';
import { openapiRoutes } from './http/routes/openapi.ts';
import { quotePageRoutes } from './http/routes/quote-page.ts';
import { unsubscribeRoutes } from './http/routes/unsubscribe.ts';
import type { WidgetRouteDeps } from './http/routes/widget.ts';
import { createWidgetApi, type WidgetApi } from './http/widget-api.ts';
import { widgetAssetRoutes } from './http/routes/widget-assets.ts';
import { adminRoutes, type AdminRouteDeps } from './http/routes/admin.ts';
import { oidcRoutes, type OidcRouteDeps } from './http/routes/oidc.ts';
import { operatorRoutes, type OperatorRouteDeps } from './http/routes/operator.ts';
import { inviteRoutes, type InviteRouteDeps } from './http/routes/invites.ts';
import { accountRoutes, type AccountRouteDeps } from './http/routes/account.ts';
import { passwordResetRoutes, type PasswordResetRouteDeps } from './http/routes/password-reset.ts';
import type { QuoteLinks } from './quotes/quote-links.ts';

export interface AppDeps extends WidgetRouteDeps {
  logger: Logger;
  readiness: Readiness;
  links: QuoteLinks;
  /** Trust X-Forwarded-* from a load balancer (client IP on acceptances). */
  trustProxy?: boolean;
  /** Production sends HSTS, and has no /dev/mail. */
  production?: boolean;
  /** The admin API (issue #7); mounted after every other router. */
  admin?: AdminRouteDeps | undefined;
  /** The OpenID provider and its sign-in pages at /oidc (issue #7); mounted last. */
  oidc?: OidcRouteDeps | undefined;
  /** The operator API (issue #7). */
  operator?: OperatorRouteDeps | undefined;
  /** Accepting team invites (issue #7). */
  invites?: InviteRouteDeps | undefined;
  /** A person's own account: the second factor (issue #7). */
  account?: AccountRouteDeps | undefined;
  /** Password reset pages (issue #7). */
  passwordReset?: PasswordResetRouteDeps | undefined;
  /** The List-Unsubscribe links of alert emails. */
  unsubscribe: { db: Database; secret: string };
  /** The local mailbox, listed at /dev/mail outside production. */
  devMail?: DevMailDeps | undefined;
}

/**
 * Koa, with the widget API answered before Koa makes a context: its callback
 * hands every /v1/widget/ request to the widget API (decision 0021).
 */
class QuoteMasterApp extends Koa {
  readonly #widgetApi: WidgetApi;

  constructor(options: { proxy: boolean }, widgetApi: WidgetApi) {
    super(options);
    this.#widgetApi = widgetApi;
  }

  override callback(): ReturnType<Koa['callback']> {
    const koa = super.callback();
    const widgetApi = this.#widgetApi;
    // HTTP/1 only: the server is made by listen() with node:http.
    return async (req, res) => {
      if (!widgetApi(req as IncomingMessage, res as ServerResponse)) await koa(req, res);
    };
  }
}

export function createApp(deps: AppDeps): Koa {
  const headers = helmetHeaders(securityHeaderOptions(deps.production ?? false));
  const trustProxy = deps.trustProxy ?? false;
  const app = new QuoteMasterApp({ proxy: trustProxy }, createWidgetApi({ ...deps, securityHeaders: headers, trustProxy }));
  app.silent = true; // errors are logged by the error handler, once
  app.use(requestScope(deps.logger));
  app.use(errorHandler(deps.logger));
  app.use(securityHeaders(headers));
  const routers = [
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
  // Identity and the admin API last: a widget request has been answered before it gets here.
  if (deps.admin) {
    const admin = adminRoutes(deps.admin);
    app.use(admin.routes());
    app.use(admin.allowedMethods());
  }
  for (const router of [
    deps.operator ? operatorRoutes(deps.operator) : null,
    deps.invites ? inviteRoutes(deps.invites) : null,
    deps.account ? accountRoutes(deps.account) : null,
    deps.passwordReset ? passwordResetRoutes(deps.passwordReset) : null,
  ]) {
    if (!router) continue;
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  if (deps.oidc) {
    const oidc = oidcRoutes(deps.oidc);
    app.use(oidc.router.routes());
    app.use(oidc.router.allowedMethods());
    app.use(oidc.mount);
  }
  return app;
}
