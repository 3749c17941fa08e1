// The migrations are the schema (STYLE.md 8, 9): they must build exactly what the entities
// describe, the committed snapshot must be current, and every migration file must be listed.
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useTestOrm } from '../apps/testkit/test-orm.js';
import { MIGRATIONS } from './migrations/index.js';

const db = useTestOrm(1);

describe('migrations', () => {
  it('leave nothing between the migrated database and the entities', async () => {
    const diff = await db.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('have a committed snapshot that matches the entities (a new migration is not needed)', async () => {
    expect(await db.orm.migrator.checkSchema()).toBe(false);
    expect(await db.orm.migrator.getPending()).toEqual([]);
  });

  it('are all listed in db/migrations/index.ts, in order', () => {
    const files = readdirSync(fileURLToPath(new URL('./migrations/', import.meta.url)))
      .filter((f) => /^Migration\d+.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(MIGRATIONS.map((m) => m.name)).toEqual(files);
  });
});
