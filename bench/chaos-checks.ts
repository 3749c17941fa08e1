// What must hold after `npm run chaos`, checked against the stores themselves: Temporal (each
// loan's workflow, by query), the read model, the ledger and capital in PostgreSQL, and the
// payment gateway sandbox's own journal of payouts.
import { Client, Connection } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openOrm } from '../db/orm.js';
import { DEFAULT_CAPITAL } from '../db/seeder.js';
import type { LoanSnapshot } from '../domain/loan-view.js';
import { loadConfig } from '../apps/shared/config.js';
import { dataConverter } from '../apps/shared/temporal/data-converter.js';
import { loadKeyring } from '../apps/shared/temporal/keyring.js';
import { LoanClient } from '../apps/shared/temporal/loan-client.js';

export interface Acknowledged {
  /** Idempotency-Key -> the loan the API answered with */
  applications: Map<string, string>;
  payments: { loanId: string; externalId: string; amount: number }[];
}

interface Row {
  [column: string]: string | number | null;
}

const COMPARED = ['status', 'principal', 'outstandingPrincipal', 'outstandingTotal', 'daysPastDue', 'closedReason'] as const;

export async function checkInvariants(options: { dataDir: string; databaseUrl: string; temporalAddress: string; acknowledged: Acknowledged }) {
  const violations: string[] = [];
  const orm = await openOrm({ databaseUrl: options.databaseUrl, poolSize: 2 });
  const sql = (query: string) => orm.em.fork().getConnection().execute<Row[]>(query);
  const connection = await Connection.connect({ address: options.temporalAddress });
  const config = loadConfig({ CREDENCE_DATA_DIR: options.dataDir });
  const loans = new LoanClient(new Client({ connection, dataConverter: dataConverter(loadKeyring({}, options.dataDir)) }), { taskQueue: config.temporal.taskQueue, bureauTaskQueue: config.temporal.bureauTaskQueue });

  // Every loan a client was told about, and every loan in the read model, exists in both places,
  // with equal figures once the projections have caught up (each workflow's version is the
  // snapshot's sequence number).
  const viewRows = await sql('select loan_id from loans');
  const ids = new Set([...options.acknowledged.applications.values(), ...viewRows.map((r) => String(r.loan_id))]);
  if (new Set(options.acknowledged.applications.values()).size !== options.acknowledged.applications.size) violations.push('two Idempotency-Keys were answered with the same loan');
  const deadline = Date.now() + 90_000;
  let mismatched: string[];
  const statuses: Record<string, number> = {};
  for (;;) {
    const views = new Map((await sql('select loan_id, status, principal, outstanding_principal, outstanding_total, days_past_due, closed_reason, version from loans')).map((r) => [String(r.loan_id), r]));
    mismatched = [];
    for (const key of Object.keys(statuses)) delete statuses[key];
    for (const loanId of ids) {
      const view = views.get(loanId);
      let snapshot: LoanSnapshot;
      try {
        snapshot = await loans.state(loanId);
      } catch (err) {
        mismatched.push(`${loanId}: not in Temporal (${(err as Error).message})`);
        continue;
      }
      statuses[snapshot.status] = (statuses[snapshot.status] ?? 0) + 1;
      if (!view) {
        mismatched.push(`${loanId}: in Temporal (${snapshot.status}) but not in the read model`);
        continue;
      }
      const fromView = { status: view.status, principal: view.principal === null ? null : num(view.principal), outstandingPrincipal: num(view.outstanding_principal), outstandingTotal: num(view.outstanding_total), daysPastDue: num(view.days_past_due), closedReason: view.closed_reason };
      const differs = COMPARED.filter((field) => fromView[field] !== snapshot[field]);
      if (differs.length > 0) mismatched.push(`${loanId}: read model differs from Temporal in ${differs.map((f) => `${f} (${String(fromView[f])} vs ${String(snapshot[f])})`).join(', ')}`);
    }
    if (mismatched.length === 0 || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  violations.push(...mismatched);

  // No payout twice: the gateway's own journal of the money it sent.
  const paid = new Map<string, number[]>();
  for (const line of readFileSync(join(options.dataDir, 'gateway', 'gateway.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    for (const record of JSON.parse(line) as { t: string; object?: { object: string; status: string; reference: string; amount: number } }[]) {
      if (record.t === 'object' && record.object?.object === 'payout' && record.object.status === 'paid') paid.set(record.object.reference, [...(paid.get(record.object.reference) ?? []), record.object.amount]);
    }
  }
  for (const [loanId, amounts] of paid) if (amounts.length > 1) violations.push(`${loanId}: paid out ${amounts.length} times (${amounts.join(', ')})`);

  // Every journal balances to the minor unit; what the ledger says went out is what the gateway paid.
  const unbalanced = await sql('select journal_key, sum(debit) - sum(credit) as diff from ledger_entries group by journal_key having sum(debit) <> sum(credit)');
  for (const row of unbalanced) violations.push(`journal ${String(row.journal_key)} is off by ${String(row.diff)}`);
  const clearing = await sql(`select loan_id, sum(credit) - sum(debit) as out from ledger_entries where account = 'disbursement_clearing' group by loan_id`);
  const clearingByLoan = new Map(clearing.map((r) => [String(r.loan_id), num(r.out)]));
  for (const [loanId, amounts] of paid) if (clearingByLoan.get(loanId) !== amounts[0]) violations.push(`${loanId}: the gateway paid ${amounts[0]} but the ledger records ${clearingByLoan.get(loanId) ?? 0} paid out`);
  for (const [loanId, out] of clearingByLoan) if (out !== 0 && !paid.has(loanId)) violations.push(`${loanId}: the ledger records ${out} paid out, the gateway paid nothing`);

  // Every payment a client was told was applied is in the ledger once; none is there that was not recorded.
  const payments = await sql('select loan_id, external_id, amount from payments');
  const recorded = new Set(payments.map((p) => `${String(p.loan_id)}/${String(p.external_id)}`));
  for (const p of options.acknowledged.payments) if (!recorded.has(`${p.loanId}/${p.externalId}`)) violations.push(`payment ${p.externalId} was acknowledged but is not recorded`);
  const collected = await sql(`select loan_id, sum(debit) - sum(credit) as received from ledger_entries where account = 'collections_clearing' group by loan_id`);
  const paymentsByLoan = new Map<string, number>();
  for (const p of payments) paymentsByLoan.set(String(p.loan_id), (paymentsByLoan.get(String(p.loan_id)) ?? 0) + num(p.amount));
  for (const row of collected) if (num(row.received) !== (paymentsByLoan.get(String(row.loan_id)) ?? 0)) violations.push(`${String(row.loan_id)}: ledger collected ${String(row.received)}, payments recorded ${paymentsByLoan.get(String(row.loan_id)) ?? 0}`);

  // Capital: what was seeded is what is available, held, or lent out, per currency, to the minor unit.
  const pools = await sql('select currency, available, reserved from capital_pools');
  const reservations = await sql(`select currency, status, sum(amount) as amount, count(*) as n from funding_reservations group by currency, status`);
  const capital: Record<string, { seeded: number; available: number; reserved: number; lent: number; loansFunded: number }> = {};
  for (const pool of pools) {
    const currency = String(pool.currency);
    const of = (status: string) => reservations.find((r) => r.currency === currency && r.status === status);
    const held = num(of('held')?.amount);
    const lent = num(of('consumed')?.amount);
    const seeded = DEFAULT_CAPITAL[currency] ?? NaN;
    capital[currency] = { seeded, available: num(pool.available), reserved: num(pool.reserved), lent, loansFunded: num(of('consumed')?.n) };
    if (num(pool.reserved) !== held) violations.push(`${currency}: the pool holds ${String(pool.reserved)} reserved, the reservations ${held}`);
    if (num(pool.available) + num(pool.reserved) + lent !== seeded) violations.push(`${currency}: available ${String(pool.available)} + reserved ${String(pool.reserved)} + lent ${lent} != seeded ${seeded}`);
  }
  const receivable = await sql(`select sum(debit) as lent from ledger_entries where account = 'loans_receivable' and kind = 'disbursement'`);
  const lentInr = capital.INR?.lent ?? 0;
  if (num(receivable[0]?.lent) !== lentInr) violations.push(`INR: the ledger lent ${String(receivable[0]?.lent)}, capital records ${lentInr} lent`);

  const journals = num((await sql('select count(distinct journal_key) as n from ledger_entries'))[0]?.n);
  await connection.close();
  await orm.close();
  return {
    violations,
    figures: {
      loans: ids.size,
      acknowledgedApplications: options.acknowledged.applications.size,
      acknowledgedPayments: options.acknowledged.payments.length,
      statuses,
      payouts: [...paid.values()].reduce((n, a) => n + a.length, 0),
      loansPaidOut: paid.size,
      journals,
      capital,
    },
  };
}

function num(value: string | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
