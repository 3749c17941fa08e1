// npm run -s simulate:recovery -- --loans 10000 --days 90 [--seed 1] [--seeds 5] [--policy file]
//   [--challenger file --share 0.5] [--sensitivity off]
// A simulated quarter of recovery: the product's policy, path runner, gate, reply reader and
// segmentation over a seeded delinquent book, against a naive daily reminder, every contact log
// replayed by an independent checker. Human-readable lines, then one JSON object as the last line.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { AccountFacts, RecoveryPolicyDocument } from '../policies/recovery/policy-document.js';
import { selectPath } from '../policies/recovery/select-path.js';
import { generateBorrowers } from './recovery/borrowers.js';
import type { CheckReport } from './recovery/compliance-checker.js';
import { twoProportionZ, wilson } from '../policies/recovery/experiment-statistics.js';
import { bootstrapRecoveryDifference, metricsOf, spread, type RunMetrics } from './recovery/metrics.js';
import { DOCUMENTED_KNOBS, type ResponseKnobs } from './recovery/response-model.js';
import { runBaseline, runPolicy, type RunResult } from './recovery/run.js';

const root = resolve(import.meta.dirname, '..', '..');
const args = parseArgs(process.argv.slice(2));
const loans = int(args.loans ?? '10000', 'loans');
const days = int(args.days ?? '90', 'days');
const seed = int(args.seed ?? '1', 'seed');
const seeds = int(args.seeds ?? '5', 'seeds');
const sensitivityOn = args.sensitivity !== 'off';
const policy = loadPolicy(args.policy ?? join(root, 'policies/recovery/default.policy.json'));
const challenger = args.challenger ? loadPolicy(args.challenger) : null;
const share = args.share === undefined ? 0.5 : Number(args.share);
if (!(share >= 0 && share <= 1)) fail('--share is a share of episodes from 0 to 1');

const started = performance.now();
const say = (line: string) => console.log(line);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

say(`Simulated quarter: ${loans} delinquent loans, ${days} days, seeds ${seed}..${seed + seeds - 1}, policy "${policy.name}"`);

// The main seed, in full: both strategies, both logs checked.
const borrowers = generateBorrowers(seed, loans, days);
const main = { policy: runPolicy(borrowers, policy, { seed, days, knobs: DOCUMENTED_KNOBS }), baseline: runBaseline(borrowers, policy, { seed, days, knobs: DOCUMENTED_KNOBS }) };
report('policy', main.policy);
report('baseline', main.baseline);
const checks: CheckReport[] = [main.policy.check, main.baseline.check];

// More seeds: new books and new luck, for the spread.
const perSeed: Array<{ seed: number; policy: RunMetrics; baseline: RunMetrics }> = [{ seed, policy: main.policy.metrics, baseline: main.baseline.metrics }];
for (let s = seed + 1; s < seed + seeds; s++) {
  const book = generateBorrowers(s, loans, days);
  const p = runPolicy(book, policy, { seed: s, days, knobs: DOCUMENTED_KNOBS });
  const b = runBaseline(book, policy, { seed: s, days, knobs: DOCUMENTED_KNOBS });
  checks.push(p.check, b.check);
  perSeed.push({ seed: s, policy: p.metrics, baseline: b.metrics });
  say(`seed ${s}: policy recovery ${pct(p.metrics.recoveryRate)} cure ${pct(p.metrics.cureRate)}; baseline recovery ${pct(b.metrics.recoveryRate)} cure ${pct(b.metrics.cureRate)}; uplift ${pct(uplift(p.metrics, b.metrics))}; violations ${p.check.violations + b.check.violations}`);
}
const spreads = {
  policy: { recoveryRate: spread(perSeed.map((r) => r.policy.recoveryRate)), cureRate: spread(perSeed.map((r) => r.policy.cureRate)) },
  baseline: { recoveryRate: spread(perSeed.map((r) => r.baseline.recoveryRate)), cureRate: spread(perSeed.map((r) => r.baseline.cureRate)) },
  uplift: spread(perSeed.map((r) => uplift(r.policy, r.baseline))),
};

