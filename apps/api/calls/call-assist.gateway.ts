// The live-call assist: a WebSocket at /v1/calls/assist?caseId=... (or ?loanId=...) on the API's
// own HTTP server. A contact-centre integration (or the voice sandbox's scripted calls) sends the
// call's transcript segment by segment; each segment is answered on the same socket with the
// intents found, the promise's amount and date, compliance warnings and the next best action
// (call-session.ts). Who may connect is settled before the upgrade, with the API's credentials:
// the `calls:assist` permission, and a case the caller holds unless they are ops or admin
// (call-scope.ts); a refusal is an HTTP problem document, as for any route. Opening a call reads
// the borrower's personal data, so it is recorded in the audit trail first, like an audited read.
// Nothing is changed on the platform except what the collector confirms (a stop request, a dispute).
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { outcomeOf } from '../../shared/audit/audit-chain.js';
import type { CredenceConfig } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import { IntentModel } from '../../../models/call-intents/intent-model.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { scopeOf } from '../auth/scope.js';
import { actorOf } from '../audit/actor.js';
import { ForbiddenError, IdentityProviderUnavailableError, UnauthenticatedError } from '../auth/auth-errors.js';
import { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { clientAddress } from '../edge/client-address.js';
import type { ApiRequest } from '../http/request-context.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';
import { ContactRecords } from '../recovery/contact-records.js';
import { RecordWorkItemOutcomeUseCase } from '../recovery/record-work-item-outcome.usecase.js';
import { CALL_CLOCK, CONFIG, LOGGER } from '../tokens.js';
import { CallContextLoader, CallTargetError, callTargetOf } from './call-context.loader.js';
import { holderOf, mayAssist } from './call-scope.js';
import { parseClientMessage, type CallConfirmation, type CallSegment } from './call-segment.js';
import { CallSession, type CallContext } from './call-session.js';

export const CALL_ASSIST_PATH = '/v1/calls/assist';
/** The subprotocol a browser names (it cannot send an Authorization header): ["credence.call-assist.v1", "bearer.<token>"]. */
export const CALL_ASSIST_PROTOCOL = 'credence.call-assist.v1';
const MAX_MESSAGE_BYTES = 16 * 1024;
/**
 * Messages a socket may have waiting for their answer (the one being answered included). Segments
 * are answered one at a time, so a client that sends faster than the model scores would otherwise
 * grow the queue, and the memory it holds, without bound; beyond this a message is refused, with
 * an error that says so, never dropped in silence.
 */
export const MAX_WAITING_MESSAGES = 32;

interface Refusal {
  status: number;
  title: string;
  detail: string;
  challenge?: string;
}

@Injectable()
export class CallAssistGateway implements OnModuleInit, OnApplicationShutdown {
  private model: IntentModel | null = null;
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(CALL_ASSIST_PROTOCOL) ? CALL_ASSIST_PROTOCOL : false),
  });

  constructor(
    private readonly auth: Authenticator,
    private readonly contexts: CallContextLoader,
    private readonly records: ContactRecords,
    private readonly outcomes: RecordWorkItemOutcomeUseCase,
    private readonly audit: AuditTrail,
    @Inject(CONFIG) private readonly config: CredenceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CALL_CLOCK) private readonly now: () => number,
  ) {}

  async onModuleInit(): Promise<void> {
    this.model = await IntentModel.load();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const client of this.wss.clients) client.close(1001, 'the API is stopping');
    // A client that does not answer the closing handshake within a second is cut off: shutdown never waits on a caller.
    const cutOff = setTimeout(() => this.wss.clients.forEach((c) => c.terminate()), 1_000);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    clearTimeout(cutOff);
    await this.model?.close();
    this.model = null;
  }

  /** Takes the HTTP server's upgrades: this is the API's only WebSocket. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      void this.upgrade(req, socket, head).catch((err: unknown) => {
        this.logger.error({ err }, 'call assist: upgrade failed');
        refuse(socket, { status: 500, title: 'Internal Server Error', detail: 'the call could not be opened' });
      });
    });
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== CALL_ASSIST_PATH) return refuse(socket, { status: 404, title: 'Not Found', detail: `no WebSocket here; the call assist is at ${CALL_ASSIST_PATH}` });
    const request = withBrowserBearer(req) as unknown as ApiRequest;
    let principal: Principal;
    try {
      principal = await this.auth.authorize(request, 'calls:assist');
    } catch (err) {
      if (err instanceof UnauthenticatedError) return refuse(socket, { status: 401, title: 'Unauthorized', detail: err.message, challenge: err.challenge() });
      if (err instanceof ForbiddenError) return refuse(socket, { status: 403, title: 'Forbidden', detail: err.message, challenge: err.challenge() });
      if (err instanceof IdentityProviderUnavailableError) return refuse(socket, { status: 503, title: 'Service Unavailable', detail: 'the identity provider could not be reached; retry shortly' });
      throw err;
    }
    let context: CallContext;
    try {
      const target = callTargetOf(url.searchParams);
      const resolved = await this.contexts.resolve(target);
      if (!mayAssist(principal, holderOf(resolved.workItem))) {
        // Outside the caller's scope the case is not there for them, as for every scoped read: the
        // same 404 an unknown ID gets, so a guessed ID tells nothing (the attempt is audited).
        await this.record(request, principal, resolved.loanId, resolved.workItem?.caseId ?? null, 404);
        const what = 'caseId' in target ? `${target.caseId.startsWith('recovery-') ? 'recovery case' : 'work item'} ${target.caseId}` : `loan ${target.loanId}`;
        return refuse(socket, { status: 404, title: 'Not Found', detail: `there is no ${what}` });
      }
      context = await this.contexts.load(resolved);
    } catch (err) {
      if (err instanceof CallTargetError) return refuse(socket, { status: err.status, title: err.status === 404 ? 'Not Found' : 'Bad Request', detail: err.message });
      throw err;
    }
    try {
      await this.record(request, principal, context.loanId, context.caseId, 101);
    } catch (err) {
      this.logger.error({ err }, 'call assist: the audit entry was not recorded');
      return refuse(socket, { status: 503, title: 'Service Unavailable', detail: 'the call could not be recorded in the audit trail, so it is not opened; retry shortly' });
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, principal, context));
  }

  private serve(ws: WebSocket, principal: Principal, context: CallContext): void {
    const model = this.model;
    if (!model) return ws.close(1013, 'the intent model is not loaded yet');
    const callId = randomUUID();
    const session = new CallSession(context, model.version);
    const send = (message: object) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const opening = session.opening(this.now());
    send({ type: 'ready', callId, loanId: context.loanId, caseId: context.caseId, workflowId: context.workflowId, currency: context.currency, jurisdiction: context.country, risk: context.risk, modelVersion: model.version, ...opening });
    // Segments are answered in the order they came, one at a time.
    let queue = Promise.resolve();
    let waiting = 0;
    ws.on('message', (data, isBinary) => {
      const receivedAt = performance.now();
      if (waiting >= MAX_WAITING_MESSAGES) return send(tooMany(data, isBinary));
      waiting += 1;
      queue = queue.then(async () => {
        if (isBinary) return send(error(undefined, [{ field: '', message: 'send text frames of JSON, not binary' }]));
        const parsed = parseClientMessage(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
        if (!parsed.ok) return send(error(parsed.seq, parsed.problems));
        if (parsed.message.type === 'confirm') return send(await this.confirm(session, parsed.message, principal, callId));
        const segment: CallSegment = parsed.message;
        const mismatch = (segment.caseId !== undefined && segment.caseId.toLowerCase() !== context.caseId && segment.caseId.toLowerCase() !== context.workflowId) || (segment.loanId !== undefined && segment.loanId.toLowerCase() !== context.loanId);
        if (mismatch) return send(error(segment.seq, [{ field: segment.caseId !== undefined ? 'caseId' : 'loanId', message: 'this call is about another case: open a socket per call' }], 422));
        const [scores] = await model.score([segment.text]);
        send({ ...session.process(segment, scores!, this.now()), latencyMs: Math.round((performance.now() - receivedAt) * 100) / 100 });
      }).catch((err: unknown) => {
        this.logger.error({ err, callId }, 'call assist: a segment failed');
        send({ type: 'error', status: 500, title: 'Internal Server Error', detail: 'this segment could not be assisted; the call goes on' });
      }).finally(() => {
        waiting -= 1;
      });
    });
    ws.on('error', (err) => this.logger.warn({ err, callId }, 'call assist: socket error'));
  }

  /**
   * The collector confirms what the call found, and the platform acts through its existing paths:
   * a stop request becomes the borrower's opt-out from calls on their standing (as a STOP reply
   * does, source collector); a dispute is the desk's outcome `disputed` when the caller holds the
   * case (the outcome route's use case: the standing, the episode told), else the standing's
   * dispute. Only what the assist heard can be confirmed.
   */
  private async confirm(session: CallSession, message: CallConfirmation, principal: Principal, callId: string): Promise<object> {
    const { context } = session;
    const seq = message.seq;
    if (!session.heard(message.action)) return error(seq, [{ field: 'action', message: `no ${message.action === 'stop_request' ? 'stop request' : 'dispute'} was heard on this call` }], 409);
    // A call may outlast the caller's hold on the case (closed, recalled, reassigned while it was open): what it changes is asked afresh.
    if (!(await this.holdsStill(principal, context))) return error(seq, [{ field: 'action', message: 'you no longer hold this case: nothing was changed' }], 403);
    if (!this.records.contactsConfigured) return { type: 'error', ...(seq !== undefined ? { seq } : {}), status: 503, title: 'Service Unavailable', detail: 'no contact keys are configured: the standing cannot be changed' };
    const at = new Date(this.now()).toISOString();
    const origin = { source: 'collector' as const, sourceRef: context.caseId ?? context.loanId, actor: principal.subject, at };
    if (message.action === 'stop_request') {
      await this.records.profiles().recordStandingChange(context.loanId, { change: 'opt_out', channel: 'voice' }, { ...origin, reason: 'asked on a live call not to be called (call assist)' });
    } else if (context.caseId && context.assigneeId && mayAssist({ ...principal, roles: principal.roles.filter((r) => r !== 'ops' && r !== 'admin') }, context.assigneeId)) {
      await this.outcomes.execute({ caseId: context.caseId, assigneeId: context.assigneeId, scope: scopeOf(principal), outcome: 'disputed', note: 'disputed on a live call (call assist)', requestKey: `call-assist-${callId}-dispute` });
    } else {
      await this.records.profiles().recordStandingChange(context.loanId, { change: 'dispute_opened' }, { ...origin, reason: 'disputed on a live call (call assist)' });
    }
    session.markConfirmed(message.action);
    return { type: 'confirmed', ...(seq !== undefined ? { seq } : {}), action: message.action, at, nextBestAction: session.opening(this.now()).nextBestAction };
  }

  /** Whether the caller still holds the call's case (ops and admins hold every case). */
  private async holdsStill(principal: Principal, context: CallContext): Promise<boolean> {
    if (mayAssist(principal, null)) return true;
    if (context.caseId === null) return false;
    try {
      return mayAssist(principal, holderOf((await this.contexts.resolve({ caseId: context.caseId })).workItem));
    } catch (err) {
      if (err instanceof CallTargetError) return false;
      throw err;
    }
  }

  private async record(req: ApiRequest, principal: Principal, loanId: string, caseId: string | null, status: number): Promise<void> {
    req.principal = principal;
    const actor = actorOf(req);
    await this.audit.writer.append({
      id: randomUUID(),
      at: new Date().toISOString(),
      requestId: (typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID()).slice(0, 128),
      actorId: actor.id,
      actorKind: actor.kind,
      actorRoles: [...actor.roles],
      agencyId: actor.agencyId ?? null,
      kind: 'read',
      action: 'calls.assist',
      method: 'GET',
      route: CALL_ASSIST_PATH,
      loanId,
      caseId,
      clientAddress: clientAddress(req, this.config.api.edge.trustProxy).slice(0, 64),
      status,
      outcome: outcomeOf(status < 200 ? 200 : status),
    });
  }
}

