// The data migration that seals the free text written about borrowers before it was sealed where it
// is taken in: a database migrated up to the migration before it is given plain notes and reasons
// where the old code wrote them, the migration runs with the keys the platform is given, and every
// one is sealed (and opens to what it was), while what was already sealed, and system text, stay.
import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { randomBytes, randomUUID } from 'node:crypto';
import { FieldCipher } from '../apps/shared/crypto/field-cipher.js';
import { NOTE_CONTEXT, openNotes, sealNote } from '../apps/shared/crypto/sealed-note.js';
import { formatKeyring, generateKeyring } from '../apps/shared/temporal/keyring.js';
import { ADMIN_URL } from '../apps/testkit/postgres.js';
import { openOrm, type Orm } from './orm.js';

const name = `credence_test_seal_${randomBytes(4).toString('hex')}`;
let orm: Orm | undefined;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  await orm?.close();
  await admin(`drop database if exists ${name} with (force)`);
});

describe('the seal_free_text data migration', () => {
  it('seals the plain notes and reasons an older release left, with the configured keys', async () => {
    await admin(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    orm = await openOrm({ databaseUrl: url.toString(), poolSize: 2 });
    await orm.migrator.up({ to: 'Migration20261204173900_audit_log' });

    const keyring = generateKeyring();
    const cipher = new FieldCipher(keyring);
    const loanId = randomUUID();
    const workflowId = `recovery-${loanId}-1`;
    const caseId = `case-${workflowId}`;
    const em = orm.em.fork();
    const note = 'Spoke to Karan Mehta on +919000000102';
    const alreadySealed = sealNote(cipher, 'sealed before');
    await em.execute(`insert into contact_standing_changes (loan_id, change, source, reason, at) values (?, 'dispute_opened', 'collector', ?, now()), (?, 'opt_out', 'inbound', null, now())`, [loanId, note, loanId]);
    await em.execute(
      `insert into recovery_case_events (case_id, at, kind, data) values (?, now(), 'outcome', ?), (?, now(), 'declined', ?), (?, now(), 'kept', ?), (?, now(), 'outcome', ?)`,
      [caseId, JSON.stringify({ outcome: 'reached', note }), caseId, JSON.stringify({ reason: 'Karan Mehta is my neighbour' }), caseId, JSON.stringify({ reason: 'nobody else eligible has room' }), caseId, JSON.stringify({ outcome: 'reached', note: alreadySealed })],
    );
    await em.execute(`insert into episode_signal_outbox (id, workflow_id, signal, payload, created_at, next_attempt_at) values (?, ?, 'caseOutcome', ?, now(), now())`, [
      `outcome-${randomUUID()}`,
      workflowId,
      JSON.stringify({ caseId, outcome: 'reached', by: 'col-asha', note }),
    ]);
    await em.execute(`insert into recovery_actions (workflow_id, loan_id, seq, at, kind, data) values (?, ?, 1, now(), 'case_outcome', ?), (?, ?, 2, now(), 'dispute_verified', ?)`, [
      workflowId,
      loanId,
      JSON.stringify({ caseId, outcome: 'reached', note }),
      workflowId,
      loanId,
      JSON.stringify({ by: 'compliance.ravi', note: 'Statement posted to 14 Carter Road' }),
    ]);

    const saved = { keys: process.env.CREDENCE_ENCRYPTION_KEYS, active: process.env.CREDENCE_ENCRYPTION_KEY_ID };
    process.env.CREDENCE_ENCRYPTION_KEYS = formatKeyring(keyring);
    process.env.CREDENCE_ENCRYPTION_KEY_ID = keyring.activeKeyId;
    try {
      await orm.migrator.up();
    } finally {
      for (const [key, value] of [['CREDENCE_ENCRYPTION_KEYS', saved.keys], ['CREDENCE_ENCRYPTION_KEY_ID', saved.active]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }

    const read = orm.em.fork();
    const reasons = await read.execute<{ change: string; reason: string | null }[]>(`select change, reason from contact_standing_changes order by id`);
    expect(reasons.map((r) => [r.change, r.reason === null ? null : cipher.decrypt(r.reason, 'contact_standing_changes.reason')])).toEqual([['dispute_opened', note], ['opt_out', null]]);
    const events = await read.execute<{ kind: string; data: Record<string, unknown> }[]>(`select kind, data from recovery_case_events order by id`);
    expect(events.map((e) => e.data.note ?? e.data.reason)).toEqual([expect.stringMatching(/^f1:/), expect.stringMatching(/^f1:/), 'nobody else eligible has room', alreadySealed]);
    expect(events.map((e) => openNotes(cipher, e.data))).toEqual([
      { outcome: 'reached', note },
      { reason: 'Karan Mehta is my neighbour' },
      { reason: 'nobody else eligible has room' },
      { outcome: 'reached', note: 'sealed before' },
    ]);
    const [signal] = await read.execute<{ payload: Record<string, unknown> }[]>(`select payload from episode_signal_outbox`);
    expect(cipher.decrypt(String(signal!.payload.note), NOTE_CONTEXT)).toBe(note);
    const actions = await read.execute<{ data: Record<string, unknown> }[]>(`select data from recovery_actions order by seq`);
    expect(actions.map((a) => openNotes(cipher, a.data).note)).toEqual([note, 'Statement posted to 14 Carter Road']);
    const raw = JSON.stringify(await read.execute(`select * from contact_standing_changes, recovery_case_events, episode_signal_outbox, recovery_actions`));
    for (const plain of ['Karan', '9000000102', 'Carter Road']) expect(raw).not.toContain(plain);
  });
});
