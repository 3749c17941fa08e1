// A fresh, migrated PostgreSQL database per test file on the real server (127.0.0.1:5432 by
// default; TEST_DATABASE_ADMIN_URL points elsewhere). Dropped at the end.
//
// Migrating and seeding every database took a second or two per file; instead the first file of a
// run migrates one template database and every database is a copy of it (CREATE DATABASE ...
// TEMPLATE, a file copy). The template is named by a hash of the migrations and the seeder, so a
// changed migration gets a template of its own, and it stays for the next run.
import pg from 'pg';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openOrm } from '../../db/orm.js';
import { seed } from '../../db/seeder.js';

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'credence_test'): Promise<TestDatabase> {
  const template = await ensureTemplate();
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`create database ${name} template ${template}`));
  return { url: urlOf(name), name, drop: () => admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

/** The migrated, seeded template for the current migrations, created once (other test workers wait for it). */
async function ensureTemplate(): Promise<string> {
  const name = `credence_template_${schemaHash()}`;
  await admin(async (client) => {
    // One creator at a time across jest workers; the lock ends with the session.
    await client.query('select pg_advisory_lock(hashtext($1))', [name]);
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return;
    const building = `${name}_building_${randomBytes(3).toString('hex')}`;
    await client.query(`create database ${building}`);
    try {
      const orm = await openOrm({ databaseUrl: urlOf(building), migrate: true, poolSize: 2 });
      try {
        await seed(orm);
      } finally {
        await orm.close();
      }
    } catch (err) {
      await client.query(`drop database if exists ${building} with (force)`);
      throw err;
    }
    // Renamed only once complete, so a half-built template is never copied.
    await client.query(`alter database ${building} rename to ${name}`);
  });
  return name;
}

function schemaHash(): string {
  const hash = createHash('sha256');
  const migrations = fileURLToPath(new URL('../../db/migrations/', import.meta.url));
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(`${migrations}/${file}`));
  // .ts under jest, .js when a benchmark runs the compiled tree from dist/.
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  hash.update(readFileSync(fileURLToPath(new URL(`../../db/seeder.${extension}`, import.meta.url))));
  // The seeder writes the default escalation policy: a changed policy needs a new template.
  hash.update(readFileSync(fileURLToPath(new URL('../../policies/recovery/default.policy.json', import.meta.url))));
  return hash.digest('hex').slice(0, 12);
}

function urlOf(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
