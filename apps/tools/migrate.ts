// `npm run db:migrate` (and docker-compose's migrate job): brings DATABASE_URL's schema up to
// date and seeds reference data. The API and worker never migrate on their own, so two replicas
// starting together cannot race on a schema change.
import { openOrm } from '../../db/orm.js';
import { seed } from '../../db/seeder.js';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';

const log = createLogger('migrate');
const { databaseUrl } = loadConfig();
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const orm = await openOrm({ databaseUrl, poolSize: 1 });
try {
  const applied = await orm.migrator.up();
  await seed(orm);
  log.info({ applied: applied.map((m) => m.name) }, `migrated (${applied.length} applied) and seeded`);
} finally {
  await orm.close();
}
