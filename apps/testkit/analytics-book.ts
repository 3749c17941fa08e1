// A small book for the command centre's read-model tests, written as the projections write their
// rows: five loans of one product (unique to the test, so no other test's rows count), their
// events, contact profiles (the region), recovery episodes, contacts, an SLA-breached case and the
// delinquency-roll model's scores. The figures each query must give are worked out by hand in the
// tests that use it.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

export interface AnalyticsBook {
  product: string;
  ids: { a: string; b: string; c: string; d: string; e: string };
}

type Ev = [type: string, at: string, data: Record<string, unknown>];

export async function seedAnalyticsBook(em: EntityManager, country = 'IN'): Promise<AnalyticsBook> {
  const product = `analytics-${randomUUID().slice(0, 8)}`;
  const ids = { a: randomUUID(), b: randomUUID(), c: randomUUID(), d: randomUUID(), e: randomUUID() };
  const loan = (id: string, currency: string, status: string, bucket: string | null, principal: number | null, outstandingPrincipal: number, outstandingTotal: number) =>
    em.execute(
      `insert into loans (loan_id, status, bucket, product, currency, requested_principal, principal, outstanding_principal, outstanding_total, version, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, now(), now())`,
      [id, status, bucket, product, currency, principal ?? 10_000, principal, outstandingPrincipal, outstandingTotal],
    );
  await loan(ids.a, 'INR', 'active', 'current', 100_000, 80_000, 82_000);
  await loan(ids.b, 'INR', 'delinquent', '16-30', 200_000, 150_000, 160_000);
  await loan(ids.c, 'USD', 'declined', null, null, 0, 0);
  await loan(ids.d, 'INR', 'paid_off', null, 50_000, 0, 0);
  await loan(ids.e, 'INR', 'active', 'current', 60_000, 50_000, 51_000);

  const events: Record<string, Ev[]> = {
    [ids.a]: [
      ['application.submitted', '2026-10-05T10:00:00Z', { product }],
      ['decision.made', '2026-10-05T10:00:30Z', { outcome: 'approved' }],
      ['loan.activated', '2026-10-06T09:00:00Z', { disbursedOn: '2026-10-06' }],
    ],
    [ids.b]: [
      ['application.submitted', '2026-10-05T11:00:00Z', { product }],
      ['decision.made', '2026-10-05T11:00:10Z', { outcome: 'manual_review' }],
      ['review.decided', '2026-10-05T12:00:00Z', { outcome: 'approved', reviewer: 'uw-1' }],
      ['loan.activated', '2026-10-07T09:00:00Z', { disbursedOn: '2026-10-07' }],
      ['delinquency.bucket_changed', '2026-10-20T00:00:00Z', { from: 'current', to: '1-15' }],
      ['delinquency.bucket_changed', '2026-11-05T00:00:00Z', { from: '1-15', to: '16-30' }],
    ],
    [ids.c]: [
      ['application.submitted', '2026-10-06T08:00:00Z', { product }],
      ['decision.made', '2026-10-06T08:01:00Z', { outcome: 'declined' }],
    ],
    [ids.d]: [
      ['application.submitted', '2026-09-20T08:00:00Z', { product }],
      ['decision.made', '2026-09-20T08:00:05Z', { outcome: 'approved' }],
      ['loan.activated', '2026-09-21T09:00:00Z', { disbursedOn: '2026-09-21' }],
      ['delinquency.bucket_changed', '2026-09-25T00:00:00Z', { from: 'current', to: '1-15' }],
      ['delinquency.bucket_changed', '2026-10-10T00:00:00Z', { from: '1-15', to: 'current' }],
      ['status.changed', '2026-11-15T00:00:00Z', { from: 'active', to: 'paid_off' }],
    ],
    [ids.e]: [['loan.activated', '2026-09-15T10:00:00Z', { disbursedOn: '2026-09-15' }]],
  };
  for (const [loanId, list] of Object.entries(events)) {
    for (const [seq, [type, at, data]] of list.entries()) {
      await em.execute(`insert into loan_events (loan_id, seq, type, data, occurred_at) values (?, ?, ?, ?, ?)`, [loanId, seq + 1, type, JSON.stringify(data), at]);
    }
  }
  // C never became a loan, so it has no profile; D lives elsewhere.
  for (const [loanId, where] of [[ids.a, country], [ids.b, country], [ids.d, 'US'], [ids.e, country]] as const) {
    await em.execute(
      `insert into contact_profiles (loan_id, name_sealed, language, country, contact_consent, automated_consent, opted_out_channels, wrong_number_channels, created_at, updated_at)
       values (?, 'sealed', 'en', ?, true, true, '[]', '[]', now(), now())`,
      [loanId, where],
    );
  }

  const episode = (loanId: string, n: number, e: { status: string; startedAt: string; endedAt?: string; endReason?: string; delinquent: number; recovered: number; kept: number; broken: number }) =>
    em.execute(
      `insert into recovery_episodes (workflow_id, loan_id, episode, status, stage, currency, product, country, bucket_at_start, bucket, dpd, delinquent_minor, outstanding_minor,
         recovered_minor, promises_kept, promises_broken, started_at, ended_at, end_reason, version, updated_at)
       values (?, ?, ?, ?, 'path', 'INR', ?, ?, '1-15', '1-15', 5, ?, ?, ?, ?, ?, ?, ?, ?, 1, now())`,
      [`recovery-${loanId}-${n}`, loanId, n, e.status, product, country, e.delinquent, e.delinquent * 5, e.recovered, e.kept, e.broken, e.startedAt, e.endedAt ?? null, e.endReason ?? null],
    );
  await episode(ids.b, 1, { status: 'running', startedAt: '2026-10-20T00:00:00Z', delinquent: 20_000, recovered: 5_000, kept: 1, broken: 1 });
  await episode(ids.d, 1, { status: 'ended', startedAt: '2026-09-25T00:00:00Z', endedAt: '2026-10-10T00:00:00Z', endReason: 'cured', delinquent: 10_000, recovered: 4_000, kept: 0, broken: 0 });
  await episode(ids.a, 1, { status: 'ended', startedAt: '2026-11-02T00:00:00Z', endedAt: '2026-11-03T00:00:00Z', endReason: 'cured', delinquent: 8_000, recovered: 8_000, kept: 2, broken: 0 });

  const workflowId = `recovery-${ids.b}-1`;
  const contact = (n: number | string, decision: string, contactAt: string, sentAt: string | null, blockRule: string | null, requestKey = `${workflowId}-${n}`) =>
    em.execute(
      `insert into contact_deliveries (delivery_key, request_key, loan_id, workflow_id, kind, channel, template, rule_id, step_index, decision, block_rule,
         disclosures, options_allowed, option_chosen, facts, status, contact_at, sent_at, created_at, updated_at)
       values (?, ?, ?, ?, 'sms', 'sms', 'reminder', 'early', 0, ?, ?, '[]', '[]', 'sms', '{}', ?, ?, ?, now(), now())`,
      [`${workflowId}-${n}`, requestKey, ids.b, workflowId, decision, blockRule, decision === 'blocked' ? 'blocked' : 'sent', contactAt, sentAt],
    );
  await contact(1, 'allowed', '2026-10-21T08:59:00Z', '2026-10-21T09:00:00Z', null);
  await contact('1-email', 'allowed', '2026-10-21T08:59:00Z', '2026-10-21T09:05:00Z', null, `${workflowId}-1`); // its fallback: the same contact
  await contact(2, 'blocked', '2026-10-22T09:00:00Z', null, 'reg_f_7in7');
  await contact(3, 'blocked', '2026-10-22T10:00:00Z', null, 'quiet_hours');
  await contact(4, 'collector', '2026-10-22T11:00:00Z', null, null);
  await contact(5, 'allowed', '2026-10-23T09:00:00Z', null, null); // recorded, never sent
  await contact(6, 'blocked', '2026-09-30T09:00:00Z', null, 'quiet_hours'); // before the period

  const caseId = `case-${workflowId}`;
  await em.execute(
    `insert into recovery_cases (id, workflow_id, loan_id, queue, skills, priority, status, last_touched_at, declined_by, opened_at)
     values (?, ?, ?, 'collections', '[]', 1, 'open', now(), '[]', '2026-10-21T00:00:00Z')`,
    [caseId, workflowId, ids.b],
  );
  for (const at of ['2026-10-22T12:00:00Z', '2026-11-03T12:00:00Z']) {
    await em.execute(`insert into recovery_case_events (case_id, at, kind, assignee_id, data) values (?, ?, 'sla_breached', 'col-1', '{}')`, [caseId, at]);
  }

  const score = (subject: string, role: string, value: number, flagged: boolean, at: string, model = 'delinquency-roll') =>
    em.execute(
      `insert into model_scores (scoring_id, model, version, role, subject, score, flagged, scored_at) values (?, ?, '1.0.0', ?, ?, ?, ?, ?)`,
      [randomUUID(), model, role, subject, value, flagged, at],
    );
  await score(ids.a, 'champion', 0.1, false, '2026-10-06T09:00:00Z');
  await score(ids.a, 'champion', 0.3, true, '2026-11-06T09:00:00Z');
  await score(ids.a, 'challenger', 0.9, true, '2026-11-07T09:00:00Z');
  await score(ids.e, 'champion', 0.6, true, '2026-11-15T09:00:00Z');
  // B's PD is 1 - its propensity to pay (0.42), not its roll probability.
  await score(ids.b, 'champion', 0.9, true, '2026-11-20T09:00:00Z');
  await score(ids.b, 'champion', 0.58, false, '2026-10-20T00:00:00Z', 'propensity-to-pay');
  return { product, ids };
}
