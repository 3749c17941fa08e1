// What the validation notice's form may post (a dispute, a request for the original creditor, or both), checked field by field: every problem is named, and a
// refused form changes nothing. The reference is the one the page put in its hidden field (a
// UUID), which is what makes posting the same form twice do its work once.
import type { FieldError } from '../http/problem.js';
import { ProblemException } from '../http/problem.js';

/** The page's references are random UUIDs; these patterns are also the OpenAPI document's. */
export const REFERENCE_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
const REFERENCE = new RegExp(REFERENCE_PATTERN);
const DISPUTE_REASONS = ['notMine', 'amountWrong', 'other'] as const;
const CHECKBOXES = [...DISPUTE_REASONS, 'originalCreditor'] as const;

export interface DisputeForm {
  reference: string;
  reasons: (typeof DISPUTE_REASONS)[number][];
  originalCreditor: boolean;
}

type Form = Record<string, unknown> | undefined;

export function disputeForm(body: Form): DisputeForm {
  const form = body ?? {};
  const errors = [...unknownFields(form, ['reference', ...CHECKBOXES]), ...referenceErrors(form)];
  for (const name of CHECKBOXES) if (form[name] !== undefined && form[name] !== 'yes') errors.push({ field: name, message: 'a ticked box posts yes; leave it out otherwise' });
  const reasons = DISPUTE_REASONS.filter((r) => form[r] === 'yes');
  // A dispute, a request for the original creditor (12 CFR 1006.38(c)), or both: the form asks for something.
  if (reasons.length === 0 && form.originalCreditor !== 'yes') errors.push({ field: 'reason', message: 'tick at least one reason to dispute the debt (notMine, amountWrong or other), or ask for the original creditor (originalCreditor)' });
  if (errors.length > 0) throw ProblemException.validation(errors);
  return { reference: String(form.reference), reasons, originalCreditor: form.originalCreditor === 'yes' };
}

function referenceErrors(form: Record<string, unknown>): FieldError[] {
  return typeof form.reference === 'string' && REFERENCE.test(form.reference) ? [] : [{ field: 'reference', message: 'must be the reference the page gave (reload the page for a new one)' }];
}

function unknownFields(form: Record<string, unknown>, known: readonly string[]): FieldError[] {
  return Object.keys(form)
    .filter((k) => !known.includes(k))
    .map((field) => ({ field, message: 'is not a field of this form' }));
}
