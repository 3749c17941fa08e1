// `npm run models:train -- --data FILE.csv --target COLUMN --positive VALUE --out DIR [...]`
//
// Training is Python (scikit-learn, LightGBM, ONNX export in models/training); serving is not.
// This front door gives the data scientist one command: it installs the pinned training
// packages into .credence/tools/models-venv the first time (again only when
// requirements.txt changes), resolves paths against the directory npm was run from, and
// hands over to `python -m credence_models.train`, whose progress and metrics stream through.
//
// Runs on Node 24's type stripping (no build step), so it imports nothing relative.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const training = join(root, 'models', 'training');
const venv = join(root, '.credence', 'tools', 'models-venv');
const PATH_FLAGS = new Set(['--data', '--out', '--reasons']);

function systemPython(): string {
  for (const exe of [process.env.PYTHON, 'python3', 'python'].filter((p): p is string => Boolean(p))) {
    if (spawnSync(exe, ['--version'], { stdio: 'ignore' }).status === 0) return exe;
  }
  throw new Error('models:train needs Python 3.10+ (set PYTHON to its path); serving models does not');
}

/** The venv's python, installing or refreshing the pinned packages when requirements.txt changed. */
export function trainingPython(): string {
  const requirements = join(training, 'requirements.txt');
  const digest = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const stamp = join(venv, '.requirements.sha256');
  const python = join(venv, 'bin', 'python');
  if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return python;
  mkdirSync(join(root, '.credence', 'tools'), { recursive: true });
  if (!existsSync(python)) {
    process.stderr.write(`creating ${venv}\n`);
    execFileSync(systemPython(), ['-m', 'venv', venv], { stdio: 'inherit' });
  }
  process.stderr.write('installing the pinned training packages (models/training/requirements.txt)\n');
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', '-r', requirements], { stdio: 'inherit' });
  writeFileSync(stamp, digest);
  return python;
}

/** Relative paths mean relative to where the user ran npm, not to the package root npm moves to. */
function resolvePaths(args: string[]): string[] {
  const base = process.env.INIT_CWD ?? process.cwd();
  return args.map((arg, i) => {
    const flag = args[i - 1];
    return flag !== undefined && PATH_FLAGS.has(flag) && !isAbsolute(arg) ? resolve(base, arg) : arg;
  });
}

export function runPython(module: string, args: string[]): number {
  const result = spawnSync(trainingPython(), ['-m', module, ...resolvePaths(args)], {
    stdio: 'inherit',
    env: { ...process.env, PYTHONPATH: training, PYTHONUNBUFFERED: '1' },
  });
  return result.status ?? 1;
}

if (import.meta.filename === process.argv[1]) {
  const [module, ...rest] = process.argv.slice(2);
  process.exit(module === '--module' ? runPython(rest[0]!, rest.slice(1)) : runPython('credence_models.train', process.argv.slice(2)));
}
