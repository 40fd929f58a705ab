// The demo tenants' own websites (issue 4, "Demo"): what each business would
// publish on its homepage, in its own language. The page embeds the widget
// exactly as the business would, with the publishable key from its tenant file
// (test/api/demo.test.ts checks each key against tenants/*.json). Everything
// else the page shows of the tenant — name, theme, services — comes from the
// live tenant snapshot, so the demo follows the tenant files.
import { UnknownKeyError } from '../tenants/access-errors.ts';
import type { TenantDirectory } from '../tenants/tenant-directory.ts';
import type { TenantSnapshot } from '../tenants/tenant-snapshot.ts';

export interface DemoSite {
  slug: string;
  /** The key the business pastes into its site (its tenant file's publishableKey). */
  publishableKey: string;
  /** Language of the page (BCP 47). */
  lang: string;
  /** Two letters for the inline logo. */
  monogram: string;
  tagline: string;
  nav: { services: string; quote: string; reviews: string; contact: string };
  hero: { title: string; text: string; cta: string; facts: string[] };
  services: { heading: string; items: Array<{ title: string; text: string }> };
  quote: { heading: string; text: string; launcherNote: string; showLauncher: string; showInline: string };
  testimonials: { heading: string; items: Array<{ text: string; name: string; place: string }> };
  contact: { heading: string; text: string; phone: string; email: string; address: string[]; hours: string[]; labels: { phone: string; email: string; address: string; hours: string } };
  footer: string;
  demoNotice: string;
}

