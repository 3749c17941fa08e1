// A fresh, migrated PostgreSQL database per test run on the real server (127.0.0.1:5432 by
// default; TEST_DATABASE_ADMIN_URL points elsewhere). Dropped at the end.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openOrm } from '../../db/orm.js';
import { seed } from '../../db/seeder.js';

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'credence_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const orm = await openOrm({ databaseUrl: url.toString(), migrate: true, poolSize: 2 });
  await seed(orm);
  await orm.close();
  return { url: url.toString(), name, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
