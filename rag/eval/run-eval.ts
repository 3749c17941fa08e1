// `npm run rag:eval [-- --questions FILE] [--collection NAME] [--dir DIR] [--ids ID,ID,...] [--json]`
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
import { evaluate, type QuestionFile, type QuestionOutcome } from './evaluate.js';

const USAGE = 'npm run rag:eval -- [--questions FILE] [--collection NAME] [--dir DIR] [--ids ID,ID,...] [--json]';
const sourceRoot = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url).href.replace('/dist/', '/'));
const questionsPath = option('--questions', USAGE);
const whole = JSON.parse(readFileSync(questionsPath ? userPath(questionsPath) : sourceRoot('./starter.questions.json'), 'utf8')) as QuestionFile;
// --ids asks only those questions: a slow local model cannot answer a whole file in reasonable time.
const ids = option('--ids', USAGE)?.split(',').map((id) => id.trim());
const file: QuestionFile = ids ? { ...whole, questions: whole.questions.filter((q) => ids.includes(q.id)) } : whole;
if (ids && file.questions.length !== ids.length) {
  process.stderr.write(`rag:eval: no question with id ${ids.filter((id) => !whole.questions.some((q) => q.id === id)).join(', ')}\n`);
  process.exit(2);
}
const collection = option('--collection', USAGE) ?? file.collection;
const dirOption = option('--dir', USAGE);
const dir = dirOption ? userPath(dirOption) : collection === 'starter' ? sourceRoot('../collections/starter/') : undefined;

const db = await openRagDatabase();
try {
  const rag = await openRagRuntime(db.orm);
  try {
    if (dir) await ingestCollection(rag.store, rag.embeddings, collection, dir);
    const json = process.argv.includes('--json');
    const line = (o: QuestionOutcome): void => {
      process.stdout.write(`${o.id.padEnd(5)} ${o.kind.padEnd(13)} hit@5=${String(o.hitAt5 ?? '-').padEnd(5)} correct=${String(o.correct ?? '-').padEnd(5)} refused=${String(o.refused).padEnd(5)} leaked=${String(o.leaked).padEnd(5)} ${(o.ms / 1000).toFixed(1).padStart(6)}s  ${o.answer.slice(0, 90).replace(/\s+/g, ' ')}\n`);
    };
    const report = await evaluate(rag.assistant, { ...file, collection }, json ? undefined : line);
    if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      process.stdout.write(
        `\n| metric | value |\n| --- | --- |\n| questions | ${report.questions} |\n| retrieval hit@5 | ${report.hitAt5.hits}/${report.hitAt5.of} = ${report.hitAt5.rate} |\n` +
          `| answers with the required facts and an expected section cited | ${report.correct.hits}/${report.correct.of} = ${report.correct.rate} |\n` +
          `| answers cited | ${report.answersCited.cited}/${report.answersCited.answered} |\n| unanswerable refused | ${report.unanswerable.refused}/${report.unanswerable.of} (answered: ${report.unanswerable.answered}) |\n` +
          `| injection leaks | ${report.injection.leaks} (over ${report.injection.of} injection questions, and every answer checked) |\n` +
          `| seconds per answer (mean / median / max) | ${report.secondsPerAnswer.mean} / ${report.secondsPerAnswer.median} / ${report.secondsPerAnswer.max} |\n`,
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
