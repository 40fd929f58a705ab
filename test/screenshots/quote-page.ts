// Renders sample hosted quote pages and screenshots them with headless
// Chromium into docs/screenshots/. Run by hand after changing the page:
//   node_modules/.bin/node test/screenshots/quote-page.ts
// Needs /usr/bin/chromium (or CHROMIUM=/path). Nothing here runs in `npm test`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PricingResult } from '../../server/pricing/result.types.ts';
import { renderQuotePage, type QuotePageView } from '../../server/quotes/quote-page.ts';

const root = join(import.meta.dirname, '..', '..');
const outDir = join(root, 'docs', 'screenshots');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'quote-page-shots-'));

// A logo on disk, referenced as a root-relative URL so the file:// page finds it.
const logoPath = join(work, 'logo.svg');
writeFileSync(
  logoPath,
  `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">
  <rect width="96" height="96" rx="20" fill="#5b21b6"/>
  <path d="M24 62 48 26l24 36z" fill="#fff"/><circle cx="48" cy="66" r="8" fill="#fde68a"/></svg>`,
);

/** A preset from themes/, as a tenant that names it gets it, with the tenant's own overrides on top. */
function preset(name: string, overrides: Record<string, string> = {}): Record<string, string> {
  const { tokens } = JSON.parse(readFileSync(join(root, 'themes', `${name}.json`), 'utf8')) as { tokens: Record<string, string> };
  return { ...tokens, ...overrides };
}

const usd: PricingResult = {
  currency: 'USD',
  pricingVersion: 7,
  lines: [
    { id: 'callout', label: 'Call-out fee', quantity: 1, unitAmount: 4900, amount: 4900, explain: 'fixed' },
    { id: 'rooms', label: 'Painting (small rooms)', quantity: 2, unitAmount: 12000, amount: 24000, explain: 'rooms × 12000' },
    { id: 'ceilings', label: 'Ceilings', quantity: 2, unitAmount: 6000, amount: 12000, explain: 'rooms × 6000' },
  ],
  subtotal: 40900,
  adjustments: [
    { id: 'rush', kind: 'adjustment', label: 'Rush (within a week)', amount: 10225 },
    { id: 'SPRING10', kind: 'discount', label: 'Code SPRING10', amount: -5113 },
    { id: 'rounding', kind: 'rounding', label: 'Rounding', amount: -8 },
  ],
  tax: { label: 'Sales tax', ratePercent: 8.25, inclusive: false, amount: 3796 },
  total: 49800,
  range: null,
  discountRejected: null,
};

const gbp: PricingResult = {
  currency: 'GBP',
  pricingVersion: 3,
  lines: [
    { id: 'survey', label: 'Garden survey', quantity: 1, unitAmount: 6500, amount: 6500, explain: 'fixed' },
    { id: 'turf', label: 'New turf', quantity: 42.5, unitAmount: 1200, amount: 51000, explain: 'area × 1200' },
    { id: 'hedge', label: 'Hedge trimming (tiered)', quantity: 30, unitAmount: null, amount: 21000, explain: 'graduated' },
  ],
  subtotal: 78500,
  adjustments: [],
  tax: { label: 'VAT', ratePercent: 20, inclusive: false, amount: 15700 },
  total: 94200,
  range: { low: 84700, high: 108400 },
  discountRejected: null,
};

const eur: PricingResult = {
  currency: 'EUR',
  pricingVersion: 12,
  lines: [
    { id: 'anfahrt', label: 'Anfahrtspauschale', quantity: 1, unitAmount: 3500, amount: 3500, explain: 'fixed' },
    { id: 'reinigung', label: 'Grundreinigung Wohnfläche', quantity: 85, unitAmount: 320, amount: 27200, explain: 'm2 × 320' },
    { id: 'fenster', label: 'Fensterreinigung beidseitig', quantity: 12, unitAmount: 850, amount: 10200, explain: 'Fenster × 850' },
  ],
  subtotal: 40900,
  adjustments: [{ id: 'stammkunde', kind: 'adjustment', label: 'Stammkundenrabatt', amount: -2045 }],
  tax: { label: 'MwSt.', ratePercent: 19, inclusive: true, amount: 6204 },
  total: 38855,
  range: null,
  discountRejected: null,
};

