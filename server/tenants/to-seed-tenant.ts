import type { SeedTenant } from './seed-tenants.ts';
import type { TenantFile } from './tenant-file.ts';
import { resolveThemeTokens, type ThemePresets } from './themes.ts';

/** A validated tenant file as the seed stores it, with its theme resolved to tokens. */
export function toSeedTenant(file: TenantFile, presets: ThemePresets): SeedTenant {
  return {
    slug: file.slug,
    name: file.name,
    locale: file.locale,
    currency: file.currency,
    timezone: file.timezone,
    publishableKey: file.publishableKey,
    secretKey: file.secretKey,
    devUsers: file.devUsers,
    settings: {
      allowedOrigins: file.allowedOrigins,
      quoteExpiryDays: file.quoteExpiryDays,
      themeTokens: { ...resolveThemeTokens(presets, file.theme) },
      branding: { ...file.branding },
      theme: file.theme.tokens === undefined ? { preset: file.theme.preset } : { preset: file.theme.preset, tokens: { ...file.theme.tokens } as Record<string, string> },
      ...(file.notifications ? { notifications: file.notifications } : {}),
      ...(file.webhooks ? { webhooks: file.webhooks } : {}),
    },
    services: file.services,
  };
}