export const DEMO_SITES: readonly DemoSite[] = [
  {
    slug: 'brightside-painting',
    publishableKey: 'pk_test_brightside',
    lang: 'en-US',
    monogram: 'BP',
    tagline: 'Interior painting in Austin and the Hill Country since 2009',
    nav: { services: 'Services', quote: 'Instant quote', reviews: 'Reviews', contact: 'Contact' },
    hero: {
      title: 'Fresh walls, clean lines, zero mess.',
      text: 'Our crews prep, paint and tidy up in a day or two — furniture covered, floors protected, rooms back in order before we leave. Price your job in under a minute below.',
      cta: 'Get your price',
      facts: ['Licensed & insured', 'Low-VOC paints', '2-year workmanship warranty'],
    },
    services: {
      heading: 'What we do',
      items: [
        { title: 'Interior painting', text: 'Walls, trim and doors in any room, from a single nursery to a whole house. Colour consultations are free.' },
        { title: 'Ceilings', text: 'Flat, popcorn-free and evenly finished. We stain-block water marks first so they never bleed through.' },
        { title: 'Rush jobs', text: 'Moving in or listing your home? We can start within a week for a small surcharge.' },
      ],
    },
    quote: {
      heading: 'Your price, right now',
      text: 'Tell us how many rooms and how big they are — the price updates as you go. No phone call, no obligation.',
      launcherNote: 'Prefer a floating button? The same script with data-mode="launcher" opens the calculator in a dialog from any page:',
      showLauncher: 'See this page with the launcher',
      showInline: 'See this page without the launcher',
    },
    testimonials: {
      heading: 'What our neighbors say',
      items: [
        { text: 'They painted three bedrooms while we were at work and you would never know they had been there — except the walls look brand new.', name: 'Maria G.', place: 'Round Rock' },
        { text: 'The online price was exactly what we paid. No surprises, no upsell, and the crew was on time both days.', name: 'Derek & Sam', place: 'South Austin' },
        { text: 'Fixed the ceiling stain three other painters couldn’t. Highly recommend.', name: 'Priya N.', place: 'Cedar Park' },
      ],
    },
    contact: {
      heading: 'Get in touch',
      text: 'Questions before you book? Call or email — we answer within one business day.',
      phone: '(512) 555-0148',
      email: 'hello@brightside-painting.example',
      address: ['2208 E Cesar Chavez St', 'Austin, TX 78702'],
      hours: ['Mon–Fri 7 am – 6 pm', 'Sat 8 am – 1 pm'],
      labels: { phone: 'Phone', email: 'Email', address: 'Workshop', hours: 'Hours' },
    },
    footer: '© Brightside Painting LLC. All rights reserved.',
    demoNotice: 'Demo site of a fictional business, showing the Quote Master Pro widget.',
  },
  {
    slug: 'glanzwerk-reinigung',
    publishableKey: 'pk_test_glanzwerk',
    lang: 'de-DE',
    monogram: 'GW',
    tagline: 'Wohnungs- und Fensterreinigung in Leipzig und Umgebung',
    nav: { services: 'Leistungen', quote: 'Preisrechner', reviews: 'Bewertungen', contact: 'Kontakt' },
    hero: {
      title: 'Sauber bis in die Ecken. Pünktlich. Zum Festpreis.',
      text: 'Ob regelmäßige Unterhaltsreinigung, gründlicher Frühjahrsputz oder die Endreinigung vor der Wohnungsübergabe: Unser festes Team bringt alles mit, was es braucht. Ihren Preis sehen Sie sofort.',
      cta: 'Preis berechnen',
      facts: ['Versichert bis 5 Mio. €', 'Umweltfreundliche Reinigungsmittel', 'Abnahmegarantie bei Endreinigung'],
    },
    services: {
      heading: 'Unsere Leistungen',
      items: [
        { title: 'Unterhaltsreinigung', text: 'Wöchentlich oder alle zwei Wochen: Böden, Bad, Küche und Staubwischen — immer vom selben Team.' },
        { title: 'Grundreinigung', text: 'Der große Putz: Schränke innen und außen, Fliesenfugen, Heizkörper, Türen und Rahmen.' },
        { title: 'Endreinigung beim Auszug', text: 'Übergabefertig nach Vermieterstandard. Bemängelt der Vermieter etwas, kommen wir kostenlos wieder.' },
      ],
    },
    quote: {
      heading: 'Ihr Preis in einer Minute',
      text: 'Wohnfläche und Reinigungsart wählen — der Preis inklusive 19 % MwSt. erscheint sofort. Unverbindlich und ohne Anruf.',
      launcherNote: 'Lieber als schwebende Schaltfläche? Dasselbe Skript mit data-mode="launcher" öffnet den Rechner auf jeder Seite in einem Dialog:',
      showLauncher: 'Diese Seite mit Schaltfläche ansehen',
      showInline: 'Diese Seite ohne Schaltfläche ansehen',
    },
    testimonials: {
      heading: 'Das sagen unsere Kundinnen und Kunden',
      items: [
        { text: 'Die Endreinigung war so gründlich, dass unser Vermieter bei der Übergabe nichts zu beanstanden hatte. Kaution komplett zurück!', name: 'Jana K.', place: 'Leipzig-Gohlis' },
        { text: 'Seit einem Jahr kommt jeden zweiten Freitag dasselbe Team. Zuverlässig, freundlich und der Preis stand vorher fest.', name: 'Familie Okonkwo', place: 'Markkleeberg' },
        { text: 'Fenster und Backofen gleich mitbestellt — der Online-Preis hat auf den Cent gestimmt.', name: 'Thomas R.', place: 'Leipzig-Plagwitz' },
      ],
    },
    contact: {
      heading: 'Kontakt',
      text: 'Fragen zu Ihrem Auftrag? Rufen Sie uns an oder schreiben Sie uns — wir melden uns innerhalb eines Werktags.',
      phone: '0341 555 0173',
      email: 'service@glanzwerk-reinigung.example',
      address: ['Karl-Heine-Straße 42', '04229 Leipzig'],
      hours: ['Mo–Fr 8–18 Uhr', 'Sa 9–14 Uhr'],
      labels: { phone: 'Telefon', email: 'E-Mail', address: 'Adresse', hours: 'Erreichbarkeit' },
    },
    footer: '© Glanzwerk Reinigung GmbH · Impressum · Datenschutz',
    demoNotice: 'Demo-Website eines erfundenen Unternehmens, die das Quote-Master-Pro-Widget zeigt.',
  },
  {
    slug: 'thames-valley-removals',
    publishableKey: 'pk_test_thamesvalley',
    lang: 'en-GB',
    monogram: 'TV',
    tagline: 'House and flat removals across Berkshire, Oxfordshire and beyond',
    nav: { services: 'Services', quote: 'Instant quote', reviews: 'Reviews', contact: 'Contact' },
    hero: {
      title: 'Moving home, minus the heavy lifting.',
      text: 'From a studio flat in Reading to a five-bedroom house in Henley, our uniformed crews wrap, carry and deliver with care. Work out the cost of your move in a minute — VAT included.',
      cta: 'Price my move',
      facts: ['BAR member', 'Goods-in-transit cover to £50,000', 'Fixed prices, no hourly surprises'],
    },
    services: {
      heading: 'How we can help',
      items: [
        { title: 'House removals', text: 'A crew and a Luton or 7.5-tonne van, sized to your home. Local or long distance, any day of the week.' },
        { title: 'Packing service', text: 'We bring the boxes, tape and paper, and pack the day before so you can get on with everything else.' },
        { title: 'Stairs and awkward access', text: 'Fourth-floor walk-up? Narrow Victorian staircase? We plan for it and price it upfront.' },
      ],
    },
    quote: {
      heading: 'What will my move cost?',
      text: 'Tell us roughly how much you are moving and how far. Your estimate updates as you go, with a likely range.',
      launcherNote: 'Rather have a floating button? The same script with data-mode="launcher" opens the calculator in a dialog from any page:',
      showLauncher: 'See this page with the launcher',
      showInline: 'See this page without the launcher',
    },
    testimonials: {
      heading: 'Kind words from our customers',
      items: [
        { text: 'Three flights of stairs and a piano — not a scratch on anything. The lads were brilliant from start to finish.', name: 'Eleanor W.', place: 'Caversham' },
        { text: 'The estimate on the website was spot on, and they kept us updated all day. Worth every penny.', name: 'Raj & Sophie', place: 'Maidenhead' },
        { text: 'Packed our whole house in a day and unpacked the kitchen before they left. Cannot recommend them enough.', name: 'Mrs J. Hughes', place: 'Wallingford' },
      ],
    },
    contact: {
      heading: 'Talk to us',
      text: 'Want a survey or have a tricky move? Give us a ring or drop us an email and we will get back to you the same day.',
      phone: '0118 496 0321',
      email: 'moves@thames-valley-removals.example',
      address: ['Unit 7, Kennet Side', 'Reading RG1 3DW'],
      hours: ['Mon–Fri 8 am – 6 pm', 'Sat 9 am – 4 pm'],
      labels: { phone: 'Phone', email: 'Email', address: 'Depot', hours: 'Opening hours' },
    },
    footer: '© Thames Valley Removals Ltd. Registered in England and Wales.',
    demoNotice: 'Demo site of a fictional business, showing the Quote Master Pro widget.',
  },
];

/** The demo site of `slug`, if there is one. */
export function demoSite(slug: string): DemoSite | undefined {
  return DEMO_SITES.find((site) => site.slug === slug);
}

/** The seeded tenant behind a demo site, or undefined when this server has not seeded it (another TENANTS_DIR). */
export async function demoTenant(tenants: TenantDirectory, site: DemoSite): Promise<TenantSnapshot | undefined> {
  try {
    const tenant = await tenants.byPublishableKey(site.publishableKey);
    return tenant.slug === site.slug ? tenant : undefined;
  } catch (error) {
    if (error instanceof UnknownKeyError) return undefined;
    throw error;
  }
}

/** The demo sites whose tenants this server has seeded, with their tenants, in order. */
export async function seededDemoSites(tenants: TenantDirectory): Promise<Array<{ site: DemoSite; tenant: TenantSnapshot }>> {
  const seeded = [];
  for (const site of DEMO_SITES) {
    const tenant = await demoTenant(tenants, site);
    if (tenant) seeded.push({ site, tenant });
  }
  return seeded;
}
