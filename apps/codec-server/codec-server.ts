// The codec server (the pattern of Temporal's encryption sample): POST /encode and /decode run
// Credence's payload codec over HTTP, so the Temporal UI (`--ui-codec-endpoint`, or the UI's
// codec server setting) and `temporal workflow show --codec-endpoint` show loans in plain text.
// Whoever reaches it can decrypt every history: `npm start` binds it to loopback; in production it
// must sit behind authentication (README, "Reading encrypted histories").
import { type PayloadCodec, ValueError } from '@temporalio/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromJson, MalformedPayloadsError, toJson } from './payload-json.js';

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** browser origins allowed to call it: the Temporal UI's */
  corsOrigins: string[];
  port: number;
  host: string;
}

export interface RunningCodecServer {
  url: string;
  close(): Promise<void>;
}

/** A history page decodes many payloads at once; Temporal's own limit is 2 MB a payload. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function startCodecServer(options: CodecServerOptions): Promise<RunningCodecServer> {
  const server = createServer((req, res) => void handle(options, req, res));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://${options.host}:${port}`, close: () => close(server) };
}

async function handle({ codec, corsOrigins }: CodecServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = req.headers.origin;
  if (origin && corsOrigins.includes(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('vary', 'origin');
  }
  const path = new URL(req.url ?? '/', 'http://codec.local').pathname.replace(/\/+$/, '');
  const operation = path === '/encode' ? 'encode' : path === '/decode' ? 'decode' : undefined;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type, x-namespace, authorization', 'access-control-max-age': '600' }).end();
    return;
  }
  if (!operation) return send(res, 404, { message: `no route for ${req.method} ${path}: POST /encode or /decode` });
  if (req.method !== 'POST') return send(res, 405, { message: `${req.method} not allowed: POST` });
  try {
    const payloads = fromJson(JSON.parse(await readBody(req)));
    send(res, 200, toJson(await codec[operation](payloads)));
  } catch (err) {
    const clientFault = err instanceof MalformedPayloadsError || err instanceof ValueError || err instanceof SyntaxError || err instanceof BodyTooLargeError;
    // A tampered or foreign payload fails GCM's authentication: the caller's data, not our fault.
    const authFailed = (err as Error).message.includes('unable to authenticate data');
    if (clientFault || authFailed) return send(res, err instanceof BodyTooLargeError ? 413 : 400, { message: (err as Error).message });
    send(res, 500, { message: 'the codec failed' });
  }
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}
