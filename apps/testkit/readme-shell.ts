// What the READMEs' `TOKEN=$(npm run -s dev:token -- --role ops)` lines give, run as written with
// the run's issuer configured (OIDC_ISSUER), so the command a reader copies is the one tested.
// Only dev:token commands are run: a README is not a script the tests execute blindly. Run
// asynchronously: with one test file Jest runs it in its own process, where the issuer listens.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ShellAssignment } from './readme-examples.js';
import { testIssuerEnv } from './tokens.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DEV_TOKEN = /^npm run -s dev:token -- (?:--(?:role|agency|alg) [A-Za-z0-9-]+ ?)+$/;

export async function runReadmeCommand(command: string): Promise<string> {
  if (!DEV_TOKEN.test(command)) throw new Error(`a README sets a variable from \`${command}\`: the tests run only dev:token commands (teach apps/testkit/readme-shell.ts)`);
  const { stdout } = await promisify(execFile)('bash', ['-c', command], { cwd: root, env: { ...process.env, ...testIssuerEnv() }, encoding: 'utf8' });
  return stdout.trim();
}

/** Each assignment's command run once: what its variable holds, by command. */
export async function runAssignments(assignments: readonly ShellAssignment[]): Promise<Map<string, string>> {
  const outputs = new Map<string, string>();
  for (const { command } of assignments) if (!outputs.has(command)) outputs.set(command, await runReadmeCommand(command));
  return outputs;
}
