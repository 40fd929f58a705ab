// Builds the admin API's dependencies from the database, the tenant
// directory and the signing keys: the authenticator (secret keys, access
// tokens) and the domain modules. start.ts calls it once.
import { createAccessTokenVerifier } from '../auth/access-tokens.ts';
import type { Database } from '../db/database.ts';
import type { AdminRouteDeps } from '../http/routes/admin.ts';
import type { SigningKeys } from '../oidc/signing-keys.ts';
import { SIGNING_ALGORITHM } from '../oidc/signing-keys.ts';
import type { TenantDirectory } from '../tenants/tenant-directory.ts';
import type { ThemePresets } from '../tenants/themes.ts';
import { createAdminQuotes } from './admin-quotes.ts';
import { createAdminServices } from './admin-services.ts';
import { createAdminTenant } from './admin-tenant.ts';
import { createAdminKeys } from './admin-keys.ts';
import { createAdminMembers } from './admin-members.ts';
import { createAdminNotifications } from './admin-notifications.ts';
import { createAdminEmailTemplates } from './admin-email-templates.ts';
import { createAdminAi } from './admin-ai.ts';
import type { QuotaLimits } from '../ai/quota.ts';
import type { IdentityMail } from '../auth/identity-mail.ts';
import { createAuthenticator } from './authenticate.ts';

export interface AdminSetup {
  db: Database;
  tenants: TenantDirectory;
  presets: ThemePresets;
  keys: SigningKeys;
  publicUrl: string;
  mail: IdentityMail;
  /** The plan's monthly AI allowance (config); a tenant may only set lower caps. */
  aiPlan: QuotaLimits;
}

/** The OpenID provider's issuer, and the admin API's identifier as a resource (RFC 8707). */
export function identityUrls(publicUrl: string): { issuer: string; adminAudience: string } {
  return { issuer: `${publicUrl}/oidc`, adminAudience: `${publicUrl}/v1/admin` };
}

export function createAdmin({ db, tenants, presets, keys, publicUrl, mail, aiPlan }: AdminSetup): AdminRouteDeps {
  const { issuer, adminAudience } = identityUrls(publicUrl);
  const tokens = createAccessTokenVerifier({
    issuer,
    audience: adminAudience,
    jwks: keys.publicJwks as Parameters<typeof createAccessTokenVerifier>[0]['jwks'],
    algorithms: [SIGNING_ALGORITHM],
    grantExists: async (grantId) =>
      (await db.withoutTenant((tx) => tx.row("SELECT 1 FROM oidc_payloads WHERE type = 'Grant' AND id = $1 AND (expires_at IS NULL OR expires_at > now())", [grantId]))) !== undefined,
  });
  const onChange = (tenantId: string) => tenants.invalidate(tenantId);
  return {
    auth: createAuthenticator({ db, tokens }),
    tenants,
    adminQuotes: createAdminQuotes({ db, publicUrl }),
    adminServices: createAdminServices({ db, onChange }),
    adminTenant: createAdminTenant({ db, presets, onChange }),
    adminKeys: createAdminKeys({ db, onChange }),
    adminMembers: createAdminMembers({ db, publicUrl, mail }),
    adminNotifications: createAdminNotifications({ db, onChange }),
    adminEmailTemplates: createAdminEmailTemplates({ db, publicUrl }),
    adminAi: createAdminAi({ db, plan: aiPlan, onChange }),
    db,
  };
}

/** Makes exactly the accounts with these emails operators. */
export async function applyOperators(db: Database, emails: readonly string[]): Promise<void> {
  await db.withoutTenant((tx) => tx.exec('UPDATE accounts SET operator = (lower(email) = ANY($1::text[])), updated_at = now() WHERE operator IS DISTINCT FROM (lower(email) = ANY($1::text[]))', [emails]));
}
