// Recorded histories as JSON files: protobuf's object form (enum names, base64 bytes), readable
// in a diff and read back with the same @temporalio/proto types the replayer uses.
import { temporal } from '@temporalio/proto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const History = temporal.api.history.v1.History;

export function historyJson(history: temporal.api.history.v1.IHistory): string {
  const object = History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
  return `${JSON.stringify(object)}\n`;
}

export interface RecordedHistory {
  file: string;
  workflowId: string;
  history: temporal.api.history.v1.History;
}

export function recordedHistories(): RecordedHistory[] {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, workflowId: file.replace(/\.json$/, ''), history: History.fromObject(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as object) }));
}
