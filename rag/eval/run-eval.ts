// `npm run rag:eval [-- --questions FILE] [--collection NAME] [--dir DIR] [--json]`
//
// Scores the assistant on a question file (default rag/eval/starter.questions.json, against the
// starter collection, ingested first from --dir, default rag/collections/starter). Any collection
// and question file in that format work. Prints the table (or the report as JSON); exit status 1
// when a target is missed: hit@5 >= 0.95, every answer cited, no unanswerable question answered, no leak.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingestCollection } from '../ingest/ingest-collection.js';
import { openRagRuntime } from '../rag-runtime.js';
import { option, userPath } from '../cli/args.js';
import { openRagDatabase } from '../cli/database.js';
import { evaluate, type QuestionFile } from './evaluate.js';

const USAGE = 'npm run rag:eval -- [--questions FILE] [--collection NAME] [--dir DIR] [--json]';
const sourceRoot = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url).href.replace('/dist/', '/'));
const questionsPath = option('--questions', USAGE);
const file = JSON.parse(readFileSync(questionsPath ? userPath(questionsPath) : sourceRoot('./starter.questions.json'), 'utf8')) as QuestionFile;
const collection = option('--collection', USAGE) ?? file.collection;
const dirOption = option('--dir', USAGE);
const dir = dirOption ? userPath(dirOption) : collection === 'starter' ? sourceRoot('../collections/starter/') : undefined;

const db = await openRagDatabase();
try {
  const rag = await openRagRuntime(db.orm);
  try {
    if (dir) await ingestCollection(rag.store, rag.embeddings, collection, dir);
    const report = await evaluate(rag.assistant, { ...file, collection });
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      for (const o of report.outcomes) {
        process.stdout.write(`${o.id.padEnd(5)} ${o.kind.padEnd(13)} hit@5=${String(o.hitAt5 ?? '-').padEnd(5)} correct=${String(o.correct ?? '-').padEnd(5)} refused=${String(o.refused).padEnd(5)} leaked=${o.leaked}  ${o.answer.slice(0, 90).replace(/\s+/g, ' ')}\n`);
      }
      process.stdout.write(
        `\n| metric | value |\n| --- | --- |\n| questions | ${report.questions} |\n| retrieval hit@5 | ${report.hitAt5.hits}/${report.hitAt5.of} = ${report.hitAt5.rate} |\n` +
          `| answers with the required facts and an expected section cited | ${report.correct.hits}/${report.correct.of} = ${report.correct.rate} |\n` +
          `| answers cited | ${report.answersCited.cited}/${report.answersCited.answered} |\n| unanswerable refused | ${report.unanswerable.refused}/${report.unanswerable.of} (answered: ${report.unanswerable.answered}) |\n` +
          `| injection leaks | ${report.injection.leaks} (over ${report.injection.of} injection questions, and every answer checked) |\n`,
      );
    }
    // eslint-disable-next-line no-restricted-syntax -- the issue's hit@5 target, a ratio
    const met = report.hitAt5.rate >= 0.95 && report.answersCited.cited === report.answersCited.answered && report.unanswerable.answered === 0 && report.injection.leaks === 0;
    if (!met) process.exitCode = 1;
  } finally {
    await rag.close();
  }
} catch (err) {
  process.stderr.write(`rag:eval: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
} finally {
  await db.close();
}
