export interface ImportPortfolioCommand {
  /** the body as received: its SHA-256 is the import's identity without an Idempotency-Key */
  raw: Buffer;
  format: 'csv' | 'json';
  /** the parsed JSON body (format json) */
  json?: unknown;
  idempotencyKey?: string;
}
