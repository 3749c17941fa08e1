// Records each audited request (audited-routes.ts) once its outcome is known and before its answer
// leaves: the answer's end is held until the entry is committed in its own transaction, so a
// request whose own transaction rolled back is recorded all the same, with its status. A read of
// personal data is not answered unless it was recorded (503, retry): nothing is disclosed without
// a trace. A read refused (4xx) or failed (5xx) discloses nothing, so its own answer goes out
// (an invalid loan ID stays a 400 with its field while the trail is unreachable). A command has already happened by then, so its answer goes out and the failure to
// record it is logged with the whole entry. A client that leaves before the answer is recorded as
// aborted. Mounted on Express ahead of Nest's middleware, so refusals by authentication and the
// body reader are seen too.
import { Inject, Injectable, type OnApplicationShutdown, type Type } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../../db/repositories/audit-log.repository.js';
import type { Orm } from '../../../db/orm.js';
import { outcomeOf } from '../../shared/audit/audit-chain.js';
import { AuditWriter } from '../../shared/audit/audit-writer.js';
import type { CredenceConfig } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import { clientAddress } from '../edge/client-address.js';
import type { RouterStack } from '../edge/allowed-methods.js';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from '../http/problem.js';
import { RETRY_AFTER_SECONDS } from '../http/problem-mapping.js';
import { pathOf, requestIdOf, type ApiRequest, type ApiResponse } from '../http/request-context.js';
import { CONFIG, LOGGER, ORM } from '../tokens.js';
import { actorOf } from './actor.js';
import { AuditedRoutes, type AuditSubject } from './audited-routes.js';

type End = ApiResponse['end'];

@Injectable()
export class AuditTrail implements OnApplicationShutdown {
  readonly writer: AuditWriter;
  private readonly routes = new AuditedRoutes();

  constructor(
    @Inject(ORM) orm: Orm,
    @Inject(CONFIG) private readonly config: CredenceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.writer = new AuditWriter(orm);
  }

  /** Learns the routes once the app has registered them. */
  bind(controllers: readonly Type[], stack: RouterStack): void {
    this.routes.bind(controllers, stack);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.writer.flushed();
  }

  middleware(): (req: ApiRequest, res: ApiResponse, next: () => void) => void {
    return (req, res, next) => {
      const end = res.end.bind(res) as (...args: unknown[]) => ApiResponse;
      let recorded = false;
      const record = (status: number, aborted: boolean): AuditEntry | undefined => {
        if (recorded) return undefined;
        recorded = true;
        const subject = this.routes.subjectOf(req);
        return subject && this.entry(req, subject, status, aborted);
      };
      res.end = ((...args: unknown[]) => {
        const entry = record(res.statusCode, false);
        if (!entry) return end(...args);
        this.writer.append(entry).then(
          () => end(...args),
          (err: unknown) => {
            this.logger.error({ err, audit: entry }, 'audit entry not recorded');
            if (entry.kind === 'read' && res.statusCode < 400 && !res.headersSent) this.refuseUnrecorded(req, res, end);
            else end(...args);
          },
        );
        return res;
      }) as End;
      // The client went away before an answer was started: the attempt is recorded as such.
      res.on('close', () => {
        const entry = res.writableEnded ? undefined : record(499, true);
        if (entry) this.writer.append(entry).catch((err: unknown) => this.logger.error({ err, audit: entry }, 'audit entry not recorded'));
      });
      next();
    };
  }

  private entry(req: ApiRequest, subject: AuditSubject, status: number, aborted: boolean): AuditEntry {
    const actor = actorOf(req);
    return {
      id: randomUUID(),
      at: new Date().toISOString(),
      requestId: requestIdOf(req),
      actorId: actor.id,
      actorKind: actor.kind,
      actorRoles: [...actor.roles],
      agencyId: actor.agencyId ?? null,
      kind: subject.route.kind,
      action: subject.route.action,
      method: subject.route.method,
      route: subject.route.path,
      loanId: subject.loanId,
      caseId: subject.caseId,
      clientAddress: clientAddress(req, this.config.api.edge.trustProxy).slice(0, 64),
      status,
      outcome: aborted ? 'aborted' : outcomeOf(status),
    };
  }

  private refuseUnrecorded(req: ApiRequest, res: ApiResponse, end: (...args: unknown[]) => ApiResponse): void {
    const { type, title, status } = PROBLEM_TYPES.dependencyUnavailable;
    for (const header of ['Content-Length', 'ETag', 'Content-Type']) res.removeHeader(header);
    res.statusCode = status;
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    end(JSON.stringify({ type, title, status, detail: 'the read could not be recorded in the audit trail, so it is not answered; retry shortly', instance: pathOf(req), requestId: requestIdOf(req) }));
  }
}
