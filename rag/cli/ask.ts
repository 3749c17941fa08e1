// `npm run -s rag:ask -- --collection NAME --question "..." [--json] [--top-k N]`
//
// Answers from the collection only, with citations, no server needed. With --json prints one
// object: { answer, refused, citations: [{ section, source, chunkId, quote }], retrieved:
// [{ section, source, chunkId, score }] } (retrieved best first, 8 by default). RAG_LLM_PROVIDER
// picks a chat model (adapters/llm/chat-model.ts); unset, the offline composer answers.
// Exit status: 0 answered or refused; 1 failed; 2 usage.
import { openRagRuntime } from '../rag-runtime.js';
import { option, required, usageError } from './args.js';
import { openRagDatabase } from './database.js';

const USAGE = 'npm run -s rag:ask -- --collection NAME --question "..." [--json] [--top-k N]';
const collection = required('--collection', USAGE);
const question = required('--question', USAGE);
const topK = Number(option('--top-k', USAGE) ?? '8');
if (!Number.isInteger(topK) || topK < 5 || topK > 50) usageError('--top-k is a whole number from 5 to 50', USAGE);

const db = await openRagDatabase();
try {
  const rag = await openRagRuntime(db.orm, { topK });
  try {
    const result = await rag.assistant.ask(collection, question);
    if (process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify({ answer: result.answer, refused: result.refused, citations: result.citations, retrieved: result.retrieved })}\n`);
    } else {
      process.stdout.write(`${result.answer}\n\n`);
      result.citations.forEach((c, i) => process.stdout.write(`[${i + 1}] ${c.section} (${c.source}) ${c.chunkId}\n    "${c.quote}"\n`));
      process.stdout.write(`\nretrieved:\n${result.retrieved.map((r) => `  ${r.score.toFixed(4)}  ${r.section} (${r.source}) ${r.chunkId}`).join('\n')}\n`);
    }
  } finally {
    await rag.close();
  }
} catch (err) {
  process.stderr.write(`rag:ask: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
