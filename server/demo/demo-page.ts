// Rendering of the demo sites (`/demo/{slug}`), their index (`/demo`) and the
// 404 page: complete HTML documents from handlebars templates in a private
// instance (strict, built-in helpers only), as server/quotes/quote-page.ts does.
//
// Safety: every value reaches the HTML through `{{ }}` escaping. The one raw
// value is the theme block inside `<style>`, built only from design tokens
// that pass checkTokenValue (the same check seeding applies).
import { join } from 'node:path';
import { contrast, luminance } from '../html/color-contrast.ts';
import { templatesIn } from '../html/templates.ts';
import { checkTokenValue, THEME_TOKENS, type ThemeToken } from '../tenants/theme-tokens.ts';
import type { DemoSite } from './demo-sites.ts';

/** What a demo page needs of the live tenant. */
export interface DemoTenant {
  name: string;
  locale: string;
  currency: string;
  publishableKey: string;
  themeTokens: Record<string, string>;
  /** The key of the service the inline widget shows (the tenant's first). */
  firstService: string | null;
}

// ------------------------------------------------------------------- theme

/** The platform look, for the index and the 404 page (themes/default.json). */
const PLATFORM_TOKENS: Record<ThemeToken, string> = {
  'color-primary': '#1d4ed8',
  'color-on-primary': '#ffffff',
  'color-surface': '#ffffff',
  'color-text': '#111827',
  'color-muted': '#4b5563',
  'color-border': '#8a94a6',
  'color-focus': '#2563eb',
  'color-error': '#b91c1c',
  'color-success': '#15803d',
  radius: '8px',
  'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  'font-size': '16px',
  spacing: '16px',
  shadow: '0 1px 3px rgba(0, 0, 0, 0.12), 0 1px 2px rgba(0, 0, 0, 0.08)',
};

interface Theme {
  css: string;
  scheme: 'light' | 'dark';
}

/** The tenant's tokens as `--qm-*` custom properties (unsafe or missing values fall back to the platform's), plus two derived ones. */
export function demoTheme(tokens: Record<string, string>): Theme {
  const theme: Record<string, string> = { ...PLATFORM_TOKENS };
  for (const token of THEME_TOKENS) {
    const value = tokens[token];
    if (typeof value === 'string' && checkTokenValue(token, value.trim()) === null) theme[token] = value.trim();
  }
  const surface = theme['color-surface']!;
  const primary = theme['color-primary']!;
  // The brand colour where it is text on the surface (links, ticks), if it reads well there.
  const primaryOnSurface = contrast(primary, surface);
  theme['color-accent'] = primaryOnSurface === null || primaryOnSurface >= 4.5 ? primary : theme['color-text']!;
  theme.divider = `color-mix(in srgb, ${theme['color-border']} 45%, ${surface})`;
  const css = Object.entries(theme)
    .map(([key, value]) => `  --qm-${key}: ${value};`)
    .join('\n');
  return { css, scheme: (luminance(surface) ?? 1) < 0.2 ? 'dark' : 'light' };
}

// -------------------------------------------------------------- templates

const compile = templatesIn(join(import.meta.dirname, 'templates'), ['layout', 'styles']);
const demoPageTemplate = compile('demo-page');
const demoIndexTemplate = compile('demo-index');
const notFoundTemplate = compile('not-found');

const SKIP: Record<string, string> = { de: 'Zum Inhalt springen', fr: 'Aller au contenu', es: 'Saltar al contenido' };

/** The snippet a tenant pastes for the floating launcher (shown as text on the page). */
export function launcherSnippet(origin: string, key: string): string {
  return `<script async src="${origin}/embed.js" data-key="${key}" data-mode="launcher"></script>`;
}

/** A demo site: the business's homepage with the widget embedded as the business would embed it; `launcher` adds data-mode="launcher" to the one script tag. */
export function renderDemoPage(site: DemoSite, tenant: DemoTenant, origin: string, options: { launcher?: boolean } = {}): string {
  const launcher = options.launcher === true;
  const primary = site.lang.split('-')[0]?.toLowerCase() ?? 'en';
  return demoPageTemplate({
    htmlLang: site.lang,
    title: `${tenant.name} — ${site.tagline}`,
    theme: demoTheme(tenant.themeTokens),
    embed: { key: tenant.publishableKey, service: tenant.firstService ?? '', launcher },
    modeLink: launcher ? { href: `/demo/${site.slug}`, text: site.quote.showInline } : { href: `/demo/${site.slug}?mode=launcher`, text: site.quote.showLauncher },
    skipLabel: SKIP[primary] ?? 'Skip to content',
    site,
    tenant: { name: tenant.name },
    phoneHref: site.contact.phone.replace(/[^\d+]/g, ''),
    launcherSnippet: launcherSnippet(origin, tenant.publishableKey),
  });
}

export interface DemoIndexEntry {
  slug: string;
  name: string;
  lang: string;
  tagline: string;
  key: string;
  locale: string;
  currency: string;
}

/** `/demo`: a link to each demo site. */
export function renderDemoIndex(entries: DemoIndexEntry[]): string {
  return demoIndexTemplate({
    htmlLang: 'en',
    title: 'Quote Master Pro — demo sites',
    theme: demoTheme({}),
    embed: null,
    heading: 'Demo sites',
    intro: 'Homepages of fictional businesses, each embedding the widget with one script tag and its own publishable key.',
    sites: entries.map((entry) => ({ ...entry, href: `/demo/${entry.slug}` })),
  });
}

/** The 404 page of an unknown demo. */
export function renderDemoNotFound(): string {
  return notFoundTemplate({
    htmlLang: 'en',
    title: 'Demo not found — Quote Master Pro',
    theme: demoTheme({}),
    embed: null,
    heading: 'There is no such demo',
    text: 'This address does not lead to a demo site.',
    back: 'All demo sites',
  });
}
