// Builds apps/web into dist/web, which the API serves at / (apps/api/web/web-app.module.ts).
// JSX is compiled by Vite's own transform (oxc, React's automatic runtime); no React plugin, as
// nothing here needs fast refresh. Vitest runs the component tests (*.test.tsx) in jsdom.
import { defineConfig } from 'vitest/config';
import { join } from 'node:path';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: join(here, '..', '..', 'dist', 'web'), emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500,
    // React Query's "use client" directives mean nothing outside server components.
    rolldownOptions: { onwarn: (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(warning)) },
  },
  // `npm run web:dev`: the app on :5173 with the API (npm start) behind it.
  server: { port: 5173, proxy: { '/v1': 'http://127.0.0.1:3000' } },
  test: { environment: 'jsdom', include: ['src/**/*.test.tsx', 'src/**/*.test.ts'], root: here },
});
