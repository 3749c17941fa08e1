// A new draft version from a document or its text. Only text that does not parse, or parses to
// something other than a map, is refused here (422): any other fault is the draft's, stored with
// it and reported by validate, so ops can save work in progress. The diff is against the version
// it was written from (the active one unless named).
import { Injectable } from '@nestjs/common';
import type { PolicyVersion } from '../../../db/repositories/recovery-policy.repository.js';
import { diffDocuments } from '../../../policies/recovery/diff-policy.js';
import { parsePolicySource } from '../../../policies/recovery/parse-policy.js';
import { Database } from '../database.js';
import { InvalidPolicyError, UnprocessableFieldsError } from '../errors.js';
import type { CreatePolicyDraftCommand } from './create-policy-draft.command.js';

/** The name a draft is listed under until its document has a valid one. */
const UNNAMED = '(unnamed)';

@Injectable()
export class CreatePolicyDraftUseCase {
  constructor(private readonly db: Database) {}

  async execute({ document, source, author, basedOn }: CreatePolicyDraftCommand): Promise<PolicyVersion> {
    let value: unknown = document;
    let text = JSON.stringify(document, null, 2);
    let format: 'yaml' | 'json' = 'json';
    if (source !== undefined) {
      const parsed = parsePolicySource(source);
      if (!parsed.ok) throw new InvalidPolicyError('the policy text does not parse as YAML or JSON', parsed.problems);
      [value, text, format] = [parsed.value, source, parsed.format];
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InvalidPolicyError('a policy is a map of name, settings and rules', [{ path: '', message: 'must be a map (an object) with name, settings and rules' }]);
    }
    const repo = this.db.recoveryPolicies();
    const base = basedOn === undefined ? await repo.active() : await repo.find(basedOn);
    if (basedOn !== undefined && !base) throw new UnprocessableFieldsError([{ field: 'basedOn', message: `there is no policy version ${basedOn}` }]);
    const doc = value as Record<string, unknown>;
    const name = typeof doc.name === 'string' && doc.name.trim() !== '' ? doc.name.slice(0, 100) : UNNAMED;
    return repo.createDraft({ name, document: doc, source: text, sourceFormat: format, author, basedOn: base?.version ?? null, diff: base ? diffDocuments(base.document, doc) : null });
  }
}
