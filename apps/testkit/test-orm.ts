// A test file's own migrated database (copied from the run's template, apps/testkit/postgres.ts)
// and an ORM over it, opened before the file's tests and closed and dropped after them.
import { afterAll, beforeAll } from '@jest/globals';
import { openOrm, type Orm } from '../../db/orm.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';

export function useTestOrm(poolSize = 2): { readonly orm: Orm } {
  let db: TestDatabase | undefined;
  let orm: Orm | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await openOrm({ databaseUrl: db.url, poolSize });
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });
  return {
    get orm(): Orm {
      if (!orm) throw new Error('the test database is opened in beforeAll: use it inside a test');
      return orm;
    },
  };
}
