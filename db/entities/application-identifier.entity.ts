// Identifiers each application presented (phone, email, device, bank account, national ID),
// stored as keyed hashes: fraud screening finds sharing and velocity without keeping the
// values themselves.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ApplicationIdentifier = defineEntity({
  name: 'ApplicationIdentifier',
  tableName: 'application_identifiers',
  uniques: [{ properties: ['loanId', 'kind'] }],
  indexes: [{ properties: ['kind', 'valueHash'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    loanId: p.uuid(),
    kind: p.string().length(32),
    valueHash: p.string().length(64),
    /** the applicant's national-ID hash, so sharing counts distinct people, not applications */
    personHash: p.string().length(64),
    submittedAt: p.datetime(),
  },
});

export type IApplicationIdentifier = InferEntity<typeof ApplicationIdentifier>;
