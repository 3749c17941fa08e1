// The API's way into Postgres: repositories over a fresh fork of the EntityManager for each
// use, never the global one (allowGlobalContext is off), so no identity map outlives a request.
// Nest's MikroOrmModule is not used: the process opens the ORM itself (main.ts, the testkit) and
// the repositories speak SQL through `execute`, so a request-context middleware would add a
// second way of scoping for nothing.
import { Inject, Injectable } from '@nestjs/common';
import type { Orm } from '../../db/orm.js';
import { IdempotencyKeyRepository } from '../../db/repositories/idempotency-key.repository.js';
import { LoanReadRepository } from '../../db/repositories/loan-read.repository.js';
import { PortfolioImportRepository } from '../../db/repositories/portfolio-import.repository.js';
import { UnappliedCashRepository } from '../../db/repositories/unapplied-cash.repository.js';
import { ORM } from './tokens.js';

@Injectable()
export class Database {
  constructor(@Inject(ORM) private readonly orm: Orm) {}

  loans(): LoanReadRepository {
    return new LoanReadRepository(this.orm.em.fork());
  }

  idempotencyKeys(): IdempotencyKeyRepository {
    return new IdempotencyKeyRepository(this.orm.em.fork());
  }

  portfolioImports(): PortfolioImportRepository {
    return new PortfolioImportRepository(this.orm.em.fork());
  }

  unappliedCash(): UnappliedCashRepository {
    return new UnappliedCashRepository(this.orm.em.fork());
  }

  async ping(): Promise<void> {
    await this.orm.em.fork().execute('select 1');
  }
}
