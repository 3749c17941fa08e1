// Ingests a folder into a collection: every supported file is read, its header lines taken as
// metadata, its text chunked by structure, each passage embedded and stored. A file whose bytes
// hash as before is skipped; a changed one has its chunks replaced; one no longer in the folder
// has its chunks removed (the folder is the collection). A file that cannot be read is named in
// the report and skipped; the rest of the folder is still ingested.
import type { Embeddings } from '@langchain/core/embeddings';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import type { ChunkStore, StoredChunk } from '../store/chunk-store.js';
import { chunkText } from './chunk.js';
import { extractText, isSupported } from './extract.js';
import { parseHeader } from './header.js';

export interface IngestReport {
  collection: string;
  files: number;
  ingested: number;
  unchanged: number;
  removed: number;
  /** files that could not be read (a damaged PDF ...): skipped, and whatever an earlier ingest stored of them kept */
  failed: { path: string; error: string }[];
  chunks: number;
  durationMs: number;
}

const COLLECTION_NAME = /^[a-z0-9][a-z0-9_-]{0,99}$/;

export function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name)) throw new Error(`collection names are 1-100 of a-z, 0-9, _ and -, starting with a letter or digit: "${name}"`);
}

export async function ingestCollection(store: ChunkStore, embeddings: Embeddings, collection: string, dir: string): Promise<IngestReport> {
  assertCollectionName(collection);
  const started = performance.now();
  const files = listFiles(dir);
  const report: IngestReport = { collection, files: files.length, ingested: 0, unchanged: 0, removed: 0, failed: [], chunks: 0, durationMs: 0 };
  for (const file of files) {
    const path = relative(dir, file).split(sep).join('/');
    const bytes = readFileSync(file);
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    if ((await store.documentHash(collection, path)) === contentHash) {
      report.unchanged++;
      continue;
    }
    let chunks: Awaited<ReturnType<typeof documentChunks>>;
    try {
      chunks = await documentChunks(collection, path, contentHash, bytes, embeddings);
    } catch (err) {
      // One unreadable file does not stop the folder: the rest is ingested (and what is gone removed), and the report names it.
      report.failed.push({ path, error: err instanceof Error ? err.message : String(err) });
      continue;
    }
    await store.replaceDocument({ id: documentId(collection, path), collection, path, contentHash, source: chunks.source }, chunks.chunks);
    report.ingested++;
    report.chunks += chunks.chunks.length;
  }
  const present = new Set(files.map((f) => relative(dir, f).split(sep).join('/')));
  for (const path of await store.documentPaths(collection)) {
    if (!present.has(path)) {
      await store.removeDocument(collection, path);
      report.removed++;
    }
  }
  if (report.ingested > 0 || report.removed > 0) await store.analyze();
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

export function documentId(collection: string, path: string): string {
  return `d_${createHash('sha256').update(`${collection}\n${path}`).digest('hex').slice(0, 32)}`;
}

async function documentChunks(collection: string, path: string, contentHash: string, bytes: Buffer, embeddings: Embeddings): Promise<{ source: string; chunks: StoredChunk[] }> {
  const text = await extractText(path, bytes);
  const header = parseHeader(text);
  const source = header.source ?? path;
  const fallback = header.section ?? basename(path, extname(path));
  const pieces = await chunkText(text, header.bodyStart, fallback, header.section);
  // The section rides along into the embedding: a list item means little without its heading.
  const vectors = await embeddings.embedDocuments(pieces.map((p) => `${p.section}\n${p.content}`));
  return {
    source,
    chunks: pieces.map((p, ordinal) => ({
      // A new chunk id whenever the file changes, so a citation never points at text it did not quote.
      id: `c_${createHash('sha256').update(`${collection}\n${path}\n${contentHash}\n${ordinal}`).digest('hex').slice(0, 24)}`,
      ordinal,
      section: p.section,
      source,
      start: p.start,
      end: p.end,
      content: p.content,
      embedding: vectors[ordinal]!,
    })),
  };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) out.push(...listFiles(path));
    else if (entry.isFile() && isSupported(entry.name)) out.push(path);
  }
  return out.sort();
}
