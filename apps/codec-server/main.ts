// The codec server on its own: `node dist/apps/codec-server/main.js`, with the same keys as the
// worker and the API (CREDENCE_ENCRYPTION_KEYS). Put it behind authentication in production.
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { EncryptionCodec } from '../shared/temporal/encryption-codec.js';
import { loadKeyring } from '../shared/temporal/keyring.js';
import { startCodecServer } from './codec-server.js';

const log = createLogger('codec-server');
const config = loadConfig();
const server = await startCodecServer({ codec: new EncryptionCodec(loadKeyring(process.env, config.dataDir)), ...config.codecServer });
log.info({ url: server.url, corsOrigins: config.codecServer.corsOrigins }, 'codec server listening');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close().then(() => process.exit(0)));
