// What the request path needs to know of a tenant, read once and cached:
// identity, locale, origins, theme, and each service at its current version.
import type { TenantAiSettings } from '../ai/tenant-ai.ts';
import type { NotificationSettings, WebhookEndpointConfig } from '../notify/notification-settings.ts';
import type { ServiceConfig } from '../pricing/index.ts';

export interface TenantService {
  id: string;
  key: string;
  version: number;
  config: ServiceConfig;
}

export interface TenantSnapshot {
  id: string;
  slug: string;
  name: string;
  locale: string;
  currency: string;
  timezone: string;
  publishableKey: string | null;
  allowedOrigins: string[];
  quoteExpiryDays: number;
  themeTokens: Record<string, string>;
  branding: { logoUrl?: string | undefined; website?: string | undefined };
  /** Services in the tenant's order. */
  services: TenantService[];
  /** Suspended by the platform's operators: the widget answers 403 tenant_suspended (issue #7). */
  suspended?: boolean | undefined;
  /** The tenant's AI settings (admin API); absent: the fill-in on, the plan's allowances. */
  ai?: TenantAiSettings | undefined;
}

/** The part of a tenant kept in tenants.settings (jsonb). */
export interface TenantSettings {
  allowedOrigins: string[];
  quoteExpiryDays: number;
  themeTokens: Record<string, string>;
  branding: { logoUrl?: string | undefined; website?: string | undefined };
  /** The theme as chosen (preset and overrides), so the admin API can show and change it; themeTokens is its resolution. */
  theme?: { preset: string; tokens?: Record<string, string> | undefined } | undefined;
  /** Read by the outbox worker only (notify/), never part of the snapshot above: webhook secrets stay out of caches. */
  notifications?: NotificationSettings | undefined;
  webhooks?: WebhookEndpointConfig[] | undefined;
  /** Set through the admin API (GET/PATCH /v1/admin/ai). */
  ai?: TenantAiSettings | undefined;
}
