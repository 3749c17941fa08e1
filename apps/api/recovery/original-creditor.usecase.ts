// A loan's original creditor, for the answer to a borrower's request for its name and address
// (12 CFR 1006.38(c)): what the answer would name (ops' record, else the lender for a loan it made
// here) and the request's state; and ops recording it for a loan imported from another lender's
// book. Recording it while a request waits tells the running episode, which sends the answer and
// then resumes collection.
import { Inject, Injectable } from '@nestjs/common';
import { ALL_CASES, type CaseScope } from '../../../db/repositories/case-scope.js';
import { OriginalCreditorRepository, type OriginalCreditorRecord } from '../../../db/repositories/original-creditor.repository.js';
import type { ContactProfileRecord } from '../../../db/repositories/contact-profile.repository.js';
import { RecoveryEpisodeRepository } from '../../../db/repositories/recovery-episode.repository.js';
import { originalCreditorRecordedSignal } from '../../../workflows/recovery/definitions.js';
import type { CredenceConfig } from '../../shared/config.js';
import { ProblemException } from '../http/problem.js';
import { CONFIG } from '../tokens.js';
import { ContactRecords } from './contact-records.js';

export interface OriginalCreditorView {
  loanId: string;
  known: boolean;
  source: 'recorded' | 'lender' | null;
  name: string | null;
  address: string | null;
  recordedBy: string | null;
  recordedAt: string | null;
  reason?: string;
  request: { open: boolean; requestedAt: string | null; providedAt: string | null };
  /** the episode told to answer now, when recording it did */
  signalled: string | null;
}

@Injectable()
export class OriginalCreditorUseCase {
  constructor(
    private readonly records: ContactRecords,
    @Inject(CONFIG) private readonly config: CredenceConfig,
  ) {}

  /** Outside the reader's scope (an agency's or a collector's cases), the loan reads as having no profile: 404. */
  async get(command: { loanId: string; scope: CaseScope }): Promise<OriginalCreditorView> {
    const profile = await this.profile(command.loanId, command.scope);
    return view(profile, await this.find(command.loanId), null);
  }

  async record(command: { loanId: string; name: string; address: string; by: string }): Promise<OriginalCreditorView> {
    const profile = await this.profile(command.loanId);
    const em = this.records.orm.em.fork();
    await new OriginalCreditorRepository(em).record(command.loanId, { name: command.name.trim(), address: command.address.trim() }, command.by, new Date().toISOString());
    let signalled: string | null = null;
    if (profile.originalCreditor.requested) {
      const episode = await new RecoveryEpisodeRepository(em).running(command.loanId);
      if (episode && (await this.records.contacts.notifier.signal(episode.workflowId, originalCreditorRecordedSignal, { by: command.by }))) signalled = episode.workflowId;
    }
    return view(profile, await this.find(command.loanId), signalled);
  }

  private async profile(loanId: string, scope: CaseScope = ALL_CASES): Promise<ContactProfileRecord> {
    const profile = await this.records.profiles().find(loanId, scope);
    if (!profile) throw new ProblemException('contactProfileNotFound', `loan ${loanId} has no contact profile`);
    return profile;
  }

  private find(loanId: string): Promise<OriginalCreditorRecord> {
    const { lenderName, lenderAddress } = this.config.recovery;
    return new OriginalCreditorRepository(this.records.orm.em.fork()).find(loanId, { name: lenderName, address: lenderAddress });
  }
}

function view(profile: ContactProfileRecord, found: OriginalCreditorRecord, signalled: string | null): OriginalCreditorView {
  const request = { open: profile.originalCreditor.requested, requestedAt: profile.originalCreditor.requestedAt, providedAt: profile.originalCreditor.providedAt };
  if (!found.known) return { loanId: profile.loanId, known: false, source: null, name: null, address: null, recordedBy: null, recordedAt: null, reason: found.reason, request, signalled };
  const recorded = found.source === 'recorded' ? { recordedBy: found.recordedBy, recordedAt: found.recordedAt } : { recordedBy: null, recordedAt: null };
  return { loanId: profile.loanId, known: true, source: found.source, name: found.name, address: found.address, ...recorded, request, signalled };
}
