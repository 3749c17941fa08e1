// Where the worker finds the workflow code: the TypeScript sources under jest, the compiled
// JavaScript in production. A worker started from dist/ reuses the webpack bundle an earlier start
// made of the same build (seconds of every start otherwise): it is keyed by a hash of every
// compiled file and the SDK's version, so any change to the code makes a new one, built with the
// very options Worker.create would use.
import { bundleWorkflowCode, type WorkflowBundlePath } from '@temporalio/worker';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../shared/logger.js';
import { failureConverterPath } from '../shared/temporal/data-converter.js';

export function workflowsPath(): string {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return fileURLToPath(new URL(`../../workflows/index.${ext}`, import.meta.url));
}

const CACHE_DIR = '.workflow-bundles';

/** The cached bundle of this build, made first if need be; undefined under jest (sources, not a build). */
export async function cachedWorkflowBundle(log: Logger): Promise<WorkflowBundlePath | undefined> {
  if (import.meta.url.endsWith('.ts')) return undefined;
  const dist = fileURLToPath(new URL('../../', import.meta.url));
  const dir = join(dist, CACHE_DIR);
  const codePath = join(dir, `${buildHash(dist)}.js`);
  if (existsSync(codePath)) return { codePath };
  const started = performance.now();
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsPath(), failureConverterPath: failureConverterPath(), workflowInterceptorModules: [] });
  mkdirSync(dir, { recursive: true });
  // Whole or not at all (a worker killed mid-write must not leave half a bundle to be reused),
  // and each process its own file, since two workers may start at once.
  const tmp = `${codePath}.${process.pid}.tmp`;
  writeFileSync(tmp, code);
  renameSync(tmp, codePath);
  for (const old of readdirSync(dir)) if (join(dir, old) !== codePath && old.endsWith('.js')) rmSync(join(dir, old), { force: true });
  log.info({ ms: Math.round(performance.now() - started) }, 'workflow bundle built for this build and cached');
  return { codePath };
}

function buildHash(dist: string): string {
  const hash = createHash('sha256');
  hash.update((createRequire(import.meta.url)('@temporalio/worker/package.json') as { version: string }).version);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== CACHE_DIR) walk(path);
      } else if (entry.name.endsWith('.js') || entry.name.endsWith('.json')) {
        hash.update(path).update(readFileSync(path));
      }
    }
  };
  walk(dist);
  return hash.digest('hex').slice(0, 24);
}
