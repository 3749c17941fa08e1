// The audit chain on real PostgreSQL: appends from many callers and from two processes' writers at
// once stay gapless and linked; the database refuses to change or remove a row; and rows changed
// behind its back (directly in SQL, as a superuser past the trigger) are found by the verifier and
// by `npm run -s audit:verify`, at the first row that no longer holds.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openOrm, type Orm } from '../../../db/orm.js';
import { AuditLogRepository, type AuditEntry } from '../../../db/repositories/audit-log.repository.js';
import { createTestDatabase, type TestDatabase } from '../../testkit/postgres.js';
import { chainHash, link } from './audit-chain.js';
import { AuditWriter } from './audit-writer.js';
import { verifyAuditChain } from './verify-audit-chain.js';

const opened: { db: TestDatabase; orms: Orm[] }[] = [];

afterAll(async () => {
  for (const { db, orms } of opened) {
    for (const orm of orms) await orm.close();
    await db.drop();
  }
});

/** A database of its own (each tampering spoils its chain), with `processes` ORMs on it. */
async function database(processes = 1): Promise<{ url: string; orms: Orm[] }> {
  const db = await createTestDatabase();
  const orms = await Promise.all(Array.from({ length: processes }, () => openOrm({ databaseUrl: db.url, poolSize: 4 })));
  opened.push({ db, orms });
  return { url: db.url, orms };
}

function entry(n: number): AuditEntry {
  return {
    id: randomUUID(),
    at: new Date(Date.UTC(2026, 11, 4, 10, 0, 0, n)).toISOString(),
    requestId: `req-${n}`,
    actorId: n % 2 === 0 ? 'ops.asha' : 'compliance.ravi',
    actorKind: 'person',
    actorRoles: [n % 2 === 0 ? 'ops' : 'compliance'],
    agencyId: null,
    kind: n % 3 === 0 ? 'command' : 'read',
    action: 'LoansController_get',
    method: 'GET',
    route: '/v1/loans/:loanId',
    loanId: randomUUID(),
    caseId: null,
    clientAddress: '203.0.113.7',
    status: 200,
    outcome: 'succeeded',
  };
}

async function appended(orm: Orm, count: number): Promise<void> {
  const writer = new AuditWriter(orm);
  await Promise.all(Array.from({ length: count }, (_, i) => writer.append(entry(i))));
}

/** SQL run as the superuser past the append-only trigger, as an operator could. */
async function tamper(orm: Orm, ...statements: string[]): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    await em.execute(`set local session_replication_role = replica`);
    for (const sql of statements) await em.execute(sql);
  });
}

const cli = fileURLToPath(new URL('../../../dist/apps/tools/audit-verify.js', import.meta.url));
function runCli(url: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('appending', () => {
  it('gives every entry the next seq and links it, however many callers and processes append at once', async () => {
    const { orms } = await database(2);
    const [a, b] = orms as [Orm, Orm];
    await Promise.all([appended(a, 300), appended(b, 300), appended(a, 50)]);
    const rows = await a.em.fork().execute<{ seq: string }[]>(`select seq from audit_log order by seq`);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 650 }, (_, i) => i + 1));
    const result = await verifyAuditChain(a);
    expect(result).toMatchObject({ ok: true, checked: 650, firstBroken: null, head: { seq: 650 } });
  });

  it('a retried batch whose first commit went unanswered records each entry once', async () => {
    const { orms } = await database();
    const orm = orms[0]!;
    const batch = [entry(1), entry(2), entry(3)];
    // The first try committed, and its caller never heard (the connection dropped on the answer).
    await new AuditLogRepository(orm.em.fork()).append(batch.slice(0, 2), link);
    const rows = await new AuditLogRepository(orm.em.fork()).append(batch, link, true);
    expect(rows.map((r) => r.id)).toEqual([batch[2]!.id]);
    const ids = await orm.em.fork().execute<{ id: string }[]>(`select id from audit_log order by seq`);
    expect(ids.map((r) => r.id)).toEqual(batch.map((e) => e.id));
    expect(await new AuditLogRepository(orm.em.fork()).append(batch, link, true)).toEqual([]);
    expect(await verifyAuditChain(orm)).toMatchObject({ ok: true, checked: 3 });
  });

  it('is all the database allows: updates, deletes and truncation are refused', async () => {
    const { orms } = await database();
    const orm = orms[0]!;
    await appended(orm, 3);
    for (const sql of [`update audit_log set status = 500 where seq = 2`, `delete from audit_log where seq = 3`, `truncate audit_log`]) {
      await expect(orm.em.fork().execute(sql)).rejects.toThrow(/audit_log is append-only/);
    }
    expect(await verifyAuditChain(orm)).toMatchObject({ ok: true, checked: 3 });
  });
});

