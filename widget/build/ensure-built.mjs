// `npm start` runs this first: on a fresh checkout dist/widget/ does not exist
// yet, and the demo pages and tenants' sites need /embed.js. Builds it (about a
// second) when it is missing and rollup is installed; otherwise says how.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
if (!existsSync(join(root, 'dist', 'widget', 'embed.js'))) {
  const rollup = join(root, 'node_modules', '.bin', 'rollup');
  if (existsSync(rollup)) {
    const { status } = spawnSync(rollup, ['-c', '--silent'], { cwd: root, stdio: 'inherit' });
    if (status !== 0) process.exit(status ?? 1);
  } else {
    console.warn('dist/widget/ is missing and rollup is not installed: the widget will answer 404 until `npm run build` has run.');
  }
}
