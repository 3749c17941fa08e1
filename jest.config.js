// Jest runs the TypeScript sources as native ESM (NestJS 12 and MikroORM 7 ship only ESM);
// swc strips types and keeps legacy decorators with their metadata for Nest's DI.
// Two tiers (STYLE.md 7): `unit` specs sit beside the code and need nothing running;
// `integration` tests talk to a real Temporal server and a real PostgreSQL.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
      keepClassNames: true,
    },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: '<rootDir>/jest.environment.js',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // apps/web has its own runners: Vitest for its components (*.test.ts[x]) and Playwright for the
  // browser (e2e/*.spec.ts); jest would load them with the wrong globals.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.credence/', '<rootDir>/apps/web/'],
};

export default {
  // One Temporal dev server for the run, shared by every file that needs the real server
  // (apps/testkit/global-setup.js); databases come from one migrated template (apps/testkit/postgres.ts).
  globalSetup: '<rootDir>/apps/testkit/global-setup.js',
  globalTeardown: '<rootDir>/apps/testkit/global-teardown.js',
  // Months of loan life pass in seconds on the time-skipping server, but integration tests still
  // drive real activities against PostgreSQL and the sandboxes (a per-project value is ignored).
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/*.test.ts'],
    },
  ],
};
