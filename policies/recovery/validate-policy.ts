// Is this document a policy recovery can run? First its shape, against the published JSON Schema
// (recovery-policy.schema.ts, through ajv), then what no schema can say: unique rule ids, a last
// rule that matches every account (so selectPath never answers null), rules an earlier one
// shadows (warnings: they can never be chosen), ranges upside down, currencies, buckets and
// templates that exist, nothing after a step that ends the path, fallbacks that do not fall back
// to themselves, letters that are not "automated" (warnings: a wait after a letter shorter than the
// post takes), and a policy without bounds on arrangements (a warning: every one needs a checker).
// Pure: the bucket names and the template catalogue come in from the edge.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { isSupportedCurrency } from '../../domain/currency.js';
import type { Channel } from '../compliance/rules.js';
import { RECOVERY_EVENTS, type PolicyRule, type Range, type RecoveryPolicyDocument, type RuleConditions } from './policy-document.js';
import { pointer, type PolicyProblem } from './policy-problem.js';
import { RECOVERY_POLICY_SCHEMA } from './recovery-policy.schema.js';
import type { TemplateCatalogue } from './template-keys.js';

export interface PolicyContext {
  /** every bucket name some product defines (policies/products/), read at the edge */
  bucketNames: readonly string[];
  catalogue: TemplateCatalogue;
}

export type PolicyValidation =
  | { valid: true; document: RecoveryPolicyDocument; errors: []; warnings: PolicyProblem[] }
  | { valid: false; errors: PolicyProblem[]; warnings: PolicyProblem[] };

const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
const checkShape = ajv.compile<RecoveryPolicyDocument>(RECOVERY_POLICY_SCHEMA as unknown as object);

/** Enough to act on; a document with hundreds of faults is the wrong file. */
const MAX_PROBLEMS = 100;

export function validatePolicy(input: unknown, context: PolicyContext): PolicyValidation {
  if (!checkShape(input)) return { valid: false, errors: schemaProblems(checkShape.errors ?? []).slice(0, MAX_PROBLEMS), warnings: [] };
  const errors: PolicyProblem[] = [];
  const warnings: PolicyProblem[] = [];
  checkRules(input, context, errors, warnings);
  checkSettings(input, errors);
  if (input.settings.arrangements === undefined) {
    warnings.push({ path: pointer('settings', 'arrangements'), message: 'no bounds on arrangements: every plan, restructure and settlement under this policy needs a second person to approve it' });
  }
  if (errors.length > 0) return { valid: false, errors: errors.slice(0, MAX_PROBLEMS), warnings };
  return { valid: true, document: input, errors: [], warnings };
}

