// A book brought in through POST /v1/portfolio/imports. The id is derived from the import's
// identity (the client's Idempotency-Key, or the body's SHA-256 without one), so sending the same
// file again addresses the same import. No personal data: rejected rows are kept by row number,
// lender reference and field, with the reason.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PortfolioImport = defineEntity({
  name: 'PortfolioImport',
  tableName: 'portfolio_imports',
  properties: {
    id: p.uuid().primary(),
    /** SHA-256 of the body as received: the same Idempotency-Key with another body is refused */
    hash: p.string().length(64),
    received: p.integer(),
    /** loans this import started, over every request that carried it */
    imported: p.integer().default(0),
    /** rows whose loan an earlier import (or an earlier request of this one) had started */
    alreadyImported: p.integer().default(0),
    rejected: p.json<{ row: number; lenderReference: string | null; errors: { field: string; message: string }[] }[]>(),
    createdAt: p.datetime(),
  },
});

export type IPortfolioImport = InferEntity<typeof PortfolioImport>;
