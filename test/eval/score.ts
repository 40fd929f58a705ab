// Field-level accuracy of interpretations against the labelled corpus.
// For each description, every field that is labelled or answered counts
// once: right when answered with the labelled value, wrong when missed,
// answered wrongly, or answered without being said (a spurious fill).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldConfig } from '../../server/pricing/service-schema.ts';
import { EVAL_SERVICES, type EvalService } from './eval-services.ts';
import type { Labelled } from './interpret-corpus.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every service the corpus names: the demo tenants' (`demo:<key>`) and the made-up ones. */
export function corpusServices(): Map<string, EvalService> {
  const services = new Map<string, EvalService>();
  for (const slug of ['brightside-painting', 'glanzwerk-reinigung', 'thames-valley-removals']) {
    const tenant = JSON.parse(readFileSync(join(ROOT, 'tenants', `${slug}.json`), 'utf8')) as { locale: string; services: { key: string; fields: FieldConfig[] }[] };
    for (const service of tenant.services) services.set(`demo:${service.key}`, { id: `demo:${service.key}`, locale: tenant.locale, fields: service.fields });
  }
  for (const service of EVAL_SERVICES) services.set(service.id, service);
  return services;
}

const same = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000') : a === b;

export interface Score {
  right: number;
  counted: number;
  /** Descriptions answered exactly (every field right, nothing spurious). */
  exact: number;
  descriptions: number;
  mistakes: Array<{ text: string; expected: Record<string, unknown>; answered: Record<string, unknown> }>;
}

export function emptyScore(): Score {
  return { right: 0, counted: 0, exact: 0, descriptions: 0, mistakes: [] };
}

export function scoreOne(score: Score, item: Labelled, answered: Record<string, unknown>): void {
  const keys = new Set([...Object.keys(item.expected), ...Object.keys(answered)]);
  let right = 0;
  for (const key of keys) if (key in item.expected && key in answered && same(item.expected[key], answered[key])) right++;
  score.right += right;
  score.counted += keys.size;
  score.descriptions++;
  if (right === keys.size) score.exact++;
  else score.mistakes.push({ text: item.text, expected: item.expected, answered });
}

export const accuracy = (score: Score): number => (score.counted === 0 ? 0 : score.right / score.counted);
