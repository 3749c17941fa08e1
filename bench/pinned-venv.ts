// A Python virtual environment under .credence/tools holding exactly one requirements file's
// pins, created the first time and refreshed only when that file changes (its SHA-256 is kept
// beside it), for the benchmarks and tools that drive a Python program. (models/cli/train.ts
// keeps its own copy: it runs on type stripping without a build and imports nothing relative.)
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The venv's python; `purpose` names the command in the error when no Python is installed. */
export function pinnedVenv(venv: string, requirements: string, purpose: string, say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): string {
  const digest = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const stamp = join(venv, '.requirements.sha256');
  const exe = join(venv, 'bin', 'python');
  if (existsSync(exe) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return exe;
  if (!existsSync(exe)) {
    const system = [process.env.PYTHON, 'python3', 'python'].find((p) => p !== undefined && spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0);
    if (system === undefined) throw new Error(`${purpose} needs Python 3.10+ (set PYTHON to its path)`);
    mkdirSync(dirname(venv), { recursive: true });
    say(`creating ${venv}`);
    execFileSync(system, ['-m', 'venv', venv], { stdio: 'inherit' });
  }
  say(`installing the pinned packages (${relative(process.cwd(), requirements)})`);
  execFileSync(exe, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', '-r', requirements], { stdio: 'inherit' });
  writeFileSync(stamp, digest);
  return exe;
}
