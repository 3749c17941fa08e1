// The lender's own lending and collections policy, written from what Credence actually runs:
// the products, the credit policy's cut-offs, the adverse-action reasons, the default recovery
// policy and the compliance gate's rules per jurisdiction. Generated, never edited by hand
// (`npm run rag:starter` writes it; lending-policy.spec.ts fails when the file is stale), so the
// assistant cannot answer from a policy the platform no longer follows.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Product } from '../../domain/product.js';
import { REASONS, MAX_REASONS } from '../../models/scorecard/reasons.js';
import { CREDIT_POLICY_VERSION, SCORE_CUTOFFS } from '../../policies/credit-policy.js';
import { POLICY_REASONS } from '../../policies/decision-reasons.js';
import { loadProducts } from '../../policies/products.js';
import { rulePackFor, type RulePack } from '../../policies/compliance/rule-packs.js';
import { RECOVERY_SEGMENTS, RECOVERY_SEGMENTS_POLICY_VERSION } from '../../policies/recovery-segments.js';

export const LENDING_POLICY_FILE = fileURLToPath(new URL('../collections/starter/credence-lending-and-collections-policy.md', import.meta.url).href.replace('/dist/', '/'));

interface RecoveryPolicyFile {
  name: string;
  description: string;
  settings: { weeklyCaps: Record<string, number>; promiseToleranceBps: number; promiseMaxDays: number };
  rules: { id: string; description: string; when: Record<string, unknown>; path: Record<string, Record<string, unknown>>[] }[];
}

function money(minor: number, currency: string): string {
  return `${currency} ${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function percent(bps: number): string {
  return `${(bps / 100).toFixed(2)}%`;
}

function productSection(p: Product): string[] {
  const lines = [`## Product: ${p.name} (${p.code})`, ''];
  lines.push(`The ${p.name.toLowerCase()} is offered in ${p.currencies.join(', ')}, for terms of ${p.minTermMonths} to ${p.maxTermMonths} months.`, '');
  lines.push(`### ${p.name}: amounts`, '');
  for (const c of p.currencies) lines.push(`- In ${c} the loan amount is from ${money(p.minPrincipal[c]!, c)} to ${money(p.maxPrincipal[c]!, c)}.`);
  lines.push('', `### ${p.name}: pricing by score`, '');
  lines.push('The annual percentage rate (APR) is set by the applicant\'s credit score tier:', '');
  const tiers = [...p.pricing].sort((a, b) => b.minScore - a.minScore);
  for (const t of tiers) lines.push(`- A score of ${t.minScore} or more gets an APR of ${percent(t.aprBps)}${t.minScore === 0 ? ' (the highest rate, for any lower score)' : ''}.`);
  lines.push('', `### ${p.name}: fees`, '');
  lines.push(`The origination fee is ${percent(p.originationFeeBps)} of the principal, deducted from the amount paid out.`);
  lines.push(`A late fee is charged when an instalment is ${p.lateFeeAfterDays} days past due: ${p.currencies.map((c) => money(p.lateFee[c]!, c)).join(', ')}.`);
  lines.push(`An unpaid amount of ${p.dpdToleranceMinor} minor units or less does not make an instalment past due.`, '');
  lines.push(`### ${p.name}: offers, reviews and autopay`, '');
  lines.push(`An offer expires ${p.offerExpiry.replace(/^(\d+)d$/, '$1 days').replace(/^(\d+)h$/, '$1 hours')} after it is made if the borrower does not accept it.`);
  lines.push(`A manual review not decided within ${p.reviewTimeout.replace(/^(\d+)h$/, '$1 hours').replace(/^(\d+)d$/, '$1 days')} escalates; one more such period and the application is declined.`);
  lines.push(`When an autopay collection fails, it is retried ${p.autopayRetryDays.join(' and ')} days after the due date.`, '');
  lines.push(`### ${p.name}: delinquency buckets and charge-off`, '');
  lines.push('A loan past due is placed in a delinquency bucket by its days past due (DPD):', '');
  p.buckets.forEach((b, i) => {
    const next = p.buckets[i + 1];
    lines.push(`- Bucket ${b.name}: ${next ? `${b.minDpd} to ${next.minDpd - 1} days past due` : `${b.minDpd} or more days past due`}.`);
  });
  lines.push('', `A loan is charged off at ${p.chargeOffDpd} days past due.`, '');
  return lines;
}

