// The original creditor of a loan whose lender is not the one Credence would name: recorded by ops
// (PUT /v1/loans/:loanId/original-creditor) for a loan imported from a book whose debts another
// lender made. A loan the lender made here needs no row: its original creditor is the lender
// (settings LENDER_NAME, LENDER_ADDRESS). What answers a borrower's request for the original
// creditor's name and address (12 CFR 1006.38(c)). A creditor is a business: nothing here is sealed.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const OriginalCreditor = defineEntity({
  name: 'OriginalCreditor',
  tableName: 'original_creditors',
  properties: {
    loanId: p.uuid().primary(),
    name: p.string().length(200),
    address: p.string().length(500),
    recordedBy: p.string().length(100),
    recordedAt: p.datetime(),
  },
});

export type IOriginalCreditor = InferEntity<typeof OriginalCreditor>;
