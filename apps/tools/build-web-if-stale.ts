// `npm start` serves the web app from dist/web, which `npm run build` writes: on a fresh clone
// (`npm install && npm start`) or after an edit to apps/web, nothing would have built it, and / would
// answer 404. So start builds it first when it is missing or older than any of its sources, with
// the same Vite build `npm run build` runs (about half a minute on 2 cores); a warm start skips it.
//
// Runs on Node's type stripping (`node apps/tools/build-web-if-stale.ts`), so it imports nothing relative.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const web = join(root, 'apps', 'web');
const built = join(root, 'dist', 'web', 'index.html');

/** The newest modification time among the web app's sources (its tests and browser tests aside). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'e2e') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(built) || statSync(built).mtimeMs < newestSource(web)) {
  console.error('building the web app (apps/web -> dist/web)...');
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