function creditPolicySection(): string[] {
  return [
    `## Credit policy (${CREDIT_POLICY_VERSION})`,
    '',
    '### Credit decision order',
    '',
    'Terms the product does not offer are declined first. A failed identity (KYC) check is declined, and so is an application that fraud screening declines. A doubt about who the applicant is, a decision without the credit bureau, or a missing score goes to a person for manual review.',
    '',
    '### Score cut-offs',
    '',
    `- A credit score of ${SCORE_CUTOFFS.approveAt} or more is approved.`,
    `- A score from ${SCORE_CUTOFFS.declineBelow} to ${SCORE_CUTOFFS.approveAt - 1} goes to manual review by a person (the review band).`,
    `- A score below ${SCORE_CUTOFFS.declineBelow} is declined.`,
    '',
    'An approved loan is for the amount requested, up to the credit limit the score allows and the product maximum; if that is below the product minimum the application is declined for insufficient income.',
    '',
  ];
}

function adverseActionSection(): string[] {
  const lines = ['## Adverse-action reasons', '', `A declined applicant is given the principal reasons for the decision, at most ${MAX_REASONS} reasons, in plain words.`, '', '### Reasons the credit policy gives', ''];
  for (const r of Object.values(POLICY_REASONS)) lines.push(`- ${r.code}: ${r.text}.`);
  lines.push('', 'Fraud is never given as a reason: the applicant reads that their identity could not be verified.', '', '### Reasons the scorecard gives', '');
  for (const [code, text] of Object.entries(REASONS)) lines.push(`- ${code}: ${text}.`);
  lines.push('');
  return lines;
}

function recoverySection(policy: RecoveryPolicyFile): string[] {
  const lines = [`## Recovery policy (${policy.name})`, '', policy.description, '', '### Contact caps and promises', ''];
  lines.push(`Collection contacts per borrower are capped each week: ${Object.entries(policy.settings.weeklyCaps).map(([ch, n]) => `${n} by ${ch}`).join(', ')}.`);
  lines.push(`A promise to pay may be at most ${policy.settings.promiseMaxDays} days out, and a payment within ${percent(policy.settings.promiseToleranceBps)} of the promised amount keeps it.`, '');
  lines.push(`### Recovery segments (${RECOVERY_SEGMENTS_POLICY_VERSION})`, '', `Each delinquent account is placed in one of these segments: ${RECOVERY_SEGMENTS.join(', ')}.`, '');
  for (const rule of policy.rules) {
    lines.push(`### Recovery path: ${rule.id}`, '', rule.description, '');
    for (const step of rule.path) {
      const [kind, args] = Object.entries(step)[0]!;
      const a = args;
      if (kind === 'send') lines.push(`- Send the ${String(a.template)} message by ${String(a.channel)}.`);
      else if (kind === 'wait') lines.push(`- Wait ${String(a.days)} days, or until the borrower has ${(a.until as string[]).join(' or ')}.`);
      else if (kind === 'call') lines.push(`- Call with the ${String(a.script)} script.`);
      else if (kind === 'offer') lines.push(`- Offer a ${String(a.kind)} by ${String(a.channel)} (${String(a.template)}).`);
      else if (kind === 'handoff') lines.push(`- Hand off to the ${String(a.queue)} queue${(a.skills as string[]).length ? ` (skills: ${(a.skills as string[]).join(', ')})` : ''}.`);
    }
    lines.push('');
  }
  return lines;
}

function gateSection(pack: RulePack, title: string): string[] {
  const lines = [`## Compliance gate rules: ${title}`, '', 'Every collection contact passes the compliance gate first; a blocked contact is logged with its rule and rescheduled.', '', `### ${title}: rules`, ''];
  for (const rule of pack.rules) lines.push(`- ${rule.id}: ${rule.citation}.`);
  lines.push('', `### ${title}: disclosures added to messages`, '');
  for (const d of pack.disclosures) lines.push(`- ${d.id}: ${d.citation}${d.channels ? ` (on ${d.channels.join(', ')})` : ''}.`);
  if (pack.writtenWithin) lines.push(`- ${pack.writtenWithin.citation}.`);
  lines.push('');
  return lines;
}

export function renderLendingPolicy(): string {
  const recovery = JSON.parse(readFileSync(fileURLToPath(new URL('../../policies/recovery/default.policy.json', import.meta.url)), 'utf8')) as RecoveryPolicyFile;
  const lines = [
    'source: Credence lending and collections policy (generated from policies/ by npm run rag:starter)',
    'section: Credence lending and collections policy',
    '',
    '# Credence lending and collections policy',
    '',
    'This is the lender\'s own policy as the platform applies it. It is generated from the policy files and must not be edited by hand.',
    '',
    ...[...loadProducts().values()].flatMap(productSection),
    ...creditPolicySection(),
    ...adverseActionSection(),
    ...recoverySection(recovery),
    ...gateSection(rulePackFor('US'), 'United States'),
    ...gateSection(rulePackFor('IN'), 'India'),
    ...gateSection(rulePackFor('ZZ'), 'other countries'),
  ];
  return `${lines.join('\n').replace(/\.\.$/gm, '.').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
