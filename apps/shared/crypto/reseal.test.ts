// Re-sealing after a key rotation, on real PostgreSQL: every sealed field (sealed-fields.ts) is
// written under the old key by the code that writes it (or as it writes it), the keyring rotates
// to a new active key, and the reseal leaves nothing sealed with the old key: everything opens with
// the new key alone, to what it was. A dry run only counts; a second run finds nothing.
import { describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { SEAL_BODY as DELIVERY_BODY, SEAL_SUBJECT } from '../../../activities/recovery-contact/contact-dispatcher.js';
import { SEAL_BODY as INBOUND_BODY, SEAL_SENDER } from '../../../activities/recovery-contact/recovery-inbox.js';
import { ContactProfileRepository } from '../../../db/repositories/contact-profile.repository.js';
import { IdentifierHasher } from '../../../activities/fraud/identifier-hasher.js';
import { useTestOrm } from '../../testkit/test-orm.js';
import { FieldCipher } from './field-cipher.js';
import { resealPersonalData } from './reseal.js';
import { SEALED_FIELDS } from './sealed-fields.js';
import { ApprovalRepository } from '../../../db/repositories/approval.repository.js';
import { AssistantConversationRepository } from '../../../db/repositories/assistant-conversation.repository.js';
import { CONVERSATION_SEAL } from '../../../rag/conversation/conversation-seal.js';
import { openNotes, sealNote } from './sealed-note.js';
import type { Keyring } from '../temporal/keyring.js';

const db = useTestOrm();
const key = () => randomBytes(32);

describe('resealing after a key rotation', () => {
  it('seals every value again under the active key, so the old one can go', async () => {
    const oldKey = key();
    const newKey = key();
    const before = new FieldCipher({ activeKeyId: 'k-old', keys: new Map([['k-old', oldKey]]) });
    const rotated: Keyring = { activeKeyId: 'k-new', keys: new Map([['k-old', oldKey], ['k-new', newKey]]) };
    const after = new FieldCipher({ activeKeyId: 'k-new', keys: new Map([['k-new', newKey]]) });
    const em = db.orm.em.fork();
    const loanId = randomUUID();
    const workflowId = `recovery-${loanId}-1`;

    const profiles = new ContactProfileRepository(em, before, new IdentifierHasher(key()));
    await profiles.upsert({ loanId, name: 'Karan Mehta', phone: '+919000000102', email: 'karan.mehta@example.com', postalAddress: { line1: '14 Carter Road', city: 'Mumbai', region: 'MH', postalCode: '400050', country: 'IN' }, language: 'en', country: 'IN', timeZone: 'Asia/Kolkata', consents: { contact: true, automatedContact: true } });
    await profiles.recordStandingChange(loanId, { change: 'opt_out', channel: 'sms' }, { source: 'inbound', sourceRef: null, actor: null, reason: 'replied STOP', at: new Date().toISOString() });
    await em.execute(
      `insert into contact_inbound (id, provider, kind, channel, external_id, sender_hash, sender_sealed, body_sealed, loan_ids, outcome, workflow_ids, received_at, created_at)
       values (?, 'twilio', 'message', 'sms', ?, 'h', ?, ?, '[]', 'recorded', '[]', now(), now())`,
      [randomUUID(), `SM${randomUUID()}`, before.encrypt('+919000000102', SEAL_SENDER), before.encrypt('STOP', INBOUND_BODY)],
    );
    await em.execute(
      `insert into contact_deliveries (delivery_key, request_key, loan_id, workflow_id, kind, channel, template, rule_id, step_index, decision, disclosures, options_allowed, option_chosen, facts, subject_sealed, body_sealed, status, contact_at, created_at, updated_at)
       values (?, ?, ?, ?, 'send', 'email', 'reminder', 'main', 0, 'allowed', '[]', '[]', 'email', '{}', ?, ?, 'sent', now(), now(), now())`,
      [`${workflowId}-1`, `${workflowId}-1`, loanId, workflowId, before.encrypt('Your payment', SEAL_SUBJECT), before.encrypt('Dear Karan Mehta', DELIVERY_BODY)],
    );
    const note = sealNote(before, 'spoke to Karan');
    await em.execute(`insert into recovery_case_events (case_id, at, kind, data) values (?, now(), 'outcome', ?), (?, now(), 'declined', ?)`, [
      `case-${workflowId}`,
      JSON.stringify({ outcome: 'reached', note }),
      `case-${workflowId}`,
      JSON.stringify({ reason: sealNote(before, 'knows Karan') }),
    ]);
    await em.execute(`insert into episode_signal_outbox (id, workflow_id, signal, payload, created_at, next_attempt_at) values (?, ?, 'caseOutcome', ?, now(), now())`, [`outcome-${randomUUID()}`, workflowId, JSON.stringify({ note })]);
    await em.execute(`insert into recovery_actions (workflow_id, loan_id, seq, at, kind, data) values (?, ?, 1, now(), 'case_outcome', ?)`, [workflowId, loanId, JSON.stringify({ note })]);
    // A proposal's note and reason, and the checker's note (a write-off here, for the reason).
    const approvals = new ApprovalRepository(em, before);
    const proposed = await approvals.propose({ kind: 'write_off', loanId, payload: { reason: 'Karan Mehta has died', note: 'per his brother' }, reasons: ['a write-off always needs a second person'], status: 'pending', proposedBy: 'ops.farah', proposedByRoles: ['ops'], requestKey: randomUUID() });
    await approvals.decide(proposed.approval.id, 'approved', 'admin.neha', 'death certificate seen');
    const conversationId = randomUUID();
    const turns = new AssistantConversationRepository(em);
    await turns.start(conversationId, 'ops.asha', 'starter', {
      questionSealed: before.encrypt('Can we call Karan Mehta at 9 pm?', CONVERSATION_SEAL.question),
      rewrittenSealed: before.encrypt('Can we call Karan Mehta at 9 pm?', CONVERSATION_SEAL.rewritten),
      answerSealed: before.encrypt('The sources do not cover it.', CONVERSATION_SEAL.answer),
      refused: true,
      citations: [],
    });

    const cipher = new FieldCipher(rotated);
    const counted = await resealPersonalData(db.orm, cipher, 'k-new', { dryRun: true });
    expect(counted.every((c) => c.resealed === 1)).toBe(true);
    expect(counted).toHaveLength(SEALED_FIELDS.length);
    expect((await resealPersonalData(db.orm, cipher, 'k-new')).map((c) => c.resealed)).toEqual(counted.map(() => 1));
    expect((await resealPersonalData(db.orm, cipher, 'k-new')).every((c) => c.resealed === 0)).toBe(true);

    // Nothing left under the old key: the new key alone opens everything, to what it was.
    const read = db.orm.em.fork();
    const raw = JSON.stringify(await read.execute(`select * from contact_profiles, contact_standing_changes, contact_inbound, contact_deliveries`));
    expect(raw).not.toContain(':k-old:');
    const profile = await new ContactProfileRepository(read, after, new IdentifierHasher(key())).find(loanId);
    expect(profile).toMatchObject({ name: 'Karan Mehta', phone: '+919000000102', email: 'karan.mehta@example.com', postalAddress: { line1: '14 Carter Road', postalCode: '400050' } });
    expect((await new ContactProfileRepository(read, after, new IdentifierHasher(key())).changes(loanId)).map((c) => c.reason)).toEqual(['replied STOP']);
    const [inbound] = await read.execute<{ sender_sealed: string; body_sealed: string }[]>(`select sender_sealed, body_sealed from contact_inbound`);
    expect([after.decrypt(inbound!.sender_sealed, SEAL_SENDER), after.decrypt(inbound!.body_sealed, INBOUND_BODY)]).toEqual(['+919000000102', 'STOP']);
    const [delivery] = await read.execute<{ subject_sealed: string; body_sealed: string }[]>(`select subject_sealed, body_sealed from contact_deliveries`);
    expect([after.decrypt(delivery!.subject_sealed, SEAL_SUBJECT), after.decrypt(delivery!.body_sealed, DELIVERY_BODY)]).toEqual(['Your payment', 'Dear Karan Mehta']);
    const notes = [
      ...(await read.execute<{ data: Record<string, unknown> }[]>(`select data from recovery_case_events order by id`)).map((r) => r.data),
      ...(await read.execute<{ payload: Record<string, unknown> }[]>(`select payload from episode_signal_outbox`)).map((r) => r.payload),
      ...(await read.execute<{ data: Record<string, unknown> }[]>(`select data from recovery_actions`)).map((r) => r.data),
    ];
    expect(notes.map((n) => openNotes(after, n))).toEqual([{ outcome: 'reached', note: 'spoke to Karan' }, { reason: 'knows Karan' }, { note: 'spoke to Karan' }, { note: 'spoke to Karan' }]);
    const [turn] = await new AssistantConversationRepository(read).recentTurns(conversationId, 1);
    expect([after.decrypt(turn!.questionSealed, CONVERSATION_SEAL.question), after.decrypt(turn!.answerSealed, CONVERSATION_SEAL.answer)]).toEqual(['Can we call Karan Mehta at 9 pm?', 'The sources do not cover it.']);
  });
});
