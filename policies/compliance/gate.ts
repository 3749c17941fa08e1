// The compliance gate: every outbound contact asks it first, in one place. It answers either
// "send now, with these disclosures" or "blocked by this rule", with the earliest instant every
// rule of the borrower's pack would allow the same contact (or none, with the reason, when no
// amount of waiting helps: an opt-out, a dispute awaiting verification, a deceased borrower).
// The caller logs a block with its rule and reschedules to `retryAt`; nothing is dropped silently.
import { rulePackFor, type Disclosure } from './rule-packs.js';
import type { Channel, ContactRequest, GateContext, Rule, RuleResult } from './rules.js';

export type GateDecision =
  | { allowed: true; jurisdiction: string; disclosures: readonly Disclosure[]; rulesChecked: readonly string[] }
  | { allowed: false; jurisdiction: string; rule: string; citation: string; reason: string; retryAt: number | null };

/** How many times the gate moves a contact forward looking for an instant all rules allow. */
const MAX_STEPS = 64;

export function checkContact(request: ContactRequest, context: GateContext): GateDecision {
  const pack = rulePackFor(context.standing.country);
  const first = firstBlock(request, context);
  if (!first) {
    // A disclosure given once (the validation information) goes on every contact that can carry
    // it until one that carried it has gone out: a collector's call or an automated call carries
    // nothing in writing, so the first text, email or letter after it still does (validation-window.ts
    // sees that it goes within the five days).
    const onChannel = (d: Disclosure, channel: Channel) => !d.channels || d.channels.includes(channel);
    const given = (d: Disclosure) => context.history.some((c) => onChannel(d, c.channel) && (c.disclosures ?? []).includes(d.id));
    const disclosures = pack.disclosures.filter((d) => onChannel(d, request.channel) && (!d.untilGiven || !given(d)));
    return { allowed: true, jurisdiction: pack.jurisdiction, disclosures, rulesChecked: pack.rules.map((r) => r.id) };
  }
  const blocked = { allowed: false as const, jurisdiction: pack.jurisdiction, rule: first.rule.id, citation: first.rule.citation, reason: first.result.reason };
  // One rule's reopening may be another's closed hour: step forward until every rule agrees.
  let at = first.result.retryAt;
  for (let step = 0; at !== null && step < MAX_STEPS; step++) {
    const next = firstBlock({ ...request, at }, context);
    if (!next) return { ...blocked, retryAt: at };
    if (next.result.retryAt !== null && next.result.retryAt <= at) break;
    at = next.result.retryAt;
  }
  return { ...blocked, retryAt: null };
}

function firstBlock(request: ContactRequest, context: GateContext): { rule: Rule; result: Extract<RuleResult, { ok: false }> } | undefined {
  for (const rule of rulePackFor(context.standing.country).rules) {
    const result = rule.check(request, context);
    if (!result.ok) return { rule, result };
  }
  return undefined;
}