// Sensitivity: the response model's key figures moved, the same book and seed, uplift each time.
const variants: Array<{ name: string; knobs: ResponseKnobs; cappedBaseline?: boolean }> = [
  { name: 'responsiveness x0.5', knobs: { ...DOCUMENTED_KNOBS, responsiveness: 0.5 } },
  { name: 'responsiveness x1.5', knobs: { ...DOCUMENTED_KNOBS, responsiveness: 1.5 } },
  { name: 'STOP rate x2', knobs: { ...DOCUMENTED_KNOBS, stopRate: 2 } },
  { name: 'no fatigue', knobs: { ...DOCUMENTED_KNOBS, fatigue: false } },
  { name: 'collector effect x0.5', knobs: { ...DOCUMENTED_KNOBS, collectorEffect: 0.5 } },
  { name: 'baseline under the policy weekly caps', knobs: DOCUMENTED_KNOBS, cappedBaseline: true },
];
const sensitivity = sensitivityOn
  ? variants.map((v) => {
      const p = v.cappedBaseline ? main.policy : runPolicy(borrowers, policy, { seed, days, knobs: v.knobs });
      const b = runBaseline(borrowers, policy, { seed, days, knobs: v.knobs }, v.cappedBaseline === true);
      if (!v.cappedBaseline) checks.push(p.check);
      checks.push(b.check);
      const u = uplift(p.metrics, b.metrics);
      say(`sensitivity, ${v.name}: policy recovery ${pct(p.metrics.recoveryRate)}, baseline ${pct(b.metrics.recoveryRate)}, uplift ${pct(u)}`);
      return { name: v.name, policyRecoveryRate: p.metrics.recoveryRate, baselineRecoveryRate: b.metrics.recoveryRate, uplift: u, policyCureRate: p.metrics.cureRate, baselineCureRate: b.metrics.cureRate };
    })
  : [];

// Champion against challenger on a hashed share of episodes, the same book and seed.
const experiment = challenger ? runExperiment(challenger) : null;

const evaluationsPerSecond = measureEvaluations(policy);
say(`policy evaluations: ${Math.round(evaluationsPerSecond).toLocaleString('en-US')} selectPath calls a second on one core`);

const total = checks.reduce(
  (t, c) => ({ violations: t.violations + c.violations, blocked: t.blocked + c.blocked, rescheduled: t.rescheduled + c.rescheduled, rerouted: t.rerouted + c.rerouted, abandoned: t.abandoned + c.abandoned, dropped: t.dropped + c.dropped, overtakenByEnd: t.overtakenByEnd + c.overtakenByEnd }),
  { violations: 0, blocked: 0, rescheduled: 0, rerouted: 0, abandoned: 0, dropped: 0, overtakenByEnd: 0 },
);
const elapsedMs = performance.now() - started;
say(`independent checker over ${checks.length} contact logs: ${total.violations} violations; ${total.blocked} blocked, ${total.rescheduled} rescheduled, ${total.rerouted} moved to a fallback channel, ${total.abandoned} abandoned with a reason, ${total.overtakenByEnd} overtaken by the episode's end, ${total.dropped} dropped`);
const up = uplift(main.policy.metrics, main.baseline.metrics);
say(`target: recovery rate 15% above the baseline; got ${pct(up)} on seed ${seed} (mean over ${seeds} seeds ${pct(spreads.uplift.mean)}, from ${pct(spreads.uplift.min)} to ${pct(spreads.uplift.max)})`);
say(`ran in ${(elapsedMs / 1000).toFixed(1)} s`);

