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

it('loads Swagger UI with its stylesheet and scripts at /docs, /docs/ and the other ways of writing it', async () => {
  const api = await createOfflineApi();
  try {
    await api.app.listen(0, '127.0.0.1');
    const base = await api.app.getUrl();
    for (const address of ['/docs', '/docs/', '/docs/?tag=loans', '/docs/index.html', '/docs//', '/Docs/']) {
      // As a browser does: follow redirects, then load what the page links, relative to where it landed.
      const page = await fetch(`${base}${address}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<title>Credence API</title>');
      const links = [...html.matchAll(/<(?:link[^>]*\bhref|script[^>]*\bsrc)="([^"]+)"/g)].map((m) => new URL(m[1]!, page.url));
      const assets = await Promise.all(links.map(async (url) => ({ path: url.pathname, status: (await fetch(url)).status })));
      expect(assets.filter((a) => a.status !== 200)).toEqual([]);
      expect(assets.map((a) => a.path)).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-init.js']));
      // Everything the page loads is its own origin's, which is all its Content-Security-Policy allows.
      expect(links.every((url) => url.origin === new URL(base).origin)).toBe(true);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const init = await (await fetch(`${base}/docs/swagger-ui-init.js`)).text();
    expect(init).toContain('"validatorUrl": null');
  } finally {
    await api.close();
  }
});
