// Where the worker finds the workflow code: the TypeScript sources under jest, the compiled
// JavaScript in production.
import { fileURLToPath } from 'node:url';

export function workflowsPath(): string {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return fileURLToPath(new URL(`../../workflows/index.${ext}`, import.meta.url));
}
