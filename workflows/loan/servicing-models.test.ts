import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { application } from '../../apps/testkit/applications.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../apps/testkit/loan-env.js';
import { eventually, loanEvents, loanRow } from '../../apps/testkit/read-model.js';
import { isoDateToEpochMs, type IsoDate } from '../../domain/calendar.js';
import { RECOVERY_SEGMENTS } from '../../policies/recovery-segments.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';
import { loanWorkflowId } from '../../domain/loan-id.js';

let t: LoanTestEnv;
beforeAll(async () => {
  t = await createLoanTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

interface Reviewed {
  action: string;
  currency: string;
  from: number;
  to: number;
  proposed: number | null;
  reasons: string[];
  rollProbability: number;
  model: { name: string; version: string };
  monthsOnBook: number;
}

/** Into the morning of a due date: the workflow has woken, handled it and reviewed the limit. */
async function sleepPast(dueDate: IsoDate, extraDays = 0): Promise<void> {
  const target = isoDateToEpochMs(dueDate) + extraDays * 86_400_000 + 3_600_000;
  await t.env.sleep(Math.max(1, target - (await t.env.currentTimeMs())));
}

/** The limit reviews the read model shows, once it shows at least `count`. */
async function reviews(loanId: string, count: number): Promise<Reviewed[]> {
  const of = (events: Awaited<ReturnType<typeof loanEvents>>) => events.filter((e) => e.type === 'credit_limit.reviewed').map((e) => e.data as unknown as Reviewed);
  return of(await eventually(() => loanEvents(t.orm, loanId), (events) => of(events).length >= count));
}

/** Scores recorded for the loan, by role, once the shadow has scored and the score log has written `count` of each. */
async function scoresOf(loanId: string, model: string, count: number, roles = ['champion', 'challenger']): Promise<Record<string, number>> {
  await t.models.settled();
  const read = async () => {
    const rows = await t.orm.em.fork().execute<{ role: string; n: string }[]>(`select role, count(*) as n from model_scores where subject = ? and model = ? group by role`, [loanId, model]);
    return Object.fromEntries(rows.map((r) => [r.role, Number(r.n)]));
  };
  return eventually(read, (byRole) => roles.every((role) => byRole[role] === count));
}

describe('dynamic credit limits', () => {
  it('a borrower repaying on time is offered a higher limit after six months, and it rises only once they consent', async () => {
    // A thin file: its origination limit is capped at three months' income until it has a record with us.
    const loanId = await t.startLoan(application('newToCredit', { loan: { termMonths: 12 }, consents: { autopay: true } }));
    const decided = await t.loans.awaitDecision(loanId);
    const initial = decided.decision!.creditLimit!;
    const active = await t.loans.acceptOffer(loanId);
    expect(active.creditLimit).toBe(initial);
    const dueDates = active.schedule!.map((line) => line.dueDate);

    for (const dueDate of dueDates.slice(0, 6)) await sleepPast(dueDate);
    const firstSix = await reviews(loanId, 6);
    // Not yet seasoned (or, in the first months, not yet enough history for the roll model to read as low risk): held.
    for (const review of firstSix.slice(0, 5)) expect(review).toMatchObject({ action: 'hold', from: initial, to: initial });
    const sixth = firstSix[5]!;
    expect(sixth).toMatchObject({ action: 'offer_increase', currency: 'INR', from: initial, to: initial, reasons: ['LOW_ROLL_RISK', 'CONSENT_REQUIRED'], monthsOnBook: 6 });
    expect(sixth.model).toEqual({ name: 'delinquency-roll', version: t.models.champion('delinquency-roll').version });
    expect(sixth.rollProbability).toBeLessThan(0.05);
    expect(sixth.proposed).toBeGreaterThan(initial);
    expect((await t.loans.state(loanId)).creditLimit).toBe(initial);

    const consented = await t.loans.consentToLimitIncrease(loanId);
    expect(consented.creditLimit).toBe(initial);
    expect((await loanEvents(t.orm, loanId)).filter((e) => e.type === 'credit_limit.consent_given').at(-1)?.data).toEqual({ at: expect.any(String), currency: 'INR', limit: initial });

    // The limit rises at the first review after the consent that finds the roll risk low. The roll
    // model reads some later months as moderate risk, and a review then holds, consent or not; a
    // consent older than the policy's 90 days no longer counts, and the borrower is asked again.
    let raised: Reviewed | undefined;
    for (let month = 7; month <= dueDates.length && !raised; month++) {
      await sleepPast(dueDates[month - 1]!);
      const latest = (await reviews(loanId, month)).at(-1)!;
      if (latest.action === 'increase') raised = latest;
      else if (latest.action === 'offer_increase') {
        expect(latest).toMatchObject({ to: initial, reasons: ['LOW_ROLL_RISK', 'CONSENT_EXPIRED'] });
        await t.loans.consentToLimitIncrease(loanId);
      } else expect(latest).toMatchObject({ action: 'hold', to: initial, reasons: ['ROLL_RISK_MODERATE'] });
    }
    expect(raised).toMatchObject({ from: initial, reasons: ['LOW_ROLL_RISK', 'CONSENT_ON_FILE'] });
    expect(raised!.to).toBe(raised!.proposed);
    expect(raised!.to).toBeGreaterThan(initial);

    const all = await reviews(loanId, raised!.monthsOnBook);
    expect(all.filter((r) => r.action === 'increase')).toEqual([raised]);
    expect((await t.loans.state(loanId)).creditLimit).toBe(raised!.to);
    const row = await eventually(() => loanRow(t.orm, loanId), (r) => Number(r?.credit_limit) === raised!.to);
    expect(Number(row?.credit_limit)).toBe(raised!.to);
    // Every review was scored by the champion and, in the shadow, the challenger.
    expect(await scoresOf(loanId, 'delinquency-roll', all.length)).toEqual({ champion: all.length, challenger: all.length });
    await terminateSettled(t.env.client, loanWorkflowId(loanId));
  });

  it('refuses consent to a higher limit from a loan that is not being repaid', async () => {
    const loanId = await t.startLoan(application('approved'));
    await t.loans.awaitDecision(loanId);
    await expect(t.loans.consentToLimitIncrease(loanId)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/while a loan is active or delinquent; this one is offered/) } });
    expect((await loanEvents(t.orm, loanId)).some((e) => e.type.startsWith('credit_limit.'))).toBe(false);
    await terminateSettled(t.env.client, loanWorkflowId(loanId));
  });
});

