// `npm run openapi:admin`: merges the admin API's part (admin-document.ts) into docs/openapi.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withAdminPart } from './admin-document.ts';

const file = join(import.meta.dirname, '..', '..', 'docs', 'openapi.json');
writeFileSync(file, `${JSON.stringify(withAdminPart(JSON.parse(readFileSync(file, 'utf8'))), null, 2)}\n`);
process.stdout.write('wrote docs/openapi.json\n');