/** ajv's errors as one problem each, at the pointer of the offending (or missing) field. */
function schemaProblems(errors: readonly ErrorObject[]): PolicyProblem[] {
  const seen = new Set<string>();
  const problems: PolicyProblem[] = [];
  for (const e of errors) {
    // anyOf repeats each branch's complaint; the anyOf error itself says it in one line.
    if (e.keyword !== 'anyOf' && errors.some((other) => other.keyword === 'anyOf' && e.schemaPath.startsWith(other.schemaPath.replace(/anyOf$/, 'anyOf/')))) continue;
    const problem = schemaProblem(e);
    const key = `${problem.path} ${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function schemaProblem(e: ErrorObject): PolicyProblem {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path: `${e.instancePath}${pointer(String(params.missingProperty))}`, message: 'is required' };
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const isStep = known.includes('send') && known.includes('stop');
      return {
        path: `${e.instancePath}${pointer(extra)}`,
        message: isStep ? `is not a kind of step (send, call, wait, offer, handoff or stop)` : `is not a field here${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`,
      };
    }
    case 'maxProperties':
    case 'minProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      if (known.includes('send') && known.includes('stop')) return { path: e.instancePath, message: 'a step is a map of exactly one key: send, call, wait, offer, handoff or stop' };
      return { path: e.instancePath, message: `must name at least one of ${known.join(', ')}` };
    }
    case 'enum':
      return { path: e.instancePath, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'anyOf':
      return { path: e.instancePath, message: 'must be "risk_x_balance" or a whole number from 0 to 1000000' };
    default:
      return { path: e.instancePath, message: e.message ?? `breaks the schema's ${e.keyword} rule` };
  }
}

function checkRules(doc: RecoveryPolicyDocument, context: PolicyContext, errors: PolicyProblem[], warnings: PolicyProblem[]): void {
  const firstIndexOf = new Map<string, number>();
  const buckets = new Set(context.bucketNames);
  const templates = new Set(context.catalogue.templates);
  const scripts = new Set(context.catalogue.scripts);
  doc.rules.forEach((rule, i) => {
    const at = (...tokens: (string | number)[]) => pointer('rules', i, ...tokens);
    const first = firstIndexOf.get(rule.id);
    if (first !== undefined) errors.push({ path: at('id'), message: `rule id "${rule.id}" is already used by rule ${first}; ids must be unique` });
    else firstIndexOf.set(rule.id, i);

    checkConditions(rule.when, buckets, (problem) => errors.push({ ...problem, path: at('when') + problem.path }));
    checkPath(rule, templates, scripts, (problem) => errors.push({ ...problem, path: at('path') + problem.path }));
    checkLetters(rule, (problem) => warnings.push({ ...problem, path: at('path') + problem.path }));

    const shadow = doc.rules.slice(0, i).findIndex((earlier) => covers(earlier.when, rule.when, context.bucketNames));
    if (shadow >= 0) warnings.push({ path: at(), message: `rule "${rule.id}" can never be chosen: rule ${shadow} ("${doc.rules[shadow]!.id}") comes first and matches every account it matches` });
  });
  const last = doc.rules.length - 1;
  if (!isCatchAll(doc.rules[last]!.when, context.bucketNames)) {
    errors.push({
      path: pointer('rules', last, 'when'),
      message: 'the last rule must match every account (when: {} or conditions that leave nothing out), so that every delinquent account gets a path',
    });
  }
}

function checkConditions(when: RuleConditions, buckets: ReadonlySet<string>, report: (p: PolicyProblem) => void): void {
  const ranges: [string[], Range | undefined][] = [
    [['dpd'], when.dpd],
    [['balance'], when.balance],
    ...(['contacts', 'replies', 'promisesBroken', 'promisesKept', 'daysSinceLastContact'] as const).map((k): [string[], Range | undefined] => [['contactHistory', k], when.contactHistory?.[k]]),
  ];
  for (const [tokens, range] of ranges) {
    if (range?.min !== undefined && range.max !== undefined && range.min > range.max) report({ path: pointer(...tokens), message: `min ${range.min} is above max ${range.max}: nothing can match` });
  }
  const currency = when.balance?.currency;
  if (currency !== undefined && !isSupportedCurrency(currency)) report({ path: pointer('balance', 'currency'), message: `${String(currency)} is not an ISO 4217 currency Credence knows` });
  when.buckets?.forEach((bucket, k) => {
    if (!buckets.has(bucket)) report({ path: pointer('buckets', k), message: `no product has a bucket named "${bucket}" (known: ${[...buckets].join(', ') || 'none'})` });
  });
}

function checkPath(rule: PolicyRule, templates: ReadonlySet<string>, scripts: ReadonlySet<string>, report: (p: PolicyProblem) => void): void {
  const ender = rule.path.findIndex((s) => 'stop' in s || 'handoff' in s);
  if (ender >= 0 && ender < rule.path.length - 1) {
    report({ path: pointer(ender + 1), message: `nothing may follow step ${ender} (${'stop' in rule.path[ender]! ? 'stop' : 'handoff'}): it ends the path` });
  }
  rule.path.forEach((step, k) => {
    const template = 'send' in step ? ['send', step.send.template] : 'offer' in step ? ['offer', step.offer.template] : undefined;
    if (template && !templates.has(template[1]!)) report({ path: pointer(k, template[0]!, 'template'), message: `no template "${template[1]}" in the template catalogue` });
    if ('call' in step && !scripts.has(step.call.script)) report({ path: pointer(k, 'call', 'script'), message: `no voice script "${step.call.script}" in the template catalogue` });
    // The TCPA's "automated" is about dialling and texting: a letter is posted, and saying it is automated would say nothing true.
    if ('send' in step && step.send.channel === 'letter' && step.send.automated === true) report({ path: pointer(k, 'send', 'automated'), message: 'a letter is posted, not autodialled or texted: automated does not apply to it' });
    // A draft is plain text: a letter is a document (the validation notice may ride in it) and a call a script.
    if ('send' in step && step.send.draft === true && !DRAFTABLE_CHANNELS.includes(step.send.channel)) report({ path: pointer(k, 'send', 'draft'), message: `the drafting agent writes texts, WhatsApp messages and emails, not a ${step.send.channel === 'voice' ? 'call' : step.send.channel}: send the template` });
  });
}

/** The channels a send step may have the drafting agent write for. */
export const DRAFTABLE_CHANNELS: readonly Channel[] = ['sms', 'whatsapp', 'email'];

/** First class takes three to five business days (USPS): a wait shorter than that after a letter is over before it can have been read. */
export const LETTER_TRANSIT_DAYS = 5;

function checkLetters(rule: PolicyRule, warn: (p: PolicyProblem) => void): void {
  rule.path.forEach((step, k) => {
    const next = rule.path[k + 1];
    const posts = ('send' in step && step.send.channel === 'letter') || ('offer' in step && step.offer.channel === 'letter');
    if (posts && next && 'wait' in next && next.wait.days < LETTER_TRANSIT_DAYS) {
      warn({ path: pointer(k + 1, 'wait', 'days'), message: `a letter takes up to ${LETTER_TRANSIT_DAYS} days in the post: a wait of ${next.wait.days} after it ends before the borrower can have read it` });
    }
  });
}

function checkSettings(doc: RecoveryPolicyDocument, errors: PolicyProblem[]): void {
  for (const [channel, list] of Object.entries(doc.settings.fallback) as [Channel, Channel[]][]) {
    list.forEach((to, k) => {
      if (to === channel) errors.push({ path: pointer('settings', 'fallback', channel, k), message: `${channel} cannot fall back to itself` });
    });
  }
}

// --- which accounts a rule matches, conservatively -------------------------------------------
// "covers(a, b)" is true only when every account b matches, a matches too (each condition of a
// holds wherever b's does). It may miss a cover that takes several conditions together to see;
// it never claims one that is not there, so a warning is always real.

/** A rule that matches every account: selectPath can never fall past it. */
export function isCatchAll(when: RuleConditions, bucketNames: readonly string[]): boolean {
  return covers(when, {}, bucketNames);
}

export function covers(a: RuleConditions, b: RuleConditions, bucketNames: readonly string[]): boolean {
  const ah = a.contactHistory ?? {};
  const bh = b.contactHistory ?? {};
  return (
    listCovers(a.events, b.events, RECOVERY_EVENTS) &&
    listCovers(a.buckets, b.buckets, bucketNames.length > 0 ? bucketNames : undefined) &&
    rangeCovers(a.dpd, b.dpd) &&
    // an account not yet segmented or scored has null: only an absent condition matches it
    listCovers(a.segments, b.segments, undefined) &&
    listCovers(a.propensityBands, b.propensityBands, undefined) &&
    (a.balance === undefined || (b.balance !== undefined && b.balance.currency === a.balance.currency && rangeCovers(a.balance, b.balance))) &&
    listCovers(a.products, b.products, undefined) &&
    listCovers(a.regions, b.regions, undefined) &&
    rangeCovers(ah.contacts, bh.contacts) &&
    rangeCovers(ah.replies, bh.replies) &&
    rangeCovers(ah.promisesBroken, bh.promisesBroken) &&
    rangeCovers(ah.promisesKept, bh.promisesKept) &&
    // never contacted is null, which only an absent condition matches
    (ah.daysSinceLastContact === undefined || (bh.daysSinceLastContact !== undefined && rangeCovers(ah.daysSinceLastContact, bh.daysSinceLastContact)))
  );
}

/** `everything`: the whole domain when it is known and finite (events, buckets), so a list of all of it covers an absent condition. */
function listCovers<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, everything: readonly T[] | undefined): boolean {
  if (a === undefined) return true;
  const wanted = b ?? everything;
  return wanted !== undefined && wanted.every((v) => a.includes(v));
}

/** Counts, days and balances are never negative: an absent lower end is 0. */
function rangeCovers(a: Range | undefined, b: Range | undefined): boolean {
  if (a === undefined) return true;
  const bMin = b?.min ?? 0;
  const bMax = b?.max ?? Number.POSITIVE_INFINITY;
  if (bMin > bMax) return true; // b matches nothing at all
  return (a.min === undefined || a.min <= bMin) && (a.max === undefined || a.max >= bMax);
}
