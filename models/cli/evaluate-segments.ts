// `npm run build && node dist/models/cli/evaluate-segments.js --data collections.csv [--model DIR] [--out metrics.json]`
//
// Scores a labelled collections table with the propensity-to-pay model, segments every row with
// policies/recovery-segments.ts and prints how the segments match the `treatment` column: the
// confusion table, accuracy and per-segment precision / recall. Columns: the model card's features
// by name (parsed per models/CARD.md) and `treatment`; others are ignored. Scoring the model's own
// training file gives in-sample propensities, which the output says. Imports relative modules, so
// it runs from the build, not on type stripping.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RECOVERY_SEGMENTS, RECOVERY_SEGMENTS_POLICY_VERSION, SEGMENT_THRESHOLDS, PROPENSITY_BANDS, segmentRecovery, type RecoveryFeatures, type RecoverySegment } from '../../policies/recovery-segments.js';
import { parseCsvTable } from '../runtime/csv.js';
import { parseCsvCell } from '../runtime/feature-encoder.js';
import { type ModelRecord, ModelRuntime } from '../runtime/model-runtime.js';

const DEFAULT_MODEL = 'models/artifacts/propensity-to-pay/1.0.0';
const BATCH = 1_000;
const USAGE = 'usage: node dist/models/cli/evaluate-segments.js --data collections.csv [--model DIR] [--out metrics.json]';
const FEATURES = ['current_dpd', 'on_time_payment_ratio_bps', 'credit_utilisation_bps', 'income_seasonality_bps', 'transaction_regularity_bps', 'communication_engagement_bps', 'promises_kept_ratio_bps'] as const satisfies readonly (keyof RecoveryFeatures)[];
const NULLABLE = new Set<string>(['credit_utilisation_bps', 'income_seasonality_bps', 'transaction_regularity_bps', 'communication_engagement_bps', 'promises_kept_ratio_bps']);

export interface LabelledRows {
  records: ModelRecord[];
  features: RecoveryFeatures[];
  treatments: RecoverySegment[];
}

/** The model's records, the policy's features and the labels, row by row; any bad cell fails with its line. */
export function rowsFromCsv(runtime: Pick<ModelRuntime, 'features'>, text: string): LabelledRows {
  const { columns, rows } = parseCsvTable(text);
  const needed = [...new Set([...runtime.features.map((f) => f.name), ...FEATURES, 'treatment'])];
  const missing = needed.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new Error(`the CSV has no column for ${missing.join(', ')}`);
  const at = (name: string) => columns.indexOf(name);
  const out: LabelledRows = { records: [], features: [], treatments: [] };
  for (const { line, fields } of rows) {
    const record = Object.fromEntries(runtime.features.map((f) => [f.name, parseCsvCell(f, fields[at(f.name)]!)]));
    const features = Object.fromEntries(FEATURES.map((name) => [name, cellNumber(name, fields[at(name)]!, line)])) as unknown as RecoveryFeatures;
    const treatment = fields[at('treatment')]!.trim();
    if (!(RECOVERY_SEGMENTS as readonly string[]).includes(treatment)) throw new Error(`CSV line ${line}: treatment ${JSON.stringify(treatment)} is not one of ${RECOVERY_SEGMENTS.join(', ')}`);
    out.records.push(record);
    out.features.push(features);
    out.treatments.push(treatment as RecoverySegment);
  }
  return out;
}

function cellNumber(name: string, text: string, line: number): number | null {
  const value = parseCsvCell({ name, type: 'numeric', nullable: NULLABLE.has(name) }, text);
  if (value === null && NULLABLE.has(name)) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`CSV line ${line}: ${name} must be a whole number${NULLABLE.has(name) ? ' or empty' : ''}, got ${JSON.stringify(text)}`);
  return value;
}

export interface SegmentMetrics {
  rows: number;
  accuracy: number;
  macroF1: number;
  /** accuracy of always answering the most common treatment */
  majorityBaseline: { segment: RecoverySegment; accuracy: number };
  /** confusion[actual][predicted] */
  confusion: Record<RecoverySegment, Record<RecoverySegment, number>>;
  perSegment: { segment: RecoverySegment; actual: number; predicted: number; precision: number; recall: number; f1: number }[];
}

