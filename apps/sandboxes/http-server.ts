// The small HTTP layer the sandboxes share. They are stand-ins for third-party APIs, so they
// take no framework dependency of ours: plain node:http, JSON in and out, errors in the shape
// each provider documents (the handler decides the body; this only routes and parses).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SandboxRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** parsed JSON body; undefined when there was none or it was a form */
  body: unknown;
  /** an application/x-www-form-urlencoded body (Twilio's API takes forms); empty otherwise */
  form: URLSearchParams;
  rawBody: string;
  /** aborted when the caller goes away (its connection closes) before the answer is written */
  signal: AbortSignal;
}

export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** destroy the connection instead of answering: the request took effect, its answer is lost */
  dropConnection?: boolean;
  /** write the body piece by piece as it is made (server-sent events): the status and headers go first */
  stream?: (write: (chunk: string) => void) => Promise<void>;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export class SandboxRouter {
  private readonly routes: Route[] = [];

  /** `path` may hold `:name` segments, which arrive in `req.params`. */
  on(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      '^' +
        path.replace(/:([A-Za-z_]+)/g, (_m, key: string) => {
          keys.push(key);
          return '([^/]+)';
        }) +
        '/?$',
    );
    this.routes.push({ method: method.toUpperCase(), pattern, keys, handler });
    return this;
  }

  async dispatch(req: SandboxRequest): Promise<SandboxResponse> {
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(req.path);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== req.method) continue;
      route.keys.forEach((key, i) => (req.params[key] = decodeURIComponent(match[i + 1] ?? '')));
      return route.handler(req);
    }
    return pathMatched
      ? { status: 405, body: { error: { code: 'method_not_allowed', message: `${req.method} not allowed on ${req.path}` } } }
      : { status: 404, body: { error: { code: 'not_found', message: `no route for ${req.method} ${req.path}` } } };
  }
}

const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, 'request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, out: SandboxResponse): void {
  if (out.dropConnection) {
    res.socket?.destroy();
    return;
  }
  const headers = { ...(out.headers ?? {}) };
  if (out.body === undefined) {
    res.writeHead(out.status, headers).end();
    return;
  }
  const text = JSON.stringify(out.body);
  res.writeHead(out.status, { 'content-type': 'application/json', ...headers }).end(text);
}

export interface RunningSandbox {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Starts `router` on `port` (0 picks a free one) and resolves once it is listening. */
export async function serveSandbox(router: SandboxRouter, port: number, host = '127.0.0.1'): Promise<RunningSandbox> {
  const server = createServer((req, res) => {
    const caller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) caller.abort();
    });
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://sandbox.local');
        const rawBody = await readBody(req);
        let body: unknown;
        const isForm = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
        const form = new URLSearchParams(isForm ? rawBody : '');
        if (rawBody.length > 0 && !isForm) {
          try {
            body = JSON.parse(rawBody);
          } catch {
            throw new BodyError(400, 'request body is not valid JSON');
          }
        }
        const out = await router.dispatch({ method: (req.method ?? 'GET').toUpperCase(), path: url.pathname, params: {}, query: url.searchParams, headers: req.headers, body, form, rawBody, signal: caller.signal });
        if (out.stream) {
          res.writeHead(out.status, out.headers ?? {});
          await out.stream((chunk) => res.write(chunk));
          res.end();
        } else send(res, out);
      } catch (err) {
        // A stream that fails after its headers went can only be cut short.
        if (res.headersSent) {
          res.end();
          return;
        }
        const status = err instanceof BodyError ? err.status : 500;
        send(res, { status, body: { error: { code: status === 500 ? 'internal_error' : 'invalid_request', message: (err as Error).message } } });
      }
    })();
  });
  // Keep-alive sockets would hold close() open for their idle timeout.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
