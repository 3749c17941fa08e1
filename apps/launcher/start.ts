// `npm start`: transpile what changed (no type check: that is `npm test`'s), build the web app if
// its sources are newer than dist/web (apps/tools/build-web-if-stale.ts), then run the launcher
// in this same process. The script is `exec node ...`, so npm's shell is replaced and this process
// is npm's own child: the SIGINT or SIGTERM npm forwards reaches the launcher itself.
//
// Runs on Node's type stripping, so it imports nothing relative.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..', '..');
execFileSync(process.execPath, [join(root, 'apps', 'tools', 'transpile.ts')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'apps', 'tools', 'build-web-if-stale.ts')], { stdio: 'inherit' });
process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(root, 'dist', 'apps', 'launcher', 'main.js')).href);
