// What a tenant file says about notifications (api.md: later capabilities add
// optional keys): where alerts go, the tenant's own email templates, and
// webhook endpoints. Stored in tenants.settings; read by the outbox worker,
// never put in the widget's cached tenant snapshot (webhook secrets).
import { z } from 'zod';
import { OVERRIDABLE_TEMPLATES, type OverridableTemplateId } from './email/email-view.ts';
import { checkTemplate, SOURCE_LIMITS, type TemplatePart } from './email/sandbox.ts';
import { QUOTE_EVENT_TYPES, type QuoteEventType } from '../outbox/enqueue.ts';

const emailAddress = z.email('must be an email address').max(254);

const templatePart = (part: TemplatePart) =>
  z
    .string()
    .max(SOURCE_LIMITS[part])
    .superRefine((source, ctx) => {
      const problem = checkTemplate(source, part);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: source });
    });

const override = z
  .strictObject({
    subject: templatePart('subject').optional().describe('Handlebars template of the subject line (one line).'),
    text: templatePart('text').optional().describe('Handlebars template of the plain-text part.'),
    html: templatePart('html').optional().describe('Handlebars template of the HTML part ({{…}} only: output is always escaped).'),
  })
  .describe('The tenant\'s own template for this email; parts left out come from the default. Rendered in a sandbox: strict, if/unless/each/with only, no partials; one that fails falls back to the default and is reported.');

export const notificationsSchema = z
  .strictObject({
    emails: z
      .array(emailAddress)
      .max(20)
      .default([])
      .describe('Addresses that get new-quote alerts and accept/decline notices (and notices about webhooks).'),
    replyTo: emailAddress.optional().describe('Reply-To of the emails visitors get; default: the first of emails.'),
    templates: z
      .strictObject(Object.fromEntries(OVERRIDABLE_TEMPLATES.map((id) => [id, override.optional()])) as Record<OverridableTemplateId, z.ZodOptional<typeof override>>)
      .optional()
      .describe('The tenant\'s own email templates, by email: quote-to-visitor, new-quote-alert, decision-to-visitor, decision-to-tenant.'),
  })
  .describe('Where the business hears about quotes, and how its emails read.');

/** Standard Webhooks secrets: whsec_ and the base64 of 24 to 64 random bytes. */
export function isWebhookSecret(value: string): boolean {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(value);
  if (!match?.[1]) return false;
  const bytes = Buffer.from(match[1], 'base64');
  return bytes.length >= 24 && bytes.length <= 64 && bytes.toString('base64').replace(/=+$/, '') === match[1].replace(/=+$/, '');
}

const webhook = z
  .strictObject({
    url: z
      .string()
      .max(2000)
      .superRefine((value, ctx) => {
        let url: URL | null = null;
        try {
          url = new URL(value);
        } catch {
          // reported below
        }
        if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) ctx.addIssue({ code: 'custom', message: 'must be an absolute http(s) URL', input: value });
        else if (url.username !== '' || url.password !== '') ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password', input: value });
        else if (url.hash !== '') ctx.addIssue({ code: 'custom', message: 'must not contain a #fragment', input: value });
      })
      .meta({ description: 'Where events are POSTed (JSON, signed per Standard Webhooks). In production, private, loopback and link-local addresses are refused.', format: 'uri' }),
    secret: z
      .string()
      .refine(isWebhookSecret, 'must be whsec_ followed by the base64 of 24 to 64 random bytes')
      .describe('Signing secret (Standard Webhooks): whsec_ + base64 of 24–64 random bytes, e.g. from `openssl rand -base64 32`.'),
    events: z
      .array(z.enum(QUOTE_EVENT_TYPES))
      .min(1)
      .refine((events) => new Set(events).size === events.length, 'must not name an event twice')
      .describe('Event types sent to this endpoint.'),
  })
  .describe('A webhook endpoint.');

export const webhooksSchema = z
  .array(webhook)
  .max(10)
  .superRefine((hooks, ctx) => {
    const seen = new Map<string, number>();
    hooks.forEach((hook, i) => {
      const earlier = seen.get(hook.url);
      if (earlier === undefined) seen.set(hook.url, i);
      else ctx.addIssue({ code: 'custom', message: `is the same URL as webhooks[${earlier}].url`, path: [i, 'url'], input: hook.url });
    });
  })
  .describe('Webhook endpoints of the tenant (at most 10, URLs unique).');

export type NotificationSettings = z.output<typeof notificationsSchema>;
export type WebhookEndpointConfig = { url: string; secret: string; events: QuoteEventType[] };
