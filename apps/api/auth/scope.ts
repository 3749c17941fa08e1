// What a caller may read of the recovery book, and who they are at the collector desk. A person or
// key holding only the agency role reads the cases placed with their agency; one holding only the
// collector role, their own queue and what they may pick up; every other role (ops, compliance,
// admin...) the whole book. The scope goes into the repositories' queries (db/repositories/case-scope.ts).
import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { ALL_CASES, type CaseScope } from '../../../db/repositories/case-scope.js';
import type { ApiRequest } from '../http/request-context.js';
import { ProblemException } from '../http/problem.js';
import type { Principal } from './principal.js';
import type { Role } from './roles.js';

/** Roles that read the whole book; any of them outweighs a narrower role held beside it. */
const WHOLE_BOOK: readonly Role[] = ['admin', 'ops', 'compliance', 'underwriter'];

export function scopeOf(principal: Principal): CaseScope {
  if (principal.roles.some((r) => WHOLE_BOOK.includes(r))) return ALL_CASES;
  if (principal.roles.includes('agency')) {
    // The authenticator refuses an agency credential that names no agency; this keeps it so.
    if (!principal.agencyId) throw new Error(`agency principal ${principal.subject} names no agency`);
    return { kind: 'agency', agencyId: principal.agencyId };
  }
  if (principal.roles.includes('collector')) return { kind: 'collector', assigneeId: principal.subject };
  // A role that reads cases and is none of these (none today) sees nothing rather than everything.
  return { kind: 'collector', assigneeId: principal.subject };
}

/**
 * Who the caller is as an assignee: an agency user acts for their agency (its ID), a collector as
 * themselves (their token's `sub`). Anyone else (ops, admin) is nobody's assignee: the desk never
 * acts as someone else, whatever a body says.
 */
export function assigneeOf(principal: Principal): string {
  const scope = principal.roles.includes('agency') || principal.roles.includes('collector') ? narrowScope(principal) : null;
  if (scope?.kind === 'agency') return scope.agencyId;
  if (scope?.kind === 'collector') return scope.assigneeId;
  throw new ProblemException('notAnAssignee', `${principal.subject} is not a collector or an agency: the desk acts only as its caller, and ops place or reassign cases through their own routes`);
}

function narrowScope(principal: Principal): CaseScope {
  if (principal.roles.includes('agency') && principal.agencyId) return { kind: 'agency', agencyId: principal.agencyId };
  return { kind: 'collector', assigneeId: principal.subject };
}

function principalOf(context: ExecutionContext): Principal {
  const principal = context.switchToHttp().getRequest<ApiRequest>().principal;
  if (!principal) throw new Error('a scoped route nobody was authenticated for: declare @Requires(<permission>) on it');
  return principal;
}

/** The caller's read scope, for a route that reads cases, their episodes, timelines or borrowers' standing. */
export const ReadScope = createParamDecorator((_data: unknown, context: ExecutionContext): CaseScope => scopeOf(principalOf(context)));

/**
 * Refuses (403 not-an-assignee) a caller who is nobody's assignee, after the access check and
 * before the body is read: the answer does not depend on what the body says.
 */
@Injectable()
export class AssigneeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    assigneeOf(principalOf(context));
    return true;
  }
}

/** The caller as an assignee, for the desk (AssigneeGuard has refused anyone else). */
export const DeskAssignee = createParamDecorator((_data: unknown, context: ExecutionContext): string => assigneeOf(principalOf(context)));
