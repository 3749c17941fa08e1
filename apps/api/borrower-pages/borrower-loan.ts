// What a borrower's page needs of a loan: its figures from Postgres (the projection and the
// ledger), and of the borrower only the name and language the contact profile holds. Only for the
// holder of a link we sent: the link's signature (`?t=`, borrower-page-link.ts) must match the loan.
// An unknown loan, one that never became a debt and a link without a good signature are answered
// alike, so the pages tell nobody which IDs exist.
import { Inject, Injectable } from '@nestjs/common';
import type { Orm } from '../../../db/orm.js';
import { BorrowerNoticeRepository, type BorrowerLoanRecords } from '../../../db/repositories/borrower-notice.repository.js';
import { ProblemException } from '../http/problem.js';
import { borrowerPageTokenMatches } from '../../../activities/recovery-contact/borrower-page-link.js';
import { ContactRecords } from '../recovery/contact-records.js';
import { ORM } from '../tokens.js';
import { pageLanguage, type PageLanguage } from './borrower-page.js';

export interface BorrowerLoan {
  loanId: string;
  records: BorrowerLoanRecords;
  language: PageLanguage;
  /** the name the notice is addressed to; null without a contact profile */
  name: string | null;
}

@Injectable()
export class BorrowerLoans {
  constructor(
    @Inject(ORM) private readonly orm: Orm,
    private readonly contacts: ContactRecords,
  ) {}

  async find(loanId: string, token: unknown): Promise<BorrowerLoan> {
    if (!borrowerPageTokenMatches(this.contacts.contacts.hasher, loanId, token)) throw new ProblemException('loanNotFound', `there is no debt on loan ${loanId}`);
    const records = await new BorrowerNoticeRepository(this.orm.em.fork()).find(loanId);
    if (!records) throw new ProblemException('loanNotFound', `there is no debt on loan ${loanId}`);
    const profile = await this.contacts.profiles().find(loanId);
    return { loanId, records, language: pageLanguage(profile?.language), name: profile?.name ?? null };
  }
}