describe('tampering found by the verifier', () => {
  it('a row altered in place', async () => {
    const { orms, url } = await database();
    const orm = orms[0]!;
    await appended(orm, 10);
    expect(runCli(url)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^audit chain whole: 10 rows, head 10:[0-9a-f]{64}/) });
    await tamper(orm, `update audit_log set actor_id = 'nobody' where seq = 4`);
    expect((await verifyAuditChain(orm)).firstBroken).toMatchObject({ seq: 4, problem: 'altered' });
    const run = runCli(url);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/BROKEN at row 4 \(altered\)/);
  });

  it('a row deleted from the middle', async () => {
    const { orms, url } = await database();
    const orm = orms[0]!;
    await appended(orm, 10);
    await tamper(orm, `delete from audit_log where seq = 6`);
    expect((await verifyAuditChain(orm)).firstBroken).toMatchObject({ seq: 6, problem: 'missing' });
    const run = runCli(url, '--json');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, firstBroken: { seq: 6, problem: 'missing' } });
  });

  it('a row inserted in the middle, its hash forged onto the row before it and the rows after renumbered', async () => {
    const { orms } = await database();
    const orm = orms[0]!;
    await appended(orm, 10);
    const [before] = await orm.em.fork().execute<{ hash: string }[]>(`select hash from audit_log where seq = 5`);
    const forged = { ...entry(99), actorId: 'ops.asha' };
    const hash = chainHash(before!.hash, 6, forged);
    await tamper(
      orm,
      `update audit_log set seq = seq + 1000 where seq > 5`,
      `update audit_log set seq = seq - 999 where seq > 1000`,
      `insert into audit_log (seq, id, at, request_id, actor_id, actor_kind, actor_roles, agency_id, kind, action, method, route, loan_id, case_id, client_address, status, outcome, prev_hash, hash)
       values (6, '${forged.id}', '${forged.at}', '${forged.requestId}', '${forged.actorId}', 'person', '${JSON.stringify(forged.actorRoles)}', null, '${forged.kind}', '${forged.action}', 'GET', '${forged.route}', '${forged.loanId}', null, '203.0.113.7', 200, 'succeeded', '${before!.hash}', '${hash}')`,
      `update audit_chain_head set seq = 11`,
    );
    // The forged row itself holds; the row it pushed along does not.
    expect((await verifyAuditChain(orm)).firstBroken).toMatchObject({ seq: 7, problem: 'unlinked' });
  });

  it('two rows swapped', async () => {
    const { orms } = await database();
    const orm = orms[0]!;
    await appended(orm, 10);
    await tamper(orm, `update audit_log set seq = 0 where seq = 3`, `update audit_log set seq = 3 where seq = 4`, `update audit_log set seq = 4 where seq = 0`);
    expect((await verifyAuditChain(orm)).firstBroken).toMatchObject({ seq: 3, problem: 'unlinked' });
  });

  it('the last rows deleted', async () => {
    const { orms } = await database();
    const orm = orms[0]!;
    await appended(orm, 10);
    await tamper(orm, `delete from audit_log where seq > 8`);
    expect((await verifyAuditChain(orm)).firstBroken).toMatchObject({ seq: 9, problem: 'truncated' });
  });

  it('a tail rewritten with every hash and the head recomputed: only an anchor recorded earlier shows it', async () => {
    const { orms, url } = await database();
    const orm = orms[0]!;
    await appended(orm, 10);
    const anchor = (await verifyAuditChain(orm)).head;
    // Rows 4 to 10 are replaced by a history the forger prefers, every link recomputed.
    const rows = await orm.em.fork().execute<Record<string, unknown>[]>(`select seq, hash from audit_log where seq <= 3 order by seq`);
    let prev = String(rows.at(-1)!.hash);
    const statements = [`delete from audit_log where seq > 3`];
    for (let seq = 4; seq <= 10; seq++) {
      const e = { ...entry(seq), actorId: 'someone.else' };
      const hash = chainHash(prev, seq, e);
      statements.push(
        `insert into audit_log (seq, id, at, request_id, actor_id, actor_kind, actor_roles, agency_id, kind, action, method, route, loan_id, case_id, client_address, status, outcome, prev_hash, hash)
         values (${seq}, '${e.id}', '${e.at}', '${e.requestId}', '${e.actorId}', 'person', '${JSON.stringify(e.actorRoles)}', null, '${e.kind}', '${e.action}', 'GET', '${e.route}', '${e.loanId}', null, '203.0.113.7', 200, 'succeeded', '${prev}', '${hash}')`,
      );
      prev = hash;
    }
    statements.push(`update audit_chain_head set hash = '${prev}'`);
    await tamper(orm, ...statements);
    expect(await verifyAuditChain(orm)).toMatchObject({ ok: true });
    expect((await verifyAuditChain(orm, { anchor })).firstBroken).toMatchObject({ seq: 10, problem: 'anchor' });
    const run = runCli(url, '--anchor', `${anchor.seq}:${anchor.hash}`);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/BROKEN at row 10 \(anchor\)/);
  });

  it('the CLI says what it needs', () => {
    const run = spawnSync(process.execPath, [cli], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/DATABASE_URL is required/);
    expect(runCli('postgres://nobody@127.0.0.1:1/none', '--anchor', 'x')).toMatchObject({ status: 2, stderr: expect.stringMatching(/--anchor takes <seq>:<hash>/) });
  });
});