const summary = {
  loans,
  days,
  seed,
  seeds,
  policyName: policy.name,
  violations: total.violations,
  blocked: main.policy.check.blocked + main.baseline.check.blocked,
  rescheduled: main.policy.check.rescheduled + main.baseline.check.rescheduled,
  rerouted: main.policy.check.rerouted + main.baseline.check.rerouted,
  abandoned: main.policy.check.abandoned + main.baseline.check.abandoned,
  dropped: total.dropped,
  allRuns: { logsChecked: checks.length, ...total },
  policy: armSummary(main.policy),
  baseline: armSummary(main.baseline),
  uplift: up,
  spreads,
  evaluationsPerSecond: Math.round(evaluationsPerSecond),
  sensitivity,
  ...(experiment ? { experiment } : {}),
  elapsedMs: Math.round(elapsedMs),
};
const out = join(root, 'bench/results', `simulate-recovery-${loans}x${days}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary));

function report(label: string, r: RunResult): void {
  const m = r.metrics;
  say(`${label}: recovery ${pct(m.recoveryRate)}, cure ${pct(m.cureRate)} (30/60/90 days ${pct(m.cureWithin.d30)}/${pct(m.cureWithin.d60)}/${pct(m.cureWithin.d90)}), roll-forward ${pct(m.rollForwardRate)}, ${m.contactsSent} contacts (${m.contactsPerCure.toFixed(1)} per cure), promises ${m.promises.made} made ${m.promises.kept} kept ${m.promises.broken} broken, ${m.optOuts} opt-outs, ${r.collectorCalls} collector calls, ${r.evaluations} policy evaluations, ${r.gateCalls} gate calls, ${(r.elapsedMs / 1000).toFixed(1)} s`);
  const c = r.check;
  say(`${label} log: ${c.sent} sent (${Object.entries(c.sentByChannel).map(([k, v]) => `${k} ${v}`).join(', ')}), ${c.violations} violations, ${c.blocked} blocked (${Object.entries(c.blockedByRule).map(([k, v]) => `${k} ${v}`).join(', ')}), ${c.rescheduled} rescheduled, ${c.rerouted} rerouted, ${c.abandoned} abandoned, ${c.dropped} dropped`);
  for (const [reason, n] of Object.entries(c.abandonedByReason).sort((a, b) => b[1] - a[1]).slice(0, 6)) say(`  abandoned ${n}: ${reason}`);
  for (const v of c.examples.slice(0, 5)) say(`  VIOLATION ${v.rule} ${v.loanId} at ${new Date(v.at).toISOString()}: ${v.detail}`);
}

function armSummary(r: RunResult) {
  const m = r.metrics;
  return {
    recoveryRate: m.recoveryRate,
    cureRate: m.cureRate,
    cureWithin: m.cureWithin,
    rollForwardRate: m.rollForwardRate,
    contactsSent: m.contactsSent,
    contactsPerCure: m.contactsPerCure,
    promisesKept: m.promises.kept,
    promisesBroken: m.promises.broken,
    promisesMade: m.promises.made,
    optOuts: m.optOuts,
    collectorCalls: r.collectorCalls,
    evaluations: r.evaluations,
    violations: r.check.violations,
    blocked: r.check.blocked,
    blockedByRule: r.check.blockedByRule,
    rescheduled: r.check.rescheduled,
    rerouted: r.check.rerouted,
    abandoned: r.check.abandoned,
    abandonedByReason: r.check.abandonedByReason,
    dropped: r.check.dropped,
    recoveredMinor: m.recoveredMinor,
    delinquentMinor: m.delinquentMinor,
  };
}

function runExperiment(challengerPolicy: RecoveryPolicyDocument) {
  const shareBps = Math.round(share * 10_000);
  const r = runPolicy(borrowers, policy, { seed, days, knobs: DOCUMENTED_KNOBS }, { challenger: challengerPolicy, shareBps, id: `sim-${seed}` });
  checks.push(r.check);
  const arms = { champion: r.episodes.filter((ep) => (ep.s as { arm: string }).arm === 'champion'), challenger: r.episodes.filter((ep) => (ep.s as { arm: string }).arm === 'challenger') };
  const arm = (eps: typeof arms.champion) => {
    const m = metricsOf(eps);
    const cured = eps.filter((ep) => ep.curedDay !== null).length;
    return { episodes: eps.length, recoveryRate: m.recoveryRate, cureRate: m.cureRate, cureRateCi95: wilson(cured, eps.length), cureWithin: m.cureWithin, rollForwardRate: m.rollForwardRate, contactsPerCure: m.contactsPerCure, promisesKept: m.promises.kept, promisesBroken: m.promises.broken, optOuts: m.optOuts };
  };
  const champion = arm(arms.champion), challengerArm = arm(arms.challenger);
  const cure = twoProportionZ(arms.champion.filter((e) => e.curedDay !== null).length, arms.champion.length, arms.challenger.filter((e) => e.curedDay !== null).length, arms.challenger.length);
  const recovery = arms.champion.length > 0 && arms.challenger.length > 0 ? bootstrapRecoveryDifference(arms.champion, arms.challenger, 1000, seed) : null;
  say(`experiment "${policy.name}" (champion) vs "${challengerPolicy.name}" (challenger) on ${pct(share)} of episodes:`);
  say(`  champion: ${champion.episodes} episodes, recovery ${pct(champion.recoveryRate)}, cure ${pct(champion.cureRate)} [${pct(champion.cureRateCi95[0])}, ${pct(champion.cureRateCi95[1])}]`);
  say(`  challenger: ${challengerArm.episodes} episodes, recovery ${pct(challengerArm.recoveryRate)}, cure ${pct(challengerArm.cureRate)} [${pct(challengerArm.cureRateCi95[0])}, ${pct(challengerArm.cureRateCi95[1])}]`);
  say(`  cure-rate difference: z ${cure.z.toFixed(2)}, p ${cure.p.toFixed(4)}; recovery-rate difference ${recovery ? `${pct(recovery.difference)} [${pct(recovery.ci95[0])}, ${pct(recovery.ci95[1])}], bootstrap p ${recovery.p.toFixed(4)}` : 'n/a'}; violations ${r.check.violations}`);
  return { champion: { name: policy.name, ...champion }, challenger: { name: challengerPolicy.name, ...challengerArm }, share, cureRateTest: { ...cure, difference: challengerArm.cureRate - champion.cureRate }, recoveryRateTest: recovery, violations: r.check.violations };
}

/** selectPath over varied facts in a tight loop, one core, after a warm-up. */
function measureEvaluations(doc: RecoveryPolicyDocument): number {
  const buckets = ['1-15', '16-30', '31-60', '61-90', '90+'];
  const events = ['entered', 'bucket_changed', 'promise_broken', 'promise_kept', 'path_completed', 'case_returned'] as const;
  const segments = ['self_cure', 'reminder', 'flexible_schedule', 'restructure', 'field_or_legal'] as const;
  const facts: AccountFacts[] = Array.from({ length: 4096 }, (_, i) => ({
    event: events[i % events.length]!,
    bucket: buckets[(i >> 3) % buckets.length]!,
    dpd: 1 + ((i * 7) % 150),
    segment: segments[(i >> 5) % segments.length]!,
    propensityBand: (['high', 'medium', 'low'] as const)[i % 3]!,
    balanceMinor: 100_000 + ((i * 7919) % 5_000_000),
    currency: i % 4 === 0 ? 'USD' : 'INR',
    product: 'personal-loan',
    region: i % 4 === 0 ? 'US' : 'IN',
    contactHistory: { contacts: i % 20, replies: i % 3, promisesBroken: i % 2, promisesKept: i % 4 === 1 ? 1 : 0, daysSinceLastContact: i % 5 === 0 ? null : i % 9 },
  }));
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += selectPath(doc, facts[i & 4095]!)?.rule.path.length ?? 0;
  const n = 2_000_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink += selectPath(doc, facts[i & 4095]!)?.rule.path.length ?? 0;
  const seconds = (performance.now() - t0) / 1000;
  if (sink < 0) console.error(sink);
  return n / seconds;
}

function uplift(p: RunMetrics, b: RunMetrics): number {
  return b.recoveryRate === 0 ? 0 : p.recoveryRate / b.recoveryRate - 1;
}

/**
 * A policy document from JSON or YAML (YAML is a superset of JSON; the `yaml` package reads both).
 * Only its shape is checked here: the full schema and semantic validation is policies/recovery's
 * validate-policy.ts, which another part of this issue adds.
 */
function loadPolicy(file: string): RecoveryPolicyDocument {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`cannot read the policy ${file}: ${(err as Error).message}`);
  }
  const d = doc as Partial<RecoveryPolicyDocument>;
  if (typeof d?.name !== 'string' || !Array.isArray(d.rules) || d.rules.length === 0 || typeof d.settings !== 'object' || d.settings === null) fail(`${file} is not a recovery policy document (name, settings and rules are required)`);
  return d as RecoveryPolicyDocument;
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!;
    if (!key.startsWith('--')) fail(`unexpected argument ${key}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) fail(`${key} needs a value`);
    out[key.slice(2)] = value;
    i++;
  }
  const known = ['loans', 'days', 'seed', 'seeds', 'policy', 'challenger', 'share', 'sensitivity'];
  for (const k of Object.keys(out)) if (!known.includes(k)) fail(`unknown option --${k} (known: ${known.map((x) => `--${x}`).join(', ')})`);
  return out;
}

function int(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) fail(`--${name} must be a whole number, 1 or more`);
  return n;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
