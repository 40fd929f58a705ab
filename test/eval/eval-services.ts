// Services made up for the evaluation only (not demo tenants): other trades,
// other field shapes (a multiselect, a length in metres, German labels), so
// the corpus does not only measure the three demo services.
import type { FieldConfig } from '../../server/pricing/service-schema.ts';

export interface EvalService {
  id: string;
  locale: string;
  fields: FieldConfig[];
}

export const GARDEN: EvalService = {
  id: 'test:garden-care',
  locale: 'en-GB',
  fields: [
    { key: 'lawn', type: 'area', label: 'Lawn area', unit: 'm2', min: 1, max: 5000, step: 1, default: 50, aliases: ['lawn', 'grass', 'mowing'] },
    { key: 'hedge', type: 'number', label: 'Hedge length', unit: 'm', min: 0, max: 500, step: 1, default: 0, aliases: ['hedge', 'hedges', 'hedging'] },
    { key: 'waste', type: 'boolean', label: 'Take away green waste', default: false, aliases: ['green waste', 'clippings', 'cuttings', 'take it away', 'garden waste'] },
    {
      key: 'visits', type: 'select', label: 'How often', default: 'once',
      options: [
        { value: 'once', label: 'One-off', aliases: ['one off', 'just once', 'single visit', 'one time'] },
        { value: 'fortnightly', label: 'Every two weeks', aliases: ['fortnightly', 'every other week'] },
        { value: 'monthly', label: 'Monthly', aliases: ['once a month', 'every month'] },
      ],
    },
    {
      key: 'extras', type: 'multiselect', label: 'Extras', default: [],
      options: [
        { value: 'weeding', label: 'Weeding', aliases: ['weeds', 'weed'] },
        { value: 'leaves', label: 'Leaf clearing', aliases: ['leaves', 'leaf'] },
        { value: 'patio', label: 'Patio cleaning', aliases: ['patio', 'pressure wash', 'jet wash'] },
      ],
    },
  ],
};

export const CARPET: EvalService = {
  id: 'test:carpet-cleaning',
  locale: 'en-US',
  fields: [
    { key: 'rooms', type: 'number', label: 'Rooms', min: 1, max: 20, step: 1, default: 1, required: true, aliases: ['room', 'rooms', 'bedroom', 'bedrooms'] },
    { key: 'stairs', type: 'number', label: 'Stairs (steps)', min: 0, max: 40, step: 1, default: 0, aliases: ['stairs', 'steps', 'staircase'] },
    { key: 'stains', type: 'boolean', label: 'Stain treatment', default: false, aliases: ['stain', 'stains', 'spots', 'spill'] },
    { key: 'pets', type: 'boolean', label: 'Pet odor treatment', default: false, aliases: ['pet', 'pets', 'dog', 'cat', 'odor', 'smell'] },
    {
      key: 'fibre', type: 'select', label: 'Carpet type', default: 'synthetic',
      options: [
        { value: 'synthetic', label: 'Synthetic', aliases: ['nylon', 'polyester'] },
        { value: 'wool', label: 'Wool', aliases: ['woollen', 'woolen', 'natural fibre'] },
      ],
    },
  ],
};

export const MALER: EvalService = {
  id: 'test:malerarbeiten',
  locale: 'de-DE',
  fields: [
    { key: 'wandflaeche', type: 'area', label: 'Wandfläche', unit: 'm2', min: 5, max: 2000, step: 1, required: true, aliases: ['Wände', 'Wandfläche', 'qm', 'Quadratmeter', 'm²'] },
    { key: 'raeume', type: 'number', label: 'Räume', min: 1, max: 30, step: 1, default: 1, aliases: ['Raum', 'Räume', 'Zimmer'] },
    { key: 'decke', type: 'boolean', label: 'Decken streichen', default: false, aliases: ['Decke', 'Decken'] },
    {
      key: 'farbe', type: 'select', label: 'Farbton', default: 'weiss',
      options: [
        { value: 'weiss', label: 'Weiß', aliases: ['weiss', 'hell', 'Raufaser weiß'] },
        { value: 'farbig', label: 'Farbig', aliases: ['bunt', 'Akzentwand', 'farbige'] },
      ],
    },
    { key: 'abdecken', type: 'boolean', label: 'Möbel abdecken und rücken', default: false, aliases: ['Möbel', 'abdecken', 'Möbel rücken'] },
  ],
};

export const EVAL_SERVICES: readonly EvalService[] = [GARDEN, CARPET, MALER];
