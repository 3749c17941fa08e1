// Recorded histories as JSON files: protobuf's object form (enum names, base64 bytes), readable
// in a diff and read back with the same @temporalio/proto types the replayer uses. The loan's
// folder and the recovery workflow's (workflows/recovery/histories/) hold the same format.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Every run of a workflow, first to last: each run's first event names the run it continued. */
export async function fetchRuns(client: Client, workflowId: string): Promise<temporal.api.history.v1.IHistory[]> {
  const runs: temporal.api.history.v1.IHistory[] = [];
  let runId: string | undefined;
  do {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift(history);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  } while (runId);
  return runs;
}

/** Writes `<name>.run<n>.json` into `folder`, one file per run. */
export function writeRuns(folder: URL, name: string, runs: temporal.api.history.v1.IHistory[]): void {
  runs.forEach((history, i) => writeFileSync(new URL(`./${name}.run${i + 1}.json`, folder), historyJson(history)));
}

/** The patch IDs a history's markers record (`patched()` leaves one per patch, on the path that took it). */
export function patchIds(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? []).flatMap((e) => {
    const marker = e.markerRecordedEventAttributes;
    const data = marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0]?.data : undefined;
    return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id] : [];
  });
}

/** The recordings in `folder` (this one by default), in file order. */
export function recordedHistories(folder: URL = new URL('.', import.meta.url)): RecordedHistory[] {
  const dir = fileURLToPath(folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, workflowId: file.replace(/\.json$/, ''), history: History.fromObject(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as object) }));
}
