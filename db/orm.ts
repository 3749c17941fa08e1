// Opens the ORM and, where asked, brings the schema up to date. Migrations are the only way the
// schema changes: never schema.update() against a real database.
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig, type OrmOptions } from './mikro-orm.config.js';

export type Orm = MikroORM;

export async function openOrm(options: OrmOptions & { migrate?: boolean }): Promise<Orm> {
  const orm = await MikroORM.init(ormConfig(options));
  if (options.migrate) await orm.migrator.up();
  return orm;
}
