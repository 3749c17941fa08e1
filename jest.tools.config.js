// Developer tools that drive the real environment but are not tests (recording replay
// histories). Run through npm scripts, never by CI's `npm test`.
import config from './jest.config.js';

const integration = config.projects.find((p) => p.displayName === 'integration');

export default { ...integration, displayName: 'tools', testMatch: ['<rootDir>/**/*.tool.ts'], testTimeout: 600_000 };
