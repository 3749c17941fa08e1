// POST /v1/assistant/drafts: the drafting agent over the loan's records (draft-records.ts), with
// the configured chat model or the phrase banks (rag/drafting/draft-message.ts). Nothing is sent
// or stored: the draft comes back with the compliance gate's verdict.
import { Inject, Injectable } from '@nestjs/common';
import type { ContactLanguage } from '../../../domain/application.js';
import type { Orm } from '../../../db/orm.js';
import { loanVisible, type CaseScope } from '../../../db/repositories/case-scope.js';
import { DraftRecordsMissing, draftMessage, type Draft } from '../../../rag/drafting/draft-message.js';
import type { DraftChannel, DraftPurpose } from '../../../rag/drafting/draft-types.js';
import type { CredenceConfig } from '../../shared/config.js';
import type { RecoveryContacts } from '../../shared/recovery-inbox-factory.js';
import { ProblemException } from '../http/problem.js';
import { CONFIG, ORM, RECOVERY_CONTACTS } from '../tokens.js';
import { AssistantRuntime } from './assistant-runtime.js';
import { draftInputs, LoanNotFoundForDraft } from '../../../activities/assistant/draft-records.js';

export interface DraftCommand {
  loanId: string;
  /** whose book it is read from: a collector drafts only for the loans of the cases they hold or may pick up */
  scope: CaseScope;
  channel: DraftChannel;
  purpose: DraftPurpose;
  language: ContactLanguage | null;
  /** epoch ms: when it would go out */
  at: number;
}

@Injectable()
export class DraftMessageUseCase {
  constructor(
    @Inject(ORM) private readonly orm: Orm,
    @Inject(CONFIG) private readonly config: CredenceConfig,
    @Inject(RECOVERY_CONTACTS) private readonly contacts: RecoveryContacts | null,
    private readonly runtime: AssistantRuntime,
  ) {}

  async execute(command: DraftCommand): Promise<Draft> {
    if (!this.contacts) throw new ProblemException('dependencyUnavailable', 'drafts read the sealed contact profile, and this API has no field keys configured');
    // Scoped in the query, as every read of a case's borrower is: outside it, the loan does not exist.
    const visible = loanVisible(command.scope, 'l.loan_id');
    const [inScope] = await this.orm.em.fork().execute<unknown[]>(`select 1 from loans l where l.loan_id = ? and ${visible.sql}`, [command.loanId, ...visible.params]);
    if (!inScope) throw new ProblemException('loanNotFound', `there is no loan ${command.loanId}`);
    try {
      const inputs = await draftInputs(this.orm.em.fork(), { cipher: this.contacts.cipher, hasher: this.contacts.hasher, identity: this.config.recovery, publicBaseUrl: this.config.twilio.publicWebhookBase }, command);
      return await draftMessage(inputs, await this.runtime.chatModel());
    } catch (err) {
      if (err instanceof LoanNotFoundForDraft) throw new ProblemException('loanNotFound', `there is no loan ${command.loanId}`);
      if (err instanceof DraftRecordsMissing) throw new ProblemException('contactRecordsMissing', err.message);
      throw err;
    }
  }
}
