// Append-only JSON-lines journal, so a sandbox restarted on the same data directory still
// remembers its idempotency keys, objects and undelivered events. Each line is one batch of
// records written with a single append: a payout, its idempotency record and its event land
// together or not at all, which is what keeps a crash from ever letting a retry pay twice.
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';

export const JOURNAL_FILE = 'gateway.jsonl';

export class Journal<R> {
  private constructor(private readonly file: string | undefined) {}

  /** In memory only when `dataDir` is absent. Returns the batches already on disk, oldest first. */
  static open<R>(dataDir: string | undefined): { journal: Journal<R>; batches: R[][] } {
    if (!dataDir) return { journal: new Journal<R>(undefined), batches: [] };
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, JOURNAL_FILE);
    return { journal: new Journal<R>(file), batches: existsSync(file) ? readBatches<R>(file) : [] };
  }

  append(batch: R[]): void {
    if (this.file) appendFileSync(this.file, JSON.stringify(batch) + '\n', 'utf8');
  }
}

function readBatches<R>(file: string): R[][] {
  const text = readFileSync(file, 'utf8');
  const batches: R[][] = [];
  let offset = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    if (end === -1) {
      // A crash mid-append leaves a final line without its newline: that batch never committed.
      // Cut it off, or the next append would be glued onto it and lost as well.
      truncateSync(file, Buffer.byteLength(text.slice(0, offset), 'utf8'));
      break;
    }
    batches.push(JSON.parse(text.slice(offset, end)) as R[]);
    offset = end + 1;
  }
  return batches;
}