export function evaluateSegments(actual: readonly RecoverySegment[], predicted: readonly RecoverySegment[]): SegmentMetrics {
  if (actual.length !== predicted.length) throw new Error(`${actual.length} labels but ${predicted.length} predictions`);
  const zero = () => Object.fromEntries(RECOVERY_SEGMENTS.map((s) => [s, 0])) as Record<RecoverySegment, number>;
  const confusion = Object.fromEntries(RECOVERY_SEGMENTS.map((s) => [s, zero()])) as SegmentMetrics['confusion'];
  actual.forEach((a, i) => confusion[a][predicted[i]!]++);
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  const perSegment = RECOVERY_SEGMENTS.map((segment) => {
    const hits = confusion[segment][segment];
    const actualN = RECOVERY_SEGMENTS.reduce((n, p) => n + confusion[segment][p], 0);
    const predictedN = RECOVERY_SEGMENTS.reduce((n, a) => n + confusion[a][segment], 0);
    const precision = ratio(hits, predictedN);
    const recall = ratio(hits, actualN);
    return { segment, actual: actualN, predicted: predictedN, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
  });
  const correct = RECOVERY_SEGMENTS.reduce((n, s) => n + confusion[s][s], 0);
  const majority = perSegment.reduce((best, s) => (s.actual > best.actual ? s : best));
  return {
    rows: actual.length,
    accuracy: ratio(correct, actual.length),
    macroF1: perSegment.reduce((sum, s) => sum + s.f1, 0) / perSegment.length,
    majorityBaseline: { segment: majority.segment, accuracy: ratio(majority.actual, actual.length) },
    confusion,
    perSegment,
  };
}

export function formatMetrics(m: SegmentMetrics): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const width = Math.max(...RECOVERY_SEGMENTS.map((s) => s.length)) + 2;
  const cell = (text: string) => text.padStart(width);
  const header = `${'treatment \\ segment'.padEnd(width + 4)}${RECOVERY_SEGMENTS.map(cell).join('')}${cell('total')}`;
  const lines = RECOVERY_SEGMENTS.map((a) => `${a.padEnd(width + 4)}${RECOVERY_SEGMENTS.map((p) => cell(String(m.confusion[a][p]))).join('')}${cell(String(m.perSegment.find((s) => s.segment === a)!.actual))}`);
  const totals = `${'total'.padEnd(width + 4)}${m.perSegment.map((s) => cell(String(s.predicted))).join('')}${cell(String(m.rows))}`;
  const per = m.perSegment.map((s) => `${s.segment.padEnd(width)} precision ${pct(s.precision).padStart(6)}  recall ${pct(s.recall).padStart(6)}  F1 ${s.f1.toFixed(3)}  (${s.actual} labelled, ${s.predicted} assigned)`);
  return [
    header, ...lines, totals, '',
    `accuracy ${pct(m.accuracy)} over ${m.rows} rows (always "${m.majorityBaseline.segment}": ${pct(m.majorityBaseline.accuracy)}); macro F1 ${m.macroF1.toFixed(3)}`,
    ...per,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  let values: { data?: string; model?: string; out?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { data: { type: 'string' }, model: { type: 'string' }, out: { type: 'string' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.data === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // npm runs scripts from the package root; relative paths mean where the user typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  const data = resolve(base, values.data);
  const bytes = readFileSync(data);
  const runtime = await ModelRuntime.load(resolve(base, values.model ?? DEFAULT_MODEL));
  try {
    const rows = rowsFromCsv(runtime, bytes.toString('utf8'));
    const segments: RecoverySegment[] = [];
    for (let start = 0; start < rows.records.length; start += BATCH) {
      const scores = await runtime.scoreBatch(rows.records.slice(start, start + BATCH));
      scores.forEach((score, i) => {
        if (score.task !== 'binary') throw new Error(`${runtime.card.name} is a ${score.task} model; propensity to pay is binary`);
        segments.push(segmentRecovery({ propensityBps: Math.round(score.probability * 10_000), features: rows.features[start + i]! }).segment);
      });
    }
    const metrics = evaluateSegments(rows.treatments, segments);
    const inSample = createHash('sha256').update(bytes).digest('hex') === runtime.card.data.sha256;
    console.log(`${runtime.card.name} ${runtime.card.version} + ${RECOVERY_SEGMENTS_POLICY_VERSION} on ${data}`);
    if (inSample) console.log(`note: this is the model's training file; propensities are in-sample for its ${runtime.card.data.split?.train ?? 'training'} training rows`);
    console.log(formatMetrics(metrics));
    if (values.out !== undefined) {
      const out = resolve(base, values.out);
      const report = { data, model: { name: runtime.card.name, version: runtime.card.version }, policyVersion: RECOVERY_SEGMENTS_POLICY_VERSION, inSample, propensityBands: PROPENSITY_BANDS, thresholds: SEGMENT_THRESHOLDS, ...metrics };
      writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`wrote ${out}`);
    }
    return 0;
  } finally {
    await runtime.dispose();
  }
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
