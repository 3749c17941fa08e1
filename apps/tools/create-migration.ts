// `npm run db:migration:create -- <name>`: diffs the entities against the committed migrations
// on a throwaway embedded Postgres (no server needed), writes the new migration into
// db/migrations and re-lists db/migrations/index.ts.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.js';
import { openOrm } from '../../db/orm.js';
import { projectRoot } from '../launcher/temporal-binary.js';

const name = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'credence-migration-'));
const pg = await startEmbeddedPostgres({ dataDir: dir, port: 54329 });
try {
  const orm = await openOrm({ databaseUrl: pg.url, migrate: true, poolSize: 1 });
  const result = await orm.migrator.create(undefined, false, false, name);
  await orm.close();
  if (!result.fileName) {
    console.log('No schema changes: no migration written.');
  } else {
    console.log(`Wrote db/migrations/${result.fileName}`);
    writeMigrationIndex();
  }
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}

function writeMigrationIndex(): void {
  const folder = join(projectRoot(), 'db', 'migrations');
  const files = readdirSync(folder)
    .filter((f) => /^Migration\d+.*\.ts$/.test(f))
    .sort();
  const names = files.map((f) => f.replace(/\.ts$/, ''));
  const source = [
    '// Every migration, in order. A spec checks this list against the files in this folder, so a',
    '// generated migration cannot be forgotten here. Written by apps/tools/create-migration.ts.',
    "import type { MigrationObject } from '@mikro-orm/core';",
    ...names.map((n) => `import { ${n} } from './${n}.js';`),
    '',
    'export const MIGRATIONS: MigrationObject[] = [',
    ...names.map((n) => `  { name: '${n}', class: ${n} },`),
    '];',
    '',
  ].join('\n');
  writeFileSync(join(folder, 'index.ts'), source);
}
