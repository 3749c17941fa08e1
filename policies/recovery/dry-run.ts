// What a draft would do to the live delinquent portfolio, next to what the active version does:
// the same accounts through the one evaluator (selectPath) under each document, counted by rule,
// by first step, by the channel of the first contact and by segment, with the loans whose path
// changes, and what the compliance gate (checkContact) would decide for each first contact at the
// dry-run's instant. Pure: the accounts and each account's standing come in from the edge.
import { checkContact } from '../compliance/gate.js';
import { automatedByDefault, type BorrowerStanding, type Channel, type ContactRequest, type PastContact } from '../compliance/rules.js';
import { sameJson } from './diff-policy.js';
import { stepChannel, stepKind, type AccountFacts, type PolicyStep, type RecoveryPolicyDocument, type StepKind } from './policy-document.js';
import { selectPath } from './select-path.js';

export interface DryRunAccount {
  loanId: string;
  facts: AccountFacts;
  /** the borrower's standing for the gate (opt-outs, flags, consent) as far as it is known */
  standing: BorrowerStanding;
  /** contact attempts on this debt so far */
  history: readonly PastContact[];
}

export interface PolicyUnderTest {
  version: number;
  document: RecoveryPolicyDocument;
}

export interface GateCounts {
  /** first contacts the gate would let through now */
  allowed: number;
  /** first contacts it would block now, by gate rule id */
  blockedByGateRule: Record<string, number>;
  /** the same blocks by the policy rule that chose the path, then gate rule */
  blockedByPolicyRule: Record<string, Record<string, number>>;
  /** blocks that waiting would lift (a retry instant exists) and those it would not */
  reschedulable: number;
  abandoned: number;
}

export interface DryRunSide {
  version: number;
  byRule: Record<string, number>;
  byFirstStep: Partial<Record<StepKind, number>>;
  /** the channel of the first step that contacts the borrower; "none" when the path never does */
  byFirstChannel: Partial<Record<Channel | 'none', number>>;
  /** per segment ("unsegmented" when not yet segmented), accounts per rule */
  bySegment: Record<string, Record<string, number>>;
  /** accounts no rule matched (only a version that would not validate today) */
  unmatched: number;
  gate: GateCounts;
}

export interface PathChoice {
  ruleId: string | null;
  firstStep: StepKind | null;
  firstChannel: Channel | null;
}

export interface PathChange {
  loanId: string;
  bucket: string;
  dpd: number;
  segment: string | null;
  active: PathChoice | null;
  draft: PathChoice;
}

export interface DryRunReport {
  /** the instant the gate was asked about, ISO 8601 */
  at: string;
  accounts: number;
  draft: DryRunSide;
  /** null when no version is active */
  active: DryRunSide | null;
  /** accounts whose rule or path differs between the two versions */
  changedTotal: number;
  /** the first `changedLimit` of them, by loan id */
  changed: PathChange[];
}

export function dryRun(draft: PolicyUnderTest, active: PolicyUnderTest | null, accounts: readonly DryRunAccount[], at: number, changedLimit: number): DryRunReport {
  const draftSide = emptySide(draft.version);
  const activeSide = active ? emptySide(active.version) : null;
  const changed: PathChange[] = [];
  let changedTotal = 0;
  for (const account of [...accounts].sort((a, b) => (a.loanId < b.loanId ? -1 : a.loanId > b.loanId ? 1 : 0))) {
    const underDraft = tally(draftSide, draft.document, account, at);
    const underActive = active && activeSide ? tally(activeSide, active.document, account, at) : null;
    if (underActive && samePath(underDraft.path, underActive.path) && underDraft.choice.ruleId === underActive.choice.ruleId) continue;
    changedTotal += 1;
    if (changed.length < changedLimit) {
      const { facts } = account;
      changed.push({ loanId: account.loanId, bucket: facts.bucket, dpd: facts.dpd, segment: facts.segment, active: underActive?.choice ?? null, draft: underDraft.choice });
    }
  }
  return { at: new Date(at).toISOString(), accounts: accounts.length, draft: draftSide, active: activeSide, changedTotal, changed };
}

function emptySide(version: number): DryRunSide {
  return { version, byRule: {}, byFirstStep: {}, byFirstChannel: {}, bySegment: {}, unmatched: 0, gate: { allowed: 0, blockedByGateRule: {}, blockedByPolicyRule: {}, reschedulable: 0, abandoned: 0 } };
}

function tally(side: DryRunSide, document: RecoveryPolicyDocument, account: DryRunAccount, at: number): { choice: PathChoice; path: PolicyStep[] | null } {
  const selected = selectPath(document, account.facts);
  if (!selected) {
    side.unmatched += 1;
    return { choice: { ruleId: null, firstStep: null, firstChannel: null }, path: null };
  }
  const { ruleId, rule } = selected;
  const first = rule.path[0]!;
  const contact = rule.path.find((step) => stepChannel(step) !== null);
  const channel = contact ? stepChannel(contact) : null;
  bump(side.byRule, ruleId);
  bump(side.byFirstStep, stepKind(first));
  bump(side.byFirstChannel, channel ?? 'none');
  bump((side.bySegment[account.facts.segment ?? 'unsegmented'] ??= {}), ruleId);
  if (contact && channel) {
    const decision = checkContact(contactRequest(contact, channel, at), { standing: account.standing, history: account.history, weeklyCaps: document.settings.weeklyCaps });
    if (decision.allowed) side.gate.allowed += 1;
    else {
      bump(side.gate.blockedByGateRule, decision.rule);
      bump((side.gate.blockedByPolicyRule[ruleId] ??= {}), decision.rule);
      if (decision.retryAt === null) side.gate.abandoned += 1;
      else side.gate.reschedulable += 1;
    }
  }
  return { choice: { ruleId, firstStep: stepKind(first), firstChannel: channel }, path: rule.path };
}

/** Texts and calls are automated unless the step says otherwise; an email is not a TCPA contact. */
function contactRequest(step: PolicyStep, channel: Channel, at: number): ContactRequest {
  const declared = 'send' in step ? step.send.automated : 'call' in step ? step.call.automated : undefined;
  return { channel, at, automated: declared ?? automatedByDefault(channel), toThirdParty: false, threatensSuit: false };
}

function samePath(a: PolicyStep[] | null, b: PolicyStep[] | null): boolean {
  return sameJson(a, b);
}

function bump<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
