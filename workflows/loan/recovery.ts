// Recovery segmentation: when a loan falls into a delinquent bucket, propensity-to-pay and
// contact-hour score it and policies/recovery-segments.ts picks its segment and contact plan
// (one local activity). The segment is recorded, and handed to the recovery episode
// (recovery-episode.ts), whose policy reads it. A segmentation that fails is recorded and
// servicing goes on; recovery then runs without a segment.
import { ActivityFailure } from '@temporalio/common';
import { patched } from '@temporalio/workflow';
import type { RecoverySegmentation } from '../../activities/scoring/index.js';
import { ageOn } from '../../domain/calendar.js';
import { checks } from './activities.js';
import { behaviourOn } from './behaviour.js';
import type { BucketTransition } from './delinquency.js';
import { RECOVERY_SEGMENTS, type LoanRecord } from './loan-record.js';
import { failureType } from './origination.js';
import type { Segmentation } from './recovery-episode.js';
import type { ServicingState } from './servicing-state.js';

/** Answers the segment chosen (for the recovery episode), or null when none was. */
export async function segmentForRecovery(record: LoanRecord, state: ServicingState, transition: BucketTransition): Promise<Segmentation | null> {
  const cured = transition.to === record.state.product.buckets[0]?.name;
  if (cured || !patched(RECOVERY_SEGMENTS)) return null;
  const account = record.state.account!;
  const { borrower } = state;
  let segmented: RecoverySegmentation;
  try {
    segmented = await checks.segmentForRecovery({
      loanId: record.loanId,
      asOf: new Date().toISOString(),
      behaviour: behaviourOn(record, state, transition.on),
      contact: borrower
        ? { age: borrower.ageAtActivation + ageOn(account.disbursedOn, transition.on), employmentStatus: borrower.employmentStatus, timeZone: state.timeZone }
        : null,
    });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    record.emit('recovery.segmentation_failed', { bucket: transition.to, reason: failureType(err) });
    return null;
  }
  const { strategy, propensity, models, bestContactHour, contactHourSkipped } = segmented;
  record.emit('recovery.segmented', {
    bucket: transition.to,
    daysPastDue: transition.dpd,
    segment: strategy.segment,
    propensity,
    propensityBand: strategy.propensityBand,
    signals: strategy.signals,
    rationale: strategy.rationale,
    plan: { channels: strategy.plan.channels, cadence: strategy.plan.cadence, offer: strategy.plan.offer, maxOutboundPerWeek: strategy.plan.maxOutboundPerWeek },
    bestContactHour,
    ...(contactHourSkipped ? { contactHourSkipped } : {}),
    models,
    policyVersion: strategy.policyVersion,
  });
  return { segment: strategy.segment, propensityBand: strategy.propensityBand };
}
