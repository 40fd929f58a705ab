// Tenant files for tests. Each call returns a fresh copy, so a test may change it freely.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { specExampleService } from '../../pricing/testing/services.ts';

/** The repository's folders, for tests that read the committed files. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const TENANTS_DIR = join(REPO_ROOT, 'tenants');
export const THEMES_DIR = join(REPO_ROOT, 'themes');

/** The tenant of api.md's example, with pricing.md's example service in it. */
export function exampleTenant(): Record<string, any> {
  return structuredClone({
    slug: 'brightside-painting',
    name: 'Brightside Painting',
    locale: 'en-US',
    currency: 'USD',
    timezone: 'America/Chicago',
    theme: { preset: 'daylight', tokens: { 'color-primary': '#0b6e4f' } },
    allowedOrigins: ['http://localhost:3000'],
    publishableKey: 'pk_test_brightside',
    services: [specExampleService()],
  });
}

/** A fresh folder holding the given files (name → JSON value, or text as is). */
export function folderWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'qm-tenants-'));
  for (const [name, content] of Object.entries(files)) {
    if (content === FOLDER) mkdirSync(join(dir, name));
    else writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** Put as a file's content in folderWith to make a folder of that name instead. */
export const FOLDER = Symbol('folder');