function error(seq: number | undefined, problems: { field: string; message: string }[], status = 400): object {
  return { type: 'error', ...(seq !== undefined ? { seq } : {}), status, title: status === 400 ? 'Invalid message' : status === 403 ? 'Not your case' : status === 409 ? 'Nothing to confirm' : 'Wrong call', detail: problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; '), problems };
}

/** The refusal of a message beyond MAX_WAITING_MESSAGES, with its seq when it has one, so the client knows which to send again. */
function tooMany(data: unknown, isBinary: boolean): object {
  let seq: number | undefined;
  if (!isBinary && Buffer.isBuffer(data)) {
    const parsed = parseClientMessage(data.toString('utf8'));
    seq = parsed.ok ? parsed.message.seq : parsed.seq;
  }
  const detail = `at most ${MAX_WAITING_MESSAGES} messages may wait for their answer on one call: this one was not assisted; send it again once answers come back`;
  return { type: 'error', ...(seq !== undefined ? { seq } : {}), status: 429, title: 'Too Many Requests', detail, problems: [{ field: '', message: detail }] };
}

/** A browser's token, sent as the subprotocol `bearer.<token>`, read as its Authorization header. */
function withBrowserBearer(req: IncomingMessage): IncomingMessage {
  if (req.headers.authorization !== undefined || req.headers['x-api-key'] !== undefined) return req;
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const bearer = offered.find((p) => p.startsWith('bearer.'));
  if (bearer) req.headers.authorization = `Bearer ${bearer.slice('bearer.'.length)}`;
  return req;
}

/** An HTTP answer on the raw socket, before any upgrade: a problem document, as every route refuses. */
function refuse(socket: Duplex, refusal: Refusal): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ type: 'about:blank', title: refusal.title, status: refusal.status, detail: refusal.detail, instance: CALL_ASSIST_PATH });
  const headers = [
    `HTTP/1.1 ${refusal.status} ${refusal.title}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...(refusal.challenge ? [`WWW-Authenticate: ${refusal.challenge}`] : []),
  ];
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}
