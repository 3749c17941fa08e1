// `npm run -s models:score -- --model DIR --data FILE.csv [--explain] [--top N] [--out FILE.csv]`
//
// Scores a CSV with a trained model directory through the same runtime the service uses, so a
// data scientist can check what production will answer. stdout is CSV: a `score` header, then one
// line per data row (binary: P(positive), calibrated when the card is; multiclass: the label;
// anomaly: the score), a `points` column when a WoE scorecard is the champion, plus a `reasons`
// column with --explain (TreeSHAP or linear log-odds, or the points each characteristic lost
// against its best bin); or the same into --out. Progress goes to stderr, and so does the
// build's output (in the npm script); `-s` keeps npm's own banner off stdout. Every row is validated before any
// score is printed: one bad row fails the run with the rows and features named, because a
// partial or defaulted output would be silently misaligned with the input.
// Imports relative modules, so it runs from the build (dist/), not on type stripping.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatCsvField, parseCsvTable } from '../runtime/csv.js';
import { FeatureEncoder, FeatureValidationError, parseCsvCell } from '../runtime/feature-encoder.js';
import { WOE_SCORECARD } from '../runtime/model-card.js';
import { type FeatureExplanation, type ModelRecord, ModelRuntime, type ModelScore } from '../runtime/model-runtime.js';

const BATCH = 1_000;
const MAX_REPORTED_ROWS = 20;
const USAGE = 'usage: npm run -s models:score -- --model DIR --data FILE.csv [--explain] [--top N] [--out FILE.csv]';

export interface ScoreCsvOptions {
  explain?: boolean;
  top?: number;
  write: (text: string) => void;
  progress: (text: string) => void;
}

export class CsvValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvValidationError';
  }
}

/** CSV rows as records: feature columns matched by name and parsed per CARD.md; others ignored. */
export function recordsFromCsv(runtime: Pick<ModelRuntime, 'features'>, text: string): { records: ModelRecord[]; lines: number[] } {
  const { columns, rows } = parseCsvTable(text);
  const missing = runtime.features.filter((f) => !columns.includes(f.name)).map((f) => f.name);
  if (missing.length > 0) throw new CsvValidationError(`the CSV has no column for feature(s) ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
  const at = runtime.features.map((f) => columns.indexOf(f.name));
  const records = rows.map(({ fields }) => Object.fromEntries(runtime.features.map((f, i) => [f.name, parseCsvCell(f, fields[at[i]!]!)])));
  return { records, lines: rows.map((r) => r.line) };
}

/** Checks every record up front and names each failing row (1-based data row, and its CSV line). */
export function validateRecords(runtime: Pick<ModelRuntime, 'features'>, records: readonly ModelRecord[], lines: readonly number[]): void {
  const encoder = new FeatureEncoder(runtime.features);
  const failures: string[] = [];
  records.forEach((record, i) => {
    try {
      encoder.encode(record);
    } catch (error) {
      if (!(error instanceof FeatureValidationError)) throw error;
      failures.push(`row ${i + 1} (line ${lines[i]}): ${error.problems.map((p) => `${p.feature}: ${p.message}`).join('; ')}`);
    }
  });
  if (failures.length === 0) return;
  const more = failures.length > MAX_REPORTED_ROWS ? [`... and ${failures.length - MAX_REPORTED_ROWS} more invalid rows`] : [];
  throw new CsvValidationError([`${failures.length} of ${records.length} rows are invalid; nothing was scored:`, ...failures.slice(0, MAX_REPORTED_ROWS), ...more].join('\n'));
}

const scoreText = (score: ModelScore): string => {
  switch (score.task) {
    case 'binary':
      return String(score.probability);
    case 'multiclass':
      return formatCsvField(score.label);
    case 'anomaly':
      return String(score.score);
  }
};

/** Trees (TreeSHAP) and logistic models (linear terms): each feature's push in log-odds. Scorecard: each characteristic that lost points, and how many. */
const reasonText = (r: FeatureExplanation): string =>
  r.pointsLost === undefined ? `${r.feature}=${r.contribution >= 0 ? '+' : ''}${r.contribution.toFixed(4)} [${r.reason.code}]` : `${r.feature}=-${r.pointsLost.toFixed(2)} points [${r.reason.code}]`;

export async function scoreCsv(runtime: ModelRuntime, text: string, options: ScoreCsvOptions): Promise<number> {
  if (options.explain === true && !runtime.explainable) {
    throw new CsvValidationError(`--explain needs a model that explains itself (trees.json, linear.json or a scorecard); ${runtime.card.name} (${runtime.card.algorithm.name}) has none`);
  }
  const { records, lines } = recordsFromCsv(runtime, text);
  validateRecords(runtime, records, lines);
  const scorecard = runtime.card.algorithm.name === WOE_SCORECARD;
  options.write(`${['score', ...(scorecard ? ['points'] : []), ...(options.explain === true ? ['reasons'] : [])].join(',')}\n`);
  for (let start = 0; start < records.length; start += BATCH) {
    const batch = records.slice(start, start + BATCH);
    const scores = await runtime.scoreBatch(batch);
    const out = scores.map((score, i) => {
      const fields = [scoreText(score)];
      if (score.task === 'binary' && score.scorecard) fields.push(String(score.scorecard.score));
      if (options.explain === true) {
        // A characteristic at its best bin lost nothing: it is no reason.
        const explained = runtime.explain(batch[i]!, { top: options.top }).filter((r) => r.pointsLost === undefined || r.pointsLost > 0);
        fields.push(formatCsvField(explained.map(reasonText).join('; ')));
      }
      return fields.join(',');
    });
    options.write(`${out.join('\n')}\n`);
    options.progress(`scored ${start + batch.length}/${records.length} rows\n`);
  }
  return records.length;
}

async function main(argv: string[]): Promise<number> {
  let values: { model?: string; data?: string; explain?: boolean; top?: string; out?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { model: { type: 'string' }, data: { type: 'string' }, explain: { type: 'boolean' }, top: { type: 'string' }, out: { type: 'string' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const top = values.top === undefined ? undefined : Number(values.top);
  if (values.model === undefined || values.data === undefined || (top !== undefined && !(Number.isInteger(top) && top > 0))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // npm runs scripts from the package root; relative paths mean where the user typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  const text = readFileSync(resolve(base, values.data), 'utf8');
  const runtime = await ModelRuntime.load(resolve(base, values.model));
  const out = values.out === undefined ? undefined : resolve(base, values.out);
  // The first write comes only after every row has validated, so an invalid file leaves --out untouched.
  let wroteAny = false;
  const write = (chunk: string): void => {
    if (out === undefined) process.stdout.write(chunk);
    else if (wroteAny) appendFileSync(out, chunk);
    else writeFileSync(out, chunk);
    wroteAny = true;
  };
  try {
    const began = performance.now();
    const rows = await scoreCsv(runtime, text, { explain: values.explain, top, write, progress: (chunk) => process.stderr.write(chunk) });
    process.stderr.write(`${runtime.card.name} ${runtime.card.version}: ${rows} rows in ${Math.round(performance.now() - began)} ms\n`);
    return 0;
  } finally {
    await runtime.dispose();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
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
