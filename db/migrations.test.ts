// The migrations are the schema (STYLE.md 8, 9): they must build exactly what the entities
// describe, the committed snapshot must be current, and every migration file must be listed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../apps/testkit/postgres.js';
import { MIGRATIONS } from './migrations/index.js';
import { openOrm, type Orm } from './orm.js';

let db: TestDatabase;
let orm: Orm;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm({ databaseUrl: db.url, poolSize: 1 });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

describe('migrations', () => {
  it('leave nothing between the migrated database and the entities', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('have a committed snapshot that matches the entities (a new migration is not needed)', async () => {
    expect(await orm.migrator.checkSchema()).toBe(false);
    expect(await orm.migrator.getPending()).toEqual([]);
  });

  it('are all listed in db/migrations/index.ts, in order', () => {
    const files = readdirSync(fileURLToPath(new URL('./migrations/', import.meta.url)))
      .filter((f) => /^Migration\d+.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(MIGRATIONS.map((m) => m.name)).toEqual(files);
  });
});
