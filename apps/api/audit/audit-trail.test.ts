// The audit trail through the real API on its own PostgreSQL database: commands and reads of
// personal data are recorded, with their route, loan or case, address and outcome, before the
// answer leaves; reads that show nothing personal are not; a command whose own transaction fails
// is recorded with its failure; a refused body is recorded by its route; a read is not answered
// when it cannot be recorded; and the trail is searched and verified over HTTP.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Orm } from '../../../db/orm.js';
import type { AuditRow } from '../../../db/repositories/audit-log.repository.js';
import type { ChainVerification } from '../../shared/audit/verify-audit-chain.js';
import { startDatabaseApi, type DatabaseApi } from '../../testkit/database-api.js';
import type { Problem } from '../http/problem.js';
import type { AuditList } from './search-audit.usecase.js';
import { authAs, authAsUser } from '../../testkit/tokens.js';

let api: DatabaseApi;
let orm: Orm;

beforeAll(async () => {
  api = await startDatabaseApi();
  orm = api.orm;
});

afterAll(async () => {
  await api?.close();
});

async function call<T = Problem>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; requestId: string }> {
  const res = await fetch(`${api.base}${path}`, {
    method,
    headers: { ...(await authAs('admin')), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, requestId: res.headers.get('x-request-id') ?? '' };
}

/** The trail's row for a request, read straight from the table the moment its answer arrived. */
async function recorded(requestId: string): Promise<AuditRow[]> {
  const rows = await orm.em.fork().execute<Record<string, unknown>[]>(`select * from audit_log where request_id = ? order by seq`, [requestId]);
  return rows.map((r) => ({ route: r.route, action: r.action, kind: r.kind, status: r.status, outcome: r.outcome, loanId: r.loan_id, caseId: r.case_id, actorKind: r.actor_kind, clientAddress: r.client_address }) as unknown as AuditRow);
}

/** The trail's whole row for a request. */
async function recordedRow(requestId: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await orm.em.fork().execute<Record<string, unknown>[]>(`select * from audit_log where request_id = ?`, [requestId]);
  return row;
}

const assignee = { name: 'Asha Rao', kind: 'collector', skills: ['negotiation'], capacity: 5 };

describe('what is recorded', () => {
  it('a command, before its answer leaves', async () => {
    const saved = await call('PUT', '/v1/recovery/assignees/col-audit', assignee);
    expect(saved.status).toBe(200);
    expect(await recorded(saved.requestId)).toEqual([
      {
        route: '/v1/recovery/assignees/:id',
        action: 'WorkItemsController_saveAssignee',
        kind: 'command',
        status: 200,
        outcome: 'succeeded',
        loanId: null,
        caseId: null,
        actorKind: 'person',
        clientAddress: expect.stringMatching(/127\.0\.0\.1$/),
      },
    ]);
  });

  it('a read of a case, with the case and its loan, even when there is no such case', async () => {
    const loanId = randomUUID();
    const read = await call('GET', `/v1/recovery/cases/recovery-${loanId}-2`);
    expect(read.status).toBe(404);
    expect(await recorded(read.requestId)).toEqual([expect.objectContaining({ route: '/v1/recovery/cases/:caseId', kind: 'read', status: 404, outcome: 'rejected', loanId, caseId: `recovery-${loanId}-2` })]);
    // A work item is its episode's hand-off case, accepted at the desk by a collector as themselves.
    const item = await call('POST', `/v1/desk/cases/case-recovery-${loanId}-2/accept`, undefined, await authAsUser('col-audit'));
    expect(item.status).toBe(404);
    expect(await recorded(item.requestId)).toEqual([expect.objectContaining({ action: 'DeskController_accept', kind: 'command', status: 404, loanId, caseId: `recovery-${loanId}-2` })]);
  });

  it('not a read that shows nothing personal', async () => {
    const list = await call('GET', '/v1/recovery/cases');
    expect(list.status).toBe(200);
    expect(await recorded(list.requestId)).toEqual([]);
  });

  it('a command refused before it reached its handler, by its route', async () => {
    const refused = await call('PUT', '/v1/recovery/assignees/col-audit', '{"name": ', { 'content-type': 'application/json' });
    expect(refused.status).toBe(400);
    expect(await recorded(refused.requestId)).toEqual([expect.objectContaining({ route: '/v1/recovery/assignees/:id', status: 400, outcome: 'rejected' })]);
  });

  it('a command whose own transaction failed, with its failure', async () => {
    // The assignees table refuses writes for a moment: the request's own work cannot commit.
    await orm.em.fork().execute(`create function refuse_write() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`);
    await orm.em.fork().execute(`create trigger refuse_write before insert or update on recovery_assignees for each row execute function refuse_write()`);
    try {
      const failed = await call('PUT', '/v1/recovery/assignees/col-failing', assignee);
      expect(failed.status).toBe(500);
      expect(await recorded(failed.requestId)).toEqual([expect.objectContaining({ action: 'WorkItemsController_saveAssignee', status: 500, outcome: 'failed' })]);
    } finally {
      await orm.em.fork().execute(`drop trigger refuse_write on recovery_assignees`);
      await orm.em.fork().execute(`drop function refuse_write()`);
    }
  });

  it('every one of many requests at once, in one unbroken chain', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => call('PUT', `/v1/recovery/assignees/col-many-${i}`, assignee)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    for (const a of answers) expect(await recorded(a.requestId)).toHaveLength(1);
    const verified = await call<ChainVerification>('GET', '/v1/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true, firstBroken: null });
    expect(verified.body.checked).toBeGreaterThanOrEqual(45);
  });
});

describe('when the trail cannot be written', () => {
  it('a read of personal data is not answered; a refused read, disclosing nothing, and a command, already done, are', async () => {
    await orm.em.fork().execute(`alter table audit_chain_head rename to audit_chain_head_away`);
    try {
      const read = await call('GET', '/v1/audit?limit=1');
      expect(read.status).toBe(503);
      expect(read.body.detail).toMatch(/could not be recorded in the audit trail/);
      // A case that is not there: the 404 says nothing about anyone, so it goes out as it was.
      expect((await call('GET', `/v1/recovery/cases/recovery-${randomUUID()}-1`)).status).toBe(404);
      const command = await call('PUT', '/v1/recovery/assignees/col-unrecorded', assignee);
      expect(command.status).toBe(200);
    } finally {
      await orm.em.fork().execute(`alter table audit_chain_head_away rename to audit_chain_head`);
    }
    expect((await call<ChainVerification>('GET', '/v1/audit/verify')).body.ok).toBe(true);
  });
});

describe('who reads the trail', () => {
  it('compliance and admins; anyone else is refused, and the refusal is itself recorded with who tried', async () => {
    expect((await call('GET', '/v1/audit?limit=1', undefined, await authAs('compliance'))).status).toBe(200);
    expect((await fetch(`${api.base}/v1/compliance/report?from=2026-11-01&to=2026-12-01`, { headers: await authAs('compliance') })).status).toBe(200);
    const refused = await call('GET', '/v1/audit?limit=1', undefined, await authAs('ops'));
    expect(refused.status).toBe(403);
    expect(await recordedRow(refused.requestId)).toMatchObject({ actor_id: 'ops', actor_kind: 'person', actor_roles: ['ops'], status: 403, outcome: 'refused', kind: 'read' });
    const nobody = await fetch(`${api.base}/v1/audit/verify`);
    expect(nobody.status).toBe(401);
  });
});

describe('searching the trail', () => {
  it('by loan, action, kind, outcome and period, a page at a time, newest first; reading it is recorded too', async () => {
    const loanId = randomUUID();
    const from = new Date().toISOString();
    for (let n = 1; n <= 3; n++) expect((await call('GET', `/v1/recovery/cases/recovery-${loanId}-${n}`)).status).toBe(404);
    const first = await call<AuditList>('GET', `/v1/audit?loanId=${loanId}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((r) => r.caseId)).toEqual([`recovery-${loanId}-3`, `recovery-${loanId}-2`]);
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const second = await call<AuditList>('GET', `/v1/audit?loanId=${loanId}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((r) => r.caseId)).toEqual([`recovery-${loanId}-1`]);
    expect(second.body.nextCursor).toBeNull();
    const row = second.body.items[0]!;
    expect(row).toMatchObject({ kind: 'read', action: 'RecoveryCasesController_get', method: 'GET', status: 404, outcome: 'rejected', actorId: 'admin', actorRoles: ['admin'] });
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);

    const reads = await call<AuditList>('GET', `/v1/audit?action=AuditController_list&kind=read&outcome=succeeded&from=${encodeURIComponent(from)}`);
    expect(reads.body.items.length).toBeGreaterThanOrEqual(2);
    const none = await call<AuditList>('GET', `/v1/audit?loanId=${loanId}&to=${encodeURIComponent(from)}`);
    expect(none.body.items).toEqual([]);
  });

  it('refuses what it cannot search by', async () => {
    const bad = await call('GET', '/v1/audit?loanId=nope&kind=write&from=yesterday&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['from', 'kind', 'limit', 'loanId']);
  });
});

// The loan and case views (apps/web: AuditEntries.tsx) put these in a borrower's timeline, with
// exactly these queries: the acts on a loan or a case, who did them and how they ended, for a reader
// of the trail; every other role that may open the view is refused them.
describe("a loan's and a case's audit entries, as their timelines read them", () => {
  it('every act on the loan, refused or not, newest first, with its reads when asked; the case\'s by its ID', async () => {
    const loanId = randomUUID();
    const caseId = `recovery-${loanId}-1`;
    const asOps = await authAs('ops');
    const acts = [
      await call('POST', `/v1/loans/${loanId}/payments`, { amount: 0, currency: 'INR', externalId: 'utr 1' }, asOps),
      await call('POST', `/v1/loans/${loanId}/write-off`, { reason: ' ' }, asOps),
      await call('POST', `/v1/loans/${loanId}/review`, { reviewer: 'uw', outcome: 'decline' }, await authAs('underwriter')),
      await call('POST', `/v1/loans/${loanId}/payments`, { amount: 100, currency: 'INR', externalId: 'utr-1' }, await authAs('collector')),
    ];
    expect(acts.map((a) => a.status)).toEqual([400, 400, 400, 403]);
    // A collector reads only the loans of the cases they hold: this one is not found, and the read is recorded.
    expect((await call('GET', `/v1/loans/${loanId}`, undefined, await authAsUser('col-audit'))).status).toBe(404);
    expect((await call('POST', `/v1/desk/cases/case-${caseId}/accept`, undefined, await authAsUser('col-audit'))).status).toBe(404);

    const commands = await call<AuditList>('GET', `/v1/audit?loanId=${loanId}&limit=100&kind=command`, undefined, await authAs('compliance'));
    expect(commands.status).toBe(200);
    expect(commands.body.items.map((r) => [r.action, r.actorRoles, r.status, r.outcome])).toEqual([
      ['DeskController_accept', ['collector'], 404, 'rejected'],
      ['LoanCommandsController_pay', ['collector'], 403, 'refused'],
      ['LoanCommandsController_review', ['underwriter'], 400, 'rejected'],
      ['ArrangementsController_writeOff', ['ops'], 400, 'rejected'],
      ['LoanCommandsController_pay', ['ops'], 400, 'rejected'],
    ]);
    expect(commands.body.items.every((r) => r.loanId === loanId && r.kind === 'command')).toBe(true);
    expect(commands.body.nextCursor).toBeNull();

    const all = await call<AuditList>('GET', `/v1/audit?loanId=${loanId}&limit=100`, undefined, await authAs('compliance'));
    expect(all.body.items.map((r) => [r.kind, r.action])).toContainEqual(['read', 'LoansController_get']);
    expect(all.body.items).toHaveLength(6);

    const ofCase = await call<AuditList>('GET', `/v1/audit?caseId=${caseId}&limit=100&kind=command`, undefined, await authAs('compliance'));
    expect(ofCase.body.items.map((r) => [r.action, r.caseId, r.loanId])).toEqual([['DeskController_accept', caseId, loanId]]);
  });

  it('is refused to every role without audit:read (ops and underwriters open the loan view; it shows them no audit entries)', async () => {
    const loanId = randomUUID();
    const path = `/v1/audit?loanId=${loanId}&limit=100&kind=command`;
    for (const role of ['ops', 'underwriter', 'collector', 'agency', 'borrower'] as const) {
      const refused = await call('GET', path, undefined, await authAs(role));
      expect([role, refused.status]).toEqual([role, 403]);
    }
    expect((await call('GET', path, undefined, await authAs('compliance'))).status).toBe(200);
    expect((await call('GET', path, undefined, await authAs('admin'))).status).toBe(200);
  });
});

describe('verifying the trail over HTTP', () => {
  it('names the first row changed behind the database\'s back', async () => {
    expect((await call<ChainVerification>('GET', '/v1/audit/verify')).body.ok).toBe(true);
    // Run last: the chain stays broken. A superuser skips the trigger and rewrites who did something.
    await orm.em.fork().transactional(async (em) => {
      await em.execute(`set local session_replication_role = replica`);
      await em.execute(`update audit_log set actor_id = 'someone.else' where seq = 3`);
    });
    const verified = await call<ChainVerification>('GET', '/v1/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: false, firstBroken: { seq: 3, problem: 'altered' } });
  });
});
