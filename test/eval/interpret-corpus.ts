// A labelled corpus of job descriptions as visitors write them (English and
// German; typos, chatter, corrections, vague amounts), each with the field
// values a person reading it would fill in, and nothing else: a field the
// text does not speak to is not labelled, and filling it counts as a mistake.
// Written from how people describe jobs, not from what the local reader
// knows; `npm run eval:interpret` scores every provider path on it.

export interface Labelled {
  service: string;
  text: string;
  expected: Record<string, unknown>;
}

const P = 'demo:interior-painting';
const C = 'demo:wohnungsreinigung';
const R = 'demo:house-removal';
const V = 'demo:man-and-van';
const G = 'test:garden-care';
const K = 'test:carpet-cleaning';
const M = 'test:malerarbeiten';

export const CORPUS: readonly Labelled[] = [
  // Interior painting (en-US): rooms, size, ceilings, timing
  { service: P, text: 'Hi, I need 3 bedrooms painted, ceilings too. No rush.', expected: { rooms: 3, ceilings: true, timing: 'flexible' } },
  { service: P, text: 'two small rooms, walls only, sometime next month is fine', expected: { rooms: 2, size: 'small' } },
  { service: P, text: 'Looking to get our living room repainted asap, it is quite big', expected: { rooms: 1, size: 'large', timing: 'rush' } },
  { service: P, text: 'We have 4 rooms of average size. Please include the ceilings.', expected: { rooms: 4, size: 'medium', ceilings: true } },
  { service: P, text: 'just one tiny box room for the baby, whenever suits you', expected: { rooms: 1, size: 'small', timing: 'flexible' } },
  { service: P, text: '5 huge rooms, no ceilings, needs to be done this week', expected: { rooms: 5, size: 'large', ceilings: false, timing: 'rush' } },
  { service: P, text: 'Could you quote for painting six bedrooms? Regular size.', expected: { rooms: 6, size: 'medium' } },
  { service: P, text: 'a couple of rooms need a fresh coat, not urgent', expected: { rooms: 2, timing: 'flexible' } },
  { service: P, text: 'Need the whole upstairs done - 3 bedrooms and the ceilings. Urgent please, moving in Friday!', expected: { rooms: 3, ceilings: true, timing: 'rush' } },
  { service: P, text: 'Kitchen and dining room, both pretty spacious', expected: { rooms: 2, size: 'large' } },
  { service: P, text: 'rooms: 8, size: small, ceilings: yes', expected: { rooms: 8, size: 'small', ceilings: true } },
  { service: P, text: 'I would like 2 rooms painted. Actually make that 3.', expected: { rooms: 3 } },
  { service: P, text: 'ten rooms in an office, leave the ceilings as they are', expected: { rooms: 10, ceilings: false } },
  { service: P, text: 'Hallway plus a small bedroom, any time in the next few months', expected: { rooms: 2, size: 'small', timing: 'flexible' } },
  { service: P, text: 'Painting 12 rooms in a rental before new tenants arrive as soon as possible', expected: { rooms: 12, timing: 'rush' } },
  { service: P, text: 'One big room with high ceilings that also need painting', expected: { rooms: 1, size: 'large', ceilings: true } },
  { service: P, text: 'Hey! 2 normal sized bedrooms, we are flexible on dates', expected: { rooms: 2, size: 'medium', timing: 'flexible' } },
  { service: P, text: 'How much for painting a room?', expected: { rooms: 1 } },
  { service: P, text: 'Three rooms, large, with ceilings, flexible timing', expected: { rooms: 3, size: 'large', ceilings: true, timing: 'flexible' } },
  { service: P, text: 'I want my bedroom painted. Its a little one.', expected: { rooms: 1, size: 'small' } },
  { service: P, text: 'We need 7 rooms done urgently', expected: { rooms: 7, timing: 'rush' } },

  // Wohnungsreinigung (de-DE): flaeche m², art, fenster, backofen, haustiere, termin
  { service: C, text: 'Hallo, wir brauchen eine Endreinigung für unsere 75 qm Wohnung, mit Backofen.', expected: { flaeche: 75, art: 'endreinigung', backofen: true } },
  { service: C, text: 'Regelmäßige Reinigung, 60 m², keine Haustiere, unter der Woche', expected: { flaeche: 60, art: 'unterhalt', haustiere: false, termin: 'werktag' } },
  { service: C, text: 'Grundreinigung einer 3-Zimmer-Wohnung mit ca. 85 Quadratmetern, 8 Fenster bitte auch putzen', expected: { flaeche: 85, art: 'grund', fenster: 8 } },
  { service: C, text: 'Wir haben einen Hund und eine Katze, Wohnung ist 110 qm groß, am liebsten samstags', expected: { flaeche: 110, haustiere: true, termin: 'samstag' } },
  { service: C, text: 'Auszugsreinigung 52qm inkl. Fenster (6 Stück) und Ofen', expected: { flaeche: 52, art: 'endreinigung', fenster: 6, backofen: true } },
  { service: C, text: 'Frühjahrsputz für 140 Quadratmeter, Backofen nicht nötig', expected: { flaeche: 140, art: 'grund', backofen: false } },
  { service: C, text: 'Suche eine Putzhilfe, wöchentlich, Wohnung ca. 45 m2', expected: { flaeche: 45, art: 'unterhalt' } },
  { service: C, text: 'Wohnungsübergabe nächste Woche, 2 Zimmer, 58 qm, keine Fenster', expected: { flaeche: 58, art: 'endreinigung', fenster: 0 } },
  { service: C, text: 'Bitte einmal gründlich durchputzen, zwölf Fenster, Katze im Haushalt', expected: { art: 'grund', fenster: 12, haustiere: true } },
  { service: C, text: 'End of tenancy clean for a 70 square metre flat, oven included, weekend preferred', expected: { flaeche: 70, art: 'endreinigung', backofen: true, termin: 'samstag' } },
  { service: C, text: 'regular cleaning, flat size 65 m², we have a dog', expected: { flaeche: 65, art: 'unterhalt', haustiere: true } },
  { service: C, text: 'Deep clean please, 90 sqm, 10 windows, during the week', expected: { flaeche: 90, art: 'grund', fenster: 10, termin: 'werktag' } },
  { service: C, text: 'Reinigung am Samstag möglich? Fläche 120 m²', expected: { flaeche: 120, termin: 'samstag' } },
  { service: C, text: 'Unsere Wohnung hat 95 qm, Unterhaltsreinigung, ohne Fensterputzen', expected: { flaeche: 95, art: 'unterhalt', fenster: 0 } },
  { service: C, text: 'Nach dem Umzug muss die alte Wohnung (64 m²) besenrein und sauber übergeben werden. Backofen bitte auch.', expected: { flaeche: 64, art: 'endreinigung', backofen: true } },
  { service: C, text: 'Wie teuer ist eine normale Reinigung für 40 qm ohne Haustiere?', expected: { flaeche: 40, art: 'unterhalt', haustiere: false } },
  { service: C, text: 'vier Fenster und der Herd, Wohnung 55 qm, werktags', expected: { flaeche: 55, fenster: 4, backofen: true, termin: 'werktag' } },
  { service: C, text: 'Tiefenreinigung, 200 Quadratmeter Haus, 20 Fenster, 2 Katzen', expected: { flaeche: 200, art: 'grund', fenster: 20, haustiere: true } },
  { service: C, text: 'Grundreinigung 70 qm, Backofen und 5 Fenster, Samstag', expected: { flaeche: 70, art: 'grund', backofen: true, fenster: 5, termin: 'samstag' } },
  { service: C, text: 'Putzhilfe gesucht für 80 m² Wohnung, einmal pro Woche, wir haben eine Katze', expected: { flaeche: 80, art: 'unterhalt', haustiere: true } },
  { service: C, text: 'Bitte keine Fenster, aber den Backofen: Endreinigung, 48 qm', expected: { fenster: 0, backofen: true, art: 'endreinigung', flaeche: 48 } },

  // House removal (en-GB): volume m³, distance, distanceUnit, floorsFrom, floorsTo, packing, day
  { service: R, text: 'Moving a 3 bed house about 25 miles, we need packing too', expected: { distance: 25, distanceUnit: 'mi', packing: true } },
  { service: R, text: 'Roughly 30 cubic metres of stuff, 12 miles, from a 2nd floor flat with no lift to a ground floor house', expected: { volume: 30, distance: 12, distanceUnit: 'mi', floorsFrom: 2, floorsTo: 0 } },
  { service: R, text: 'Need to move 45 m3 on a Saturday, 80 km away', expected: { volume: 45, day: 'weekend', distance: 80, distanceUnit: 'km' } },
  { service: R, text: 'Small move, maybe 10 cbm, 5 miles, weekday', expected: { volume: 10, distance: 5, distanceUnit: 'mi', day: 'weekday' } },
  { service: R, text: 'We are moving out of a top floor flat (4th floor, no lift) into a house 150 miles away. About 35 cubic meters.', expected: { floorsFrom: 4, distance: 150, distanceUnit: 'mi', volume: 35 } },
  { service: R, text: 'Please quote for packing everything, volume 20 m³, distance 15 km, Sunday', expected: { packing: true, volume: 20, distance: 15, distanceUnit: 'km', day: 'weekend' } },
  { service: R, text: 'one bedroom flat, 3rd floor walk-up, moving 40 miles to another 3rd floor walk-up', expected: { floorsFrom: 3, floorsTo: 3, distance: 40, distanceUnit: 'mi' } },
  { service: R, text: 'Moving across town, 8 miles, we will pack ourselves', expected: { distance: 8, distanceUnit: 'mi', packing: false } },
  { service: R, text: 'Approx 60 cubic metres, 200 km, midweek, ground floor both ends', expected: { volume: 60, distance: 200, distanceUnit: 'km', day: 'weekday', floorsFrom: 0, floorsTo: 0 } },
  { service: R, text: 'How much to move 15m3 twenty miles on a weekend?', expected: { volume: 15, distance: 20, distanceUnit: 'mi', day: 'weekend' } },
  { service: R, text: 'Moving from London to Manchester (about 200 miles). Boxes and wrapping needed.', expected: { distance: 200, distanceUnit: 'mi', packing: true } },
  { service: R, text: 'We live on the 1st floor with no lift, new place is on the 2nd floor, 30 km', expected: { floorsFrom: 1, floorsTo: 2, distance: 30, distanceUnit: 'km' } },
  { service: R, text: 'Student move, about 5 cubic metres, 3 miles', expected: { volume: 5, distance: 3, distanceUnit: 'mi' } },
  { service: R, text: 'Family home move, 55 m3, 45 miles, no packing needed, Saturday if possible', expected: { volume: 55, distance: 45, distanceUnit: 'mi', packing: false, day: 'weekend' } },
  { service: R, text: 'distance 100 km, volume 25, weekday please', expected: { distance: 100, distanceUnit: 'km', volume: 25, day: 'weekday' } },
  { service: R, text: 'Moving my flat. 2 flights of stairs at collection, lift at the new place. 12 miles.', expected: { floorsFrom: 2, floorsTo: 0, distance: 12, distanceUnit: 'mi' } },
  { service: R, text: 'I need packers for a 40 cubic metre move of 60 kilometres', expected: { packing: true, volume: 40, distance: 60, distanceUnit: 'km' } },
  { service: R, text: 'Just a few bits, 7.5 m³, moving 2 miles on Sunday', expected: { volume: 7.5, distance: 2, distanceUnit: 'mi', day: 'weekend' } },
  { service: R, text: 'Relocating 90 miles, 5th floor flat without a lift, about 30 cubic metres, pack everything please', expected: { distance: 90, distanceUnit: 'mi', floorsFrom: 5, volume: 30, packing: true } },
  { service: R, text: 'Moving house on a weekday, 18 miles', expected: { day: 'weekday', distance: 18, distanceUnit: 'mi' } },
  { service: R, text: 'Moving 22 km with about 18 cubic metres, 1st floor to 4th floor, both without a lift', expected: { distance: 22, distanceUnit: 'km', volume: 18, floorsFrom: 1, floorsTo: 4 } },
  { service: R, text: 'We need help packing and moving a 2 bed flat 35 miles on a Sunday', expected: { packing: true, distance: 35, distanceUnit: 'mi', day: 'weekend' } },

  // Man and van (en-GB): hours, helpers
  { service: V, text: 'Need a man and van for 3 hours with one extra helper', expected: { hours: 3, helpers: 1 } },
  { service: V, text: 'about four hours, two porters please', expected: { hours: 4, helpers: 2 } },
  { service: V, text: 'Just 2 hrs, no helpers needed, I can lift myself', expected: { hours: 2, helpers: 0 } },
  { service: V, text: 'Collecting a sofa, probably takes 2 hours', expected: { hours: 2 } },
  { service: V, text: 'Full day job, 8 hours, 3 helpers', expected: { hours: 8, helpers: 3 } },
  { service: V, text: 'I need a van and a helper for a couple of hours', expected: { hours: 2, helpers: 1 } },
  { service: V, text: 'Moving a bedsit, should take 5 hours', expected: { hours: 5 } },
  { service: V, text: 'Can I book 6 hours with two helpers on Saturday?', expected: { hours: 6, helpers: 2 } },
  { service: V, text: 'three hours, no extra helper', expected: { hours: 3, helpers: 0 } },
  { service: V, text: 'How much for ten hours?', expected: { hours: 10 } },
  { service: V, text: 'Need a van for 4 hours', expected: { hours: 4 } },

  // Garden care (test-only, en-GB): lawn m², hedge m, waste, visits, extras
  { service: G, text: 'Lawn of about 200 square metres needs mowing every two weeks', expected: { lawn: 200, visits: 'fortnightly' } },
  { service: G, text: 'One-off tidy: 30 metres of hedge to cut, please take the cuttings away', expected: { visits: 'once', hedge: 30, waste: true } },
  { service: G, text: 'Monthly visits, lawn is 150 m2, plus weeding', expected: { visits: 'monthly', lawn: 150, extras: ['weeding'] } },
  { service: G, text: 'Could you clear the leaves and jet wash the patio? Just once.', expected: { extras: ['leaves', 'patio'], visits: 'once' } },
  { service: G, text: 'We have a 10 x 12 m lawn and a 15 m hedge. Fortnightly please, take the green waste.', expected: { lawn: 120, hedge: 15, visits: 'fortnightly', waste: true } },
  { service: G, text: 'grass cutting once a month, about 80 sqm, no need to take clippings away', expected: { visits: 'monthly', lawn: 80, waste: false } },
  { service: G, text: 'Hedges: roughly 40m. Weeds everywhere too.', expected: { hedge: 40, extras: ['weeding'] } },
  { service: G, text: 'Big lawn, 500 square meters, every other week, plus leaf clearing in autumn', expected: { lawn: 500, visits: 'fortnightly', extras: ['leaves'] } },
  { service: G, text: 'Single visit to pressure wash the patio and do some weeding', expected: { visits: 'once', extras: ['patio', 'weeding'] } },
  { service: G, text: 'Lawn 60m2, hedge 8m, monthly, I will compost the clippings myself', expected: { lawn: 60, hedge: 8, visits: 'monthly', waste: false } },
  { service: G, text: 'Need someone to mow a small lawn (about 25 square metres) every month', expected: { lawn: 25, visits: 'monthly' } },
  { service: G, text: 'Just the hedge please, 20 metres, one time', expected: { hedge: 20, visits: 'once' } },
  { service: G, text: 'Front and back garden lawns total 300 m², fortnightly, with garden waste removal', expected: { lawn: 300, visits: 'fortnightly', waste: true } },
  { service: G, text: 'Leaves, weeds and the patio all need doing, one off job', expected: { extras: ['leaves', 'weeding', 'patio'], visits: 'once' } },
  { service: G, text: 'No hedges, just 90 sq m of grass once a month', expected: { hedge: 0, lawn: 90, visits: 'monthly' } },
  { service: G, text: 'lawn approx 1000 sq ft, every two weeks', expected: { lawn: 93, visits: 'fortnightly' } },

  // Carpet cleaning (test-only, en-US): rooms, stairs, stains, pets, fibre
  { service: K, text: 'Three bedrooms and the stairs (14 steps). We have a dog so some odor treatment please.', expected: { rooms: 3, stairs: 14, pets: true } },
  { service: K, text: '2 rooms, wool carpet, a red wine spill in one of them', expected: { rooms: 2, fibre: 'wool', stains: true } },
  { service: K, text: 'Living room only, synthetic carpet, no pets', expected: { rooms: 1, fibre: 'synthetic', pets: false } },
  { service: K, text: 'Need 5 rooms cleaned before we move out, some stains', expected: { rooms: 5, stains: true } },
  { service: K, text: 'staircase with 12 steps plus the landing and two bedrooms', expected: { stairs: 12, rooms: 2 } },
  { service: K, text: 'four rooms of nylon carpet, cat smell in one', expected: { rooms: 4, fibre: 'synthetic', pets: true } },
  { service: K, text: 'One room, natural fibre rug, no stains', expected: { rooms: 1, fibre: 'wool', stains: false } },
  { service: K, text: 'Whole house: 6 bedrooms, 16 stairs, 2 dogs, lots of spots', expected: { rooms: 6, stairs: 16, pets: true, stains: true } },
  { service: K, text: 'Can you clean a single bedroom carpet this week?', expected: { rooms: 1 } },
  { service: K, text: 'We need carpets cleaned in 3 rooms. Woolen carpets. No pets, no stains, just a refresh.', expected: { rooms: 3, fibre: 'wool', pets: false, stains: false } },
  { service: K, text: 'polyester carpet in 2 bedrooms and the stairs, around 13 steps', expected: { fibre: 'synthetic', rooms: 2, stairs: 13 } },
  { service: K, text: 'a couple of rooms with pet stains', expected: { rooms: 2, pets: true, stains: true } },
  { service: K, text: 'Only the stairs, 15 steps', expected: { stairs: 15 } },
  { service: K, text: 'three rooms, wool, pet odor', expected: { rooms: 3, fibre: 'wool', pets: true } },
  { service: K, text: 'Eight rooms in an office, synthetic carpet tiles', expected: { rooms: 8, fibre: 'synthetic' } },
  { service: K, text: 'rooms: 2, stairs: 0, pets: yes', expected: { rooms: 2, stairs: 0, pets: true } },
  { service: K, text: 'Hi, moving out, need the carpets in my 2 bedrooms done, coffee stains in one of them', expected: { rooms: 2, stains: true } },

  // Malerarbeiten (test-only, de-DE): wandflaeche m², raeume, decke, farbe, abdecken
  { service: M, text: 'Wir möchten 3 Zimmer streichen lassen, ca. 120 qm Wandfläche, Decken auch, alles weiß.', expected: { raeume: 3, wandflaeche: 120, decke: true, farbe: 'weiss' } },
  { service: M, text: 'Ein Raum mit einer Akzentwand, 35 m² Wände, Möbel bitte abdecken', expected: { raeume: 1, farbe: 'farbig', wandflaeche: 35, abdecken: true } },
  { service: M, text: 'Zwei Zimmer, ohne Decke, Wandfläche etwa 80 Quadratmeter', expected: { raeume: 2, decke: false, wandflaeche: 80 } },
  { service: M, text: 'Bitte Angebot für 200 qm Wände in weiß, 6 Räume, Möbel rücken nicht nötig', expected: { wandflaeche: 200, farbe: 'weiss', raeume: 6, abdecken: false } },
  { service: M, text: 'Kinderzimmer bunt streichen, ungefähr 40 m²', expected: { farbe: 'farbig', wandflaeche: 40 } },
  { service: M, text: 'vier Räume und die Decken, 150 Quadratmeter Wandfläche', expected: { raeume: 4, decke: true, wandflaeche: 150 } },
  { service: M, text: 'Wohnzimmer, 50 qm Wände, hell, die Möbel stehen noch drin', expected: { raeume: 1, wandflaeche: 50, farbe: 'weiss', abdecken: true } },
  { service: M, text: 'Renovierung: 5 Zimmer, ca. 180 m² Wandfläche, Decken streichen, farbige Wände im Flur', expected: { raeume: 5, wandflaeche: 180, decke: true, farbe: 'farbig' } },
  { service: M, text: 'Nur die Decke im Bad streichen', expected: { decke: true, raeume: 1 } },
  { service: M, text: 'We need 2 rooms painted white, about 70 m² of walls', expected: { raeume: 2, farbe: 'weiss', wandflaeche: 70 } },
  { service: M, text: 'Drei Zimmer, weiße Wände, Decken nicht, ungefähr 100 qm', expected: { raeume: 3, farbe: 'weiss', decke: false, wandflaeche: 100 } },
  { service: M, text: 'Ein Zimmer, 25 qm, Möbel abdecken bitte', expected: { raeume: 1, wandflaeche: 25, abdecken: true } },
  { service: M, text: 'Treppenhaus streichen, Wandfläche 90 Quadratmeter, weiß', expected: { wandflaeche: 90, farbe: 'weiss' } },
  { service: M, text: 'acht Räume im Büro, 300 qm Wände, Decken auch, Möbel rücken', expected: { raeume: 8, wandflaeche: 300, decke: true, abdecken: true } },
  { service: M, text: 'Schlafzimmer mit farbiger Wand hinter dem Bett, 30 m²', expected: { farbe: 'farbig', wandflaeche: 30 } },
  { service: M, text: 'Wie viel kostet es, 2 Zimmer mit insgesamt 60 qm zu streichen?', expected: { raeume: 2, wandflaeche: 60 } },
];
