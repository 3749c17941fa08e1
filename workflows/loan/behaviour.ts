// The loan's repayment behaviour as the servicing-side models read it, from its account and the
// DPD servicing observes on each due date (domain/repayment-behaviour.ts).
import type { IsoDate } from '../../domain/calendar.js';
import { daysPastDue } from '../../domain/delinquency.js';
import { emptyDpdHistory, observeDpd, repaymentBehaviour, type ContactRecord, type RepaymentBehaviour } from '../../domain/repayment-behaviour.js';
import type { InstallmentAccount } from '../../domain/servicing.js';
import type { LoanRecord } from './loan-record.js';
import type { ServicingState } from './servicing-state.js';

/** On each due date after the first, the end of the month before it. */
export function observeDueDate(record: LoanRecord, state: ServicingState, inst: InstallmentAccount): void {
  if (inst.seq === 1) return;
  const dpd = daysPastDue(record.state.account!, inst.dueDate, record.state.product.dpdToleranceMinor);
  state.dpdHistory = observeDpd(state.dpdHistory ?? emptyDpdHistory(), dpd, inst.dueDate);
}

export function behaviourOn(record: LoanRecord, state: ServicingState, on: IsoDate): RepaymentBehaviour {
  return repaymentBehaviour({
    account: record.state.account!,
    on,
    toleranceMinor: record.state.product.dpdToleranceMinor,
    monthsOnBook: state.handledDueSeq,
    history: state.dpdHistory ?? emptyDpdHistory(),
    ...(state.contactRecords ? { contact: mergedContactRecord(state.contactRecords) } : {}),
  });
}

/** Every episode's record as one. */
function mergedContactRecord(records: Record<number, ContactRecord>): ContactRecord {
  const all = Object.values(records);
  return {
    promises: all.flatMap((r) => r.promises),
    openPromises: all.flatMap((r) => r.openPromises),
    calls: all.reduce((n, r) => n + r.calls, 0),
    callsAnswered: all.reduce((n, r) => n + r.callsAnswered, 0),
  };
}
