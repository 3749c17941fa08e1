// Developer tools that drive the real environment but are not tests (recording replay
// histories). Run through npm scripts, never by CI's `npm test`.
import config from './jest.config.js';

const integration = config.projects.find((p) => p.displayName === 'integration');

// The run's shared servers too: the Temporal dev server and the OIDC issuer the API under a recording trusts.
export default { ...integration, globalSetup: config.globalSetup, globalTeardown: config.globalTeardown, displayName: 'tools', testMatch: ['<rootDir>/**/*.tool.ts'], testTimeout: 600_000 };
