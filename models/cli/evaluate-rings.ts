// `npm run build && node dist/models/cli/evaluate-rings.js --data identities.csv [--out metrics.json]`
//
// Runs fraud-ring detection over a labelled identities file and prints how well the flags match
// the labels (models/fraud-rings/evaluate.ts). Columns: application_id, person_id, phone,
// device_id, bank_account, address, ring_id (empty ring_id = genuine); an empty identifier cell
// is no identifier. Imports relative modules, so it runs from the build, not on type stripping.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { detectRings, evaluateRings, type RingApplication, type RingLabel, type RingMetrics } from '../fraud-rings/index.js';
import { parseCsvTable } from '../runtime/csv.js';

const IDENTIFIER_COLUMNS = { phone: 'phone', device_id: 'device', bank_account: 'bank_account', address: 'address' } as const;
const REQUIRED = ['application_id', 'person_id', ...Object.keys(IDENTIFIER_COLUMNS), 'ring_id'];

export function identitiesFromCsv(text: string): { applications: RingApplication[]; labels: RingLabel[] } {
  const { columns, rows } = parseCsvTable(text);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new Error(`identities CSV lacks column(s) ${missing.join(', ')}`);
  const at = (name: string) => columns.indexOf(name);
  const applications: RingApplication[] = [];
  const labels: RingLabel[] = [];
  for (const { line, fields } of rows) {
    const applicationId = fields[at('application_id')]!.trim();
    const personId = fields[at('person_id')]!.trim();
    if (applicationId === '' || personId === '') throw new Error(`CSV line ${line}: application_id and person_id are required`);
    const identifiers = Object.entries(IDENTIFIER_COLUMNS).map(([column, kind]) => ({ kind, value: fields[at(column)]! }));
    applications.push({ applicationId, personId, identifiers });
    const ring = fields[at('ring_id')]!.trim();
    labels.push({ applicationId, personId, trueRingId: ring === '' ? null : ring });
  }
  return { applications, labels };
}

function formatMetrics(m: RingMetrics, detectionMs: number): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    `applications      ${m.applications}`,
    `flagged rings     ${m.flaggedRings}`,
    `precision         ${pct(m.precision)}  (${m.truePositives} of ${m.truePositives + m.falsePositives} flagged applications are in a labelled ring)`,
    `recall            ${pct(m.recall)}  (${m.truePositives} of ${m.truePositives + m.falseNegatives} ring applications flagged)`,
    `F1                ${m.f1.toFixed(3)}`,
    `ring recall       ${pct(m.ringRecall)}  (${m.ringsFound} of ${m.trueRings} labelled rings with at least half their people flagged)`,
    `detection         ${detectionMs} ms`,
  ].join('\n');
}

function main(argv: readonly string[]): void {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const data = flag('--data');
  if (data === undefined) throw new Error('usage: evaluate-rings --data identities.csv [--out metrics.json]');
  const base = process.env.INIT_CWD ?? process.cwd();
  const { applications, labels } = identitiesFromCsv(readFileSync(resolve(base, data), 'utf8'));
  const started = performance.now();
  const detection = detectRings(applications);
  const detectionMs = Math.round(performance.now() - started);
  const metrics = evaluateRings(labels, detection);
  console.log(formatMetrics(metrics, detectionMs));
  const out = flag('--out');
  if (out !== undefined) {
    writeFileSync(resolve(base, out), `${JSON.stringify({ data: resolve(base, data), ...metrics, detectionMs }, null, 2)}\n`);
    console.log(`wrote ${resolve(base, out)}`);
  }
}

if (import.meta.main) main(process.argv.slice(2));
