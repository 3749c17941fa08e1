// How much one import request may carry, and how hard it may push Temporal. A row of a CSV book
// with two years of monthly payments is about 1 KB; 10,000 of them fit well inside the body limit.

/** Rows (loans) per request: a larger book is sent in several files. */
export const MAX_IMPORT_ROWS = 10_000;
/** The body limit of POST /v1/portfolio/imports (other requests: json-body.middleware.ts). */
export const MAX_IMPORT_BODY_BYTES = 16 * 1024 * 1024;
/**
 * Loan workflows started at once by one request. Each start is one round trip to the frontend
 * and a first workflow task on the worker; 16 in flight kept the dev server's start latency flat
 * while 10,000 rows went through in minutes, not an avalanche of tasks.
 */
export const IMPORT_START_CONCURRENCY = 16;
/** The media types the import takes. */
export const IMPORT_MEDIA_TYPES = ['text/csv', 'application/json'] as const;