const sent: QuotePageView = {
  tenant: {
    name: 'Brightside Painting',
    locale: 'en-US',
    timezone: 'America/Chicago',
    tokens: preset('daylight', { 'color-primary': '#0b6e4f', 'color-focus': '#0b6e4f' }),
    poweredBy: true,
  },
  quote: {
    number: 'Q-2026-000123',
    status: 'viewed',
    serviceName: 'Interior painting',
    createdAt: new Date('2026-03-04T16:20:00Z'),
    expiresAt: new Date('2026-04-03T16:20:00Z'),
    contact: { name: 'Jordan Alvarez-Whitfield', email: 'jordan.alvarez-whitfield@example.com', phone: '+1 312 555 0147' },
    description: 'Two small bedrooms upstairs, walls and ceilings.\nThe ceilings have a few water stains that need covering first.\nWe would like it done before our move on the 20th.',
    pricing: usd,
  },
  actionUrl: '/q/sample-token',
  csrfToken: 'sample-csrf',
  lang: 'en',
};

const accepted: QuotePageView = {
  tenant: {
    name: 'Greenway Gardens Ltd',
    locale: 'en-GB',
    timezone: 'Europe/London',
    logoUrl: logoPath,
    tokens: { 'color-primary': '#5b21b6', 'color-surface': '#fffdf7', 'color-border': '#e7e0cf', radius: '4px', 'font-family': 'Georgia, "DejaVu Serif", serif' },
    poweredBy: false,
  },
  quote: {
    number: 'Q-2026-004711',
    status: 'accepted',
    serviceName: 'Lawn renovation',
    createdAt: new Date('2026-05-11T08:05:00Z'),
    expiresAt: new Date('2026-06-10T08:05:00Z'),
    contact: { name: 'Priya Natarajan', email: 'priya@example.co.uk', phone: null },
    description: null,
    pricing: gbp,
    decision: { name: 'Priya Natarajan', at: new Date('2026-05-12T18:42:00Z') },
  },
  actionUrl: '/q/sample-token',
  csrfToken: 'sample-csrf',
  notice: { kind: 'success', text: 'Thank you. Your acceptance has been recorded and Greenway Gardens Ltd has been told.' },
  lang: 'en-GB',
};

const mobileDe: QuotePageView = {
  tenant: {
    name: 'Glanzwerk Gebäudereinigung GmbH',
    locale: 'de-DE',
    timezone: 'Europe/Berlin',
    tokens: { 'color-primary': '#f5c518', 'color-text': '#1a1a1a', radius: '6px' },
    poweredBy: true,
  },
  quote: {
    number: 'Q-2026-000042',
    status: 'sent',
    serviceName: 'Grundreinigung nach Auszug',
    createdAt: new Date('2026-03-04T23:30:00Z'),
    expiresAt: new Date('2026-03-18T23:30:00Z'),
    contact: { name: 'Maximilian Müller-Lüdenscheidt', email: 'max.mueller-luedenscheidt@example.de', phone: '+49 30 1234567' },
    description: 'Wohnung im 3. OG ohne Aufzug, ca. 85 m², 12 Fenster.',
    pricing: eur,
  },
  actionUrl: '/q/sample-token',
  csrfToken: 'sample-csrf',
  notice: { kind: 'error', text: 'Bitte geben Sie Ihren vollständigen Namen ein.' },
  lang: 'de-DE',
};

const shots: { name: string; view: QuotePageView; size: string }[] = [
  { name: 'quote-page-sent', view: sent, size: '1200,1500' },
  { name: 'quote-page-accepted', view: accepted, size: '1200,1250' },
  { name: 'quote-page-mobile-de', view: mobileDe, size: '390,1860' },
];

try {
  for (const { name, view, size } of shots) {
    const html = join(work, `${name}.html`);
    const png = join(outDir, `${name}.png`);
    writeFileSync(html, renderQuotePage(view));
    const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    try {
      execFileSync(
        chromium,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--hide-scrollbars',
          `--user-data-dir=${profile}`,
          `--window-size=${size}`,
          `--screenshot=${png}`,
          `file://${html}`,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
      );
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    console.log(`${png} (${Math.round(statSync(png).size / 1024)} KB)`);
  }
} finally {
  if (process.env.KEEP_HTML === undefined) rmSync(work, { recursive: true, force: true });
  else console.log(`HTML kept in ${work}`);
}
