// The few flags the rag commands take; a missing value is a usage error (exit 2).
import { resolve } from 'node:path';

export function option(name: string, usage: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  if (at === -1) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) usageError(`${name} needs a value`, usage);
  return value;
}

export function required(name: string, usage: string): string {
  return option(name, usage) ?? usageError(`${name} is required`, usage);
}

export function usageError(message: string, usage: string): never {
  process.stderr.write(`${message}\nusage: ${usage}\n`);
  process.exit(2);
}

/** npm runs scripts from the project root; a path is named relative to where npm was run. */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