describe('recovery segments', () => {
  it('a borrower who stops paying has the limit frozen and is segmented for recovery at each delinquent bucket', async () => {
    const loanId = await t.startLoan(application('approved', { loan: { termMonths: 12 }, consents: { autopay: false } }));
    const decided = await t.loans.awaitDecision(loanId);
    const initial = decided.decision!.creditLimit!;
    const active = await t.loans.acceptOffer(loanId);
    const dueDates = active.schedule!.map((line) => line.dueDate);

    // Past the second due date and into 31-60.
    await sleepPast(dueDates[1]!, 3);
    const events = await eventually(
      () => loanEvents(t.orm, loanId),
      (all) => all.filter((e) => e.type === 'recovery.segmented').length >= 3,
    );
    const transitions = events.filter((e) => e.type === 'delinquency.bucket_changed').map((e) => e.data.to);
    expect(transitions).toEqual(['1-15', '16-30', '31-60']);

    const segmented = events.filter((e) => e.type === 'recovery.segmented').map((e) => e.data);
    expect(segmented.map((s) => s.bucket)).toEqual(transitions);
    for (const s of segmented) {
      expect(RECOVERY_SEGMENTS).toContain(s.segment);
      expect(s).toMatchObject({
        propensity: expect.any(Number),
        plan: { channels: expect.arrayContaining(['statutory_notice']), cadence: expect.any(String), offer: expect.any(String) },
        models: { propensity: t.models.champion('propensity-to-pay').version, contactHour: t.models.champion('contact-hour').version },
        policyVersion: 'recovery-segments/1.0.0',
      });
      expect(s.bestContactHour).toBeGreaterThanOrEqual(8);
      expect(s.bestContactHour).toBeLessThanOrEqual(20);
    }
    // Past 30 days a nudge is no longer the plan.
    expect(['restructure', 'field_or_legal']).toContain(segmented[2]!.segment);

    // The first review brings a limit above the product's maximum down to it; the second found the
    // first instalment a month unpaid: nothing more to draw.
    const [first, second] = await reviews(loanId, 2);
    const productMax = t.product.maxPrincipal.INR!;
    if (initial > productMax) expect(first).toMatchObject({ action: 'decrease', to: productMax, reasons: ['ABOVE_PRODUCT_MAXIMUM'] });
    else expect(first).toMatchObject({ action: 'hold', to: initial });
    expect(second).toMatchObject({ action: 'freeze', from: first!.to });
    const state = await t.loans.state(loanId);
    expect(second!.to).toBe(state.outstandingPrincipal);
    expect(state.creditLimit).toBe(second!.to);
    expect(events.some((e) => e.type === 'credit_limit.review_failed' || e.type === 'recovery.segmentation_failed')).toBe(false);

    expect(await scoresOf(loanId, 'propensity-to-pay', 3)).toEqual({ champion: 3, challenger: 3 });
    expect(await scoresOf(loanId, 'contact-hour', 3, ['champion'])).toEqual({ champion: 3 });
    await terminateSettled(t.env.client, loanWorkflowId(loanId));
  });
});
