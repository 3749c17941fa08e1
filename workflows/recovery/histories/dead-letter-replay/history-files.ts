// This folder's recorded histories of the dead-letter-replay workflow, in the loan histories'
// file format (one JSON file per run).
import { temporal } from '@temporalio/proto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RecordedHistory } from '../../../loan/histories/history-files.js';

export { historyJson } from '../../../loan/histories/history-files.js';

export function recordedHistories(): RecordedHistory[] {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, workflowId: file.replace(/\.json$/, ''), history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as object) }));
}
