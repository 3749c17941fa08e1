// The shapes of what arrives at the loan workflow by update or signal, checked in the workflow
// itself. The API validates first, but the workflow is the last line: anything with a Temporal
// client can send it a payload, and one malformed payment that reaches the main line fails the
// workflow task on every retry and freezes the loan for good. Pure, so validators (which never
// run on replay) and signal handlers can both use it.
import { isSupportedCurrency } from '../../domain/currency.js';
import { isMinorUnits } from '../../domain/money.js';
import type { PaymentCommand } from './definitions.js';
import { ARRANGEMENT_KINDS } from '../../domain/arrangements.js';

export interface CommandProblem {
  /** the field at fault, as the API names it */
  field: string;
  message: string;
}

const PAYMENT_SOURCES: readonly string[] = ['api', 'webhook', 'autopay'];
/** As the API and the payments table take them (UTRs and gateway ids are far shorter). */
const MAX_REFERENCE_LENGTH = 255;

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max = MAX_REFERENCE_LENGTH): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max;
}

export function paymentProblems(command: unknown): CommandProblem[] {
  if (!isRecord(command)) return [{ field: '', message: 'a payment must be an object' }];
  const problems: CommandProblem[] = [];
  if (!text(command.externalId)) problems.push({ field: 'externalId', message: `externalId must be a non-empty string of at most ${MAX_REFERENCE_LENGTH} characters` });
  if (!isMinorUnits(command.amount) || command.amount <= 0) problems.push({ field: 'amount', message: 'amount must be a positive whole number of minor units' });
  if (!isSupportedCurrency(command.currency)) problems.push({ field: 'currency', message: 'currency must be a supported ISO 4217 code' });
  if (typeof command.source !== 'string' || !PAYMENT_SOURCES.includes(command.source)) problems.push({ field: 'source', message: `source must be one of ${PAYMENT_SOURCES.join(', ')}` });
  if (command.requestId !== undefined && !text(command.requestId)) problems.push({ field: 'requestId', message: 'requestId must be at most 255 characters when given' });
  return problems;
}

export function isPaymentCommand(command: unknown): command is PaymentCommand {
  return paymentProblems(command).length === 0;
}

export function acceptOfferProblems(command: unknown): CommandProblem[] {
  if (command === undefined) return [];
  if (!isRecord(command)) return [{ field: '', message: 'the acceptance must be an object' }];
  if (command.bankAccount === undefined) return [];
  const account = command.bankAccount;
  if (!isRecord(account)) return [{ field: 'bankAccount', message: 'bankAccount must be an object' }];
  return (['accountNumber', 'routingCode', 'holderName'] as const)
    .filter((key) => !text(account[key]))
    .map((key) => ({ field: `bankAccount.${key}`, message: `bankAccount.${key} must be a non-empty string` }));
}

export function reviewProblems(command: unknown): CommandProblem[] {
  if (!isRecord(command)) return [{ field: '', message: 'a review must be an object' }];
  const problems: CommandProblem[] = [];
  if (!text(command.reviewer, 200)) problems.push({ field: 'reviewer', message: 'reviewer must be a non-empty string' });
  if (command.outcome !== 'approve' && command.outcome !== 'decline') problems.push({ field: 'outcome', message: 'outcome must be approve or decline' });
  if (command.reasons !== undefined && !(Array.isArray(command.reasons) && command.reasons.every((r) => isRecord(r) && text(r.code) && text(r.text, 500)))) {
    problems.push({ field: 'reasonCodes', message: 'reasons must be adverse-action reasons with a code and a text' });
  }
  if (command.note !== undefined && typeof command.note !== 'string') problems.push({ field: 'note', message: 'note must be a string' });
  for (const [key, least] of [['principal', 1], ['termMonths', 1], ['aprBps', 0]] as const) {
    const value = command[key];
    if (value !== undefined && !(isMinorUnits(value) && value >= least)) problems.push({ field: key, message: `${key} must be a whole number of at least ${least}` });
  }
  return problems;
}

/** An arrangement's envelope (its terms are checked against the account: domain/arrangement-schedule.ts). */
export function arrangementCommandProblems(command: unknown): CommandProblem[] {
  if (!isRecord(command)) return [{ field: '', message: 'an arrangement must be an object' }];
  const problems = approvalProblems(command);
  if (!text(command.arrangementId)) problems.unshift({ field: 'arrangementId', message: `arrangementId must be a non-empty string of at most ${MAX_REFERENCE_LENGTH} characters` });
  if (!isRecord(command.terms)) problems.push({ field: 'terms', message: 'terms must be an object' });
  else if (!(ARRANGEMENT_KINDS as readonly unknown[]).includes(command.terms.kind)) problems.push({ field: 'terms.kind', message: `terms.kind must be one of ${ARRANGEMENT_KINDS.join(', ')}` });
  return problems;
}

/** A write-off always has a second person: approvedBy is someone other than proposedBy. */
export function writeOffProblems(command: unknown): CommandProblem[] {
  if (!isRecord(command)) return [{ field: '', message: 'a write-off must be an object' }];
  const problems = approvalProblems(command);
  if (!text(command.writeOffId)) problems.unshift({ field: 'writeOffId', message: `writeOffId must be a non-empty string of at most ${MAX_REFERENCE_LENGTH} characters` });
  if (!text(command.reason, 500)) problems.push({ field: 'reason', message: 'reason must be a non-empty string of at most 500 characters' });
  if (problems.length === 0 && (command.approvedBy === null || command.approvedBy === command.proposedBy)) {
    problems.push({ field: 'approvedBy', message: 'a write-off needs a second person: approvedBy must name someone other than proposedBy' });
  }
  return problems;
}

function approvalProblems(command: Fields): CommandProblem[] {
  const problems: CommandProblem[] = [];
  if (!text(command.proposedBy)) problems.push({ field: 'proposedBy', message: 'proposedBy must be a non-empty string' });
  if (command.approvedBy !== null && !text(command.approvedBy)) problems.push({ field: 'approvedBy', message: 'approvedBy must be a non-empty string, or null' });
  return problems;
}
