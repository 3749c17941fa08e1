// The API's edge: what every request meets before Express, the body reader or a controller sees
// it. Security headers on every answer; the client's rate limit for the kind of request (429);
// admission for that kind (503 when it cannot be served in time); then, once admitted, a method
// the path does not take (405 with Allow; OPTIONS answered with Allow). All of it works from the
// method, path and headers only, so refusing costs a few microseconds and never reads a body; the
// method check matches the path against the routes, as Express would next, so it comes after the
// refusals a flood is made of.
// It runs as the HTTP server's request listener, ahead of Express: a refusal through Express's
// router costs about twice as much, and under a flood refusals are most of the work.
import type { INestApplication } from '@nestjs/common';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ROUTE_CLASSES, type EdgeConfig, type RouteClass } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import { pathOf, type ApiRequest } from '../http/request-context.js';
import { requestIdFrom } from '../http/request-log.js';
import { AdmissionGate, type GateStats, type RefusalReason } from './admission-gate.js';
import { AllowedMethods, expressRouterStack } from './allowed-methods.js';
import { arrivedOverTls, clientAddress, clientKey } from './client-address.js';
import { RateLimiter, rateLimitHeaders } from './rate-limiter.js';
import { RefusalLog } from './refusal-log.js';
import { writeEdgeProblem } from './edge-answer.js';
import { Refusals } from './refusal.js';
import { routeClassOf } from './route-class.js';
import { setSecurityHeaders } from './security-headers.js';

const SWEEP_INTERVAL_MS = 60_000;

const OVERLOADED: Record<RefusalReason, string> = {
  queue_full: 'the server is at capacity for this kind of request and its queue is full; retry after the time in Retry-After',
  wait_too_long: 'the server could not start this request within its queueing deadline; retry after the time in Retry-After',
};

export class HttpEdge {
  private readonly gates: Partial<Record<RouteClass, AdmissionGate>>;
  private readonly limiter: RateLimiter | null;
  private readonly refusalLog: RefusalLog;
  private readonly refusals = new Refusals();
  private readonly sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: EdgeConfig,
    logger: Logger,
    private readonly methods: AllowedMethods,
  ) {
    const admission = config.admission;
    this.gates = admission ? Object.fromEntries(ROUTE_CLASSES.map((cls) => [cls, new AdmissionGate(admission[cls])])) : {};
    this.limiter = config.rateLimit ? new RateLimiter(config.rateLimit) : null;
    this.refusalLog = new RefusalLog(logger, () => this.stats());
    if (this.limiter) {
      const limiter = this.limiter;
      this.sweeper = setInterval(() => limiter.sweep(), SWEEP_INTERVAL_MS);
      this.sweeper.unref();
    }
  }

  handle(req: ApiRequest, res: ServerResponse, next: () => void): void {
    const path = pathOf(req);
    const cls = routeClassOf(req.method, path);
    const { trustProxy } = this.config;
    setSecurityHeaders(res, path, { hstsMaxAgeSeconds: this.config.hstsMaxAgeSeconds, secure: arrivedOverTls(req, trustProxy) });
    if (this.limiter) {
      const client = clientKey(clientAddress(req, trustProxy));
      const decision = this.limiter.take(cls, client);
      for (const [name, value] of rateLimitHeaders(decision)) res.setHeader(name, value);
      if (!decision.allowed) {
        this.refusalLog.noteRateLimited(cls, client);
        const { perSecond, burst } = decision.limit;
        const detail = `this client may make ${perSecond} ${cls} requests a second (bursts of ${burst}); retry after the time in Retry-After`;
        return this.refusals.refuse({ req, res, path, kind: 'rateLimited', detail, retryAfterSeconds: decision.retryAfterSeconds });
      }
    }
    const route = () => {
      if (!this.answeredMethod(req, res, path)) next();
    };
    const gate = this.gates[cls];
    if (!gate) return route();
    const ticket = gate.enter({
      run: route,
      refuse: (reason, retryAfterSeconds) => {
        this.refusalLog.noteOverloaded(cls, reason);
        this.refusals.refuse({ req, res, path, kind: 'overloaded', detail: OVERLOADED[reason], retryAfterSeconds });
      },
      gone: () => res.destroyed || req.socket.destroyed,
    });
    // 'close' comes once the answer is sent or the connection is gone, whichever is first. A
    // handler may still be running after its client left (Nest cannot be told to stop): its slot
    // is freed then, a small overcommit in exchange for never holding a slot for a dead client.
    res.once('close', ticket.leave);
  }

  /** 405 for a method a known path does not take, 204 for OPTIONS on one: true when answered here. */
  private answeredMethod(req: ApiRequest, res: ServerResponse, path: string): boolean {
    const method = req.method ?? 'GET';
    const allowed = this.methods.refusing(method, path);
    if (allowed === undefined) return false;
    res.setHeader('Allow', allowed.join(', '));
    if (method === 'OPTIONS') {
      res.statusCode = 204;
      res.setHeader('X-Request-Id', requestIdFrom(req));
      res.end();
    } else {
      const detail = `${path} takes ${allowed.join(', ')}, not ${method}`;
      writeEdgeProblem(req, res, { type: 'about:blank', title: STATUS_CODES[405]!, status: 405, detail, instance: path });
    }
    return true;
  }

  stats(): Partial<Record<RouteClass, GateStats>> {
    return Object.fromEntries(Object.entries(this.gates).map(([cls, gate]) => [cls, gate.stats()]));
  }

  close(): void {
    clearInterval(this.sweeper);
    this.refusals.flush();
    this.refusalLog.flush();
  }
}

/**
 * Puts the edge in front of the Express app Nest created, and sets the server's own limits: how
 * long a client may take to send its headers and its request (slow clients hold a connection
 * and memory each), how long an idle keep-alive connection stays, how many connections at most.
 */
export function installEdge(app: INestApplication, config: EdgeConfig, logger: Logger): HttpEdge {
  const server = app.getHttpServer() as Server;
  const express = app.getHttpAdapter().getInstance() as (req: IncomingMessage, res: ServerResponse) => void;
  const before = server.listenerCount('request');
  server.removeListener('request', express);
  if (server.listenerCount('request') !== before - 1) throw new Error('the HTTP server does not call the Express app directly: the edge cannot be installed in front of it');
  const edge = new HttpEdge(config, logger, new AllowedMethods(expressRouterStack(app)));
  server.on('request', (req: ApiRequest, res: ServerResponse) => edge.handle(req, res, () => express(req, res)));
  server.once('close', () => edge.close());
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  if (config.maxConnections > 0) server.maxConnections = config.maxConnections;
  return edge;
}

type ListenWithBacklog = (port: number, hostname: string, backlog: number) => Promise<unknown>;

/** Listens on the configured address, with a listen backlog that holds a burst of connects. */
export async function listenApi(app: INestApplication, port: number, host: string, backlog: number): Promise<void> {
  // Nest hands extra arguments through to http.Server#listen(port, host, backlog); its types do not say so.
  await (app.listen.bind(app) as unknown as ListenWithBacklog)(port, host, backlog);
}
