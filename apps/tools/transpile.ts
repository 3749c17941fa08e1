// The build `npm start` uses: swc strips the types of each source file whose output in dist/ is
// missing or older, so a warm start compiles nothing and a cold one takes seconds. It checks no
// types: `npm test` and `npm run build` run tsc for that, and tsc's output in dist/ is the same
// JavaScript (isolatedModules holds the sources to what a file-at-a-time compiler can emit).
// Decorators stay legacy with their metadata, as under jest, for Nest's dependency injection.
//
// Runs on Node's type stripping (`node apps/tools/transpile.ts`), so it imports nothing relative.
import { transformFile, type Options } from '@swc/core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');
/** What tsconfig.build.json leaves out of dist/. */
const SKIPPED = ['.spec.ts', '.test.ts', '.tool.ts', '.d.ts'];

const swcOptions: Options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};

function sources(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.') && entry.name !== '__pycache__') sources(path, found);
    } else if (entry.name.endsWith('.ts') && !SKIPPED.some((suffix) => entry.name.endsWith(suffix))) {
      found.push(path);
    }
  }
  return found;
}

function stale(source: string, output: string): boolean {
  try {
    return statSync(output).mtimeMs < statSync(source).mtimeMs;
  } catch {
    return true;
  }
}

async function compile(source: string, output: string): Promise<void> {
  const mapName = `${basename(output)}.map`;
  const { code, map } = await transformFile(source, { ...swcOptions, filename: source, sourceFileName: relative(dirname(output), source) });
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, `${code}\n//# sourceMappingURL=${mapName}\n`);
  if (map) writeFileSync(`${output}.map`, map);
}

const started = performance.now();
const { include } = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { include: string[] };
const roots = include.map((dir) => join(root, dir)).filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory());
const all = roots.flatMap((dir) => sources(dir));
const todo = all.map((source) => ({ source, output: join(dist, relative(root, source)).replace(/\.ts$/, '.js') })).filter(({ source, output }) => stale(source, output));
await Promise.all(todo.map(({ source, output }) => compile(source, output)));
execFileSync(process.execPath, [join(root, 'apps', 'tools', 'copy-assets.ts')], { stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`transpiled ${todo.length} of ${all.length} files in ${Math.round(performance.now() - started)} ms (types are checked by npm test)`);
