// The web app (apps/web), built by `npm run build` into dist/web, served at / by the API itself
// from the same `npm start`: one origin, so the app calls the API with no CORS. Its page is the
// one route (GET /, route-access.ts WEB_APP_PATHS); its hashed scripts and styles are files under
// /assets, served ahead of the router's 404 and after every API route. The app's own screens are
// addressed after a # (/#/loans/<id>), so no path of the API is ever shadowed by the app.
import type { DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/web whether this file runs compiled (dist/apps/api/web) or from source (apps/api/web, under jest). */
export function webAppRoot(): string {
  const top = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return basename(top) === 'dist' ? join(top, 'web') : join(top, 'dist', 'web');
}

export class WebAppModule {
  static register(root = webAppRoot()): DynamicModule {
    // Without a build of the app (an API-only image, a test run before `npm run build`) / stays the router's 404.
    if (!existsSync(join(root, 'index.html'))) return { module: WebAppModule };
    return {
      module: WebAppModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: root,
          renderPath: '/',
          serveStaticOptions: {
            index: false,
            fallthrough: true,
            // Scripts and styles are named by their content hash: cached for good. The page names them, so it is never cached.
            setHeaders: (res: ServerResponse, path: string) => res.setHeader('Cache-Control', path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable'),
          },
        }),
      ],
    };
  }
}
