// `npm run -s keys:reseal [-- --dry-run]`
//
// After a key rotation (README: Personal data at rest), seals every value in DATABASE_URL still
// sealed with a retired key again with the active one (CREDENCE_ENCRYPTION_KEY_ID), using the
// keyring the API and worker are given (CREDENCE_ENCRYPTION_KEYS, retired keys still listed).
// Prints how many values of each sealed field it resealed (with --dry-run, how many it would).
// Once it reports none left, and no workflow history still sealed with it is kept, a retired key
// can leave the keyring. Exit status: 0 done; 2 when it could not run.
import { openOrm } from '../../db/orm.js';
import { FieldCipher } from '../shared/crypto/field-cipher.js';
import { resealPersonalData } from '../shared/crypto/reseal.js';
import { loadConfig } from '../shared/config.js';
import { loadKeyring } from '../shared/temporal/keyring.js';

const config = loadConfig();
if (!config.databaseUrl) {
  process.stderr.write('keys:reseal: DATABASE_URL is required\n');
  process.exit(2);
}
const keyring = loadKeyring(process.env, config.dataDir);
const orm = await openOrm({ databaseUrl: config.databaseUrl, poolSize: 2 });
try {
  const dryRun = process.argv.includes('--dry-run');
  const counts = await resealPersonalData(orm, new FieldCipher(keyring), keyring.activeKeyId, { dryRun });
  for (const { field, resealed } of counts) process.stdout.write(`${field.padEnd(40)} ${resealed}${dryRun ? ' to reseal' : ' resealed'}\n`);
  process.stdout.write(`active key ${keyring.activeKeyId}: ${counts.reduce((n, c) => n + c.resealed, 0)} value(s) ${dryRun ? 'sealed with another key' : 'resealed'}\n`);
} catch (err) {
  process.stderr.write(`keys:reseal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
} finally {
  await orm.close();
}
