// The drafting agent as an activity, for a recovery policy step that asks for a drafted message
// instead of its fixed template: the draft is written from the loan's records (draft-records.ts)
// with the configured chat model or the phrase banks, and used only when the compliance gate and
// the content rules pass it; otherwise the answer is `template` and the step sends its template as
// it always has. An LLM call happens here, in an activity, never in workflow code. The recovery
// workflow calls it for a send step with `draft: true` (behind the patch recovery-drafted-sends)
// and hands the draft to the dispatch, which still asks the gate before it sends.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ContactLanguage } from '../../domain/application.js';
import { DraftRecordsMissing, draftMessage, type Draft, type GateVerdict } from '../../rag/drafting/draft-message.js';
import type { DraftChannel, DraftPurpose } from '../../rag/drafting/draft-types.js';
import { draftInputs, LoanNotFoundForDraft, type DraftRecordsDeps } from './draft-records.js';

export interface DraftContactCommand {
  loanId: string;
  channel: DraftChannel;
  purpose: DraftPurpose;
  language?: ContactLanguage;
  /** the workflow's clock, epoch ms: the gate judges this instant */
  at: number;
}

export type DraftContactResult =
  | { use: 'draft'; subject: string | null; text: string; disclosures: string[]; language: ContactLanguage; tone: Draft['tone']; composer: Draft['composer'] }
  | { use: 'template'; reason: string; verdict: GateVerdict | null };

export interface DraftingDeps extends DraftRecordsDeps {
  orm: MikroORM;
  /** the configured chat model, made on first use (chatModelFor); none, or undefined from it: the phrase banks */
  model?: () => Promise<BaseChatModel | undefined>;
}

export function createDraftingActivities(deps: DraftingDeps) {
  return {
    async draftContactMessage(command: DraftContactCommand): Promise<DraftContactResult> {
      try {
        const inputs = await draftInputs(deps.orm.em.fork(), deps, { ...command, language: command.language ?? null });
        const draft = await draftMessage(inputs, await deps.model?.());
        if (!draft.verdict.allowed) {
          const why = draft.verdict.contact.allowed ? draft.verdict.content.map((c) => c.rule).join(', ') : draft.verdict.contact.rule;
          return { use: 'template', reason: `the draft did not pass the gate (${why})`, verdict: draft.verdict };
        }
        return { use: 'draft', subject: draft.subject, text: draft.text, disclosures: draft.disclosures, language: draft.language, tone: draft.tone, composer: draft.composer };
      } catch (err) {
        // Records a draft needs and the loan lacks are not a fault to retry: the template goes instead.
        if (err instanceof DraftRecordsMissing || err instanceof LoanNotFoundForDraft) return { use: 'template', reason: err.message, verdict: null };
        throw err;
      }
    },
  };
}

export type DraftingActivities = ReturnType<typeof createDraftingActivities>;
