// The committed apps/api/openapi.json is what clients generate code from: it must be what the
// code serves. When this fails, run `npm run openapi:export` and commit the result.
import { expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { exportOpenApi, OPENAPI_FILE } from './export-openapi.js';
import { createOfflineApi } from './offline-api.js';

const committed = (): unknown => JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));

it('the committed OpenAPI document matches the code', async () => {
  expect(JSON.parse(await exportOpenApi())).toEqual(committed());
});

it('serves that document at /openapi.json, and Swagger UI at /docs', async () => {
  const api = await createOfflineApi();
  try {
    await api.app.listen(0, '127.0.0.1');
    const base = await api.app.getUrl();
    expect(await (await fetch(`${base}/openapi.json`)).json()).toEqual(committed());
    const ui = await fetch(`${base}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    expect((await fetch(`${base}/docs/swagger-ui-bundle.js`)).status).toBe(200);
  } finally {
    await api.close();
  }
});
