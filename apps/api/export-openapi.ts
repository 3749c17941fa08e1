// Writes apps/api/openapi.json and apps/api/auth/ACCESS.md from the code (`npm run openapi:export`),
// without connecting to anything: see offline-api.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../launcher/temporal-binary.js';
import { CONTROLLERS } from './api.module.js';
import { accessMatrixMarkdown } from './auth/access-matrix.js';
import { declaredRoutes } from './auth/route-access.js';
import { createOfflineApi } from './offline-api.js';
import { buildOpenApiDocument } from './openapi.js';

export const OPENAPI_FILE = join(projectRoot(), 'apps', 'api', 'openapi.json');
export const ACCESS_FILE = join(projectRoot(), 'apps', 'api', 'auth', 'ACCESS.md');

/** Who may call what, as apps/api/auth/ACCESS.md says it. */
export function exportAccessMatrix(): string {
  return accessMatrixMarkdown(declaredRoutes(CONTROLLERS));
}

/** The document as committed: key order from the code, two-space indent, final newline. */
export async function exportOpenApi(): Promise<string> {
  const api = await createOfflineApi();
  try {
    return `${JSON.stringify(buildOpenApiDocument(api.app), null, 2)}\n`;
  } finally {
    await api.close();
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(OPENAPI_FILE, await exportOpenApi());
  console.log(`wrote ${OPENAPI_FILE}`);
  writeFileSync(ACCESS_FILE, exportAccessMatrix());
  console.log(`wrote ${ACCESS_FILE}`);
}
