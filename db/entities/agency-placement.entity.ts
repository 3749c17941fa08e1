// Placements of hand-off cases with outside agencies, kept for reporting. A placement (a batch) is
// what ops placed with one agency at once, by hand or by a rule; each of its cases is a row with
// the balance it carried when placed. A case is placed with an agency while the case's assignee is
// that agency (recovery_cases.assignee_id = the agency's ID): the placement starts it, and it ends
// with the agency's rejection, ops' recall, or whatever else moves the case on (an SLA lapse, a
// close), which the case's events say. No personal data.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AgencyPlacement = defineEntity({
  name: 'AgencyPlacement',
  tableName: 'agency_placements',
  indexes: [{ properties: ['agencyId', 'placedAt'] }],
  properties: {
    id: p.string().length(64).primary(),
    /** the agency's assignee ID (recovery_assignees, kind agency): an agency user's token names it */
    agencyId: p.string().length(64),
    /** the person or key that placed it */
    placedBy: p.string().length(200),
    placedAt: p.datetime(),
    /** the rule that chose the cases (null: placed by hand) */
    rule: p.json<Record<string, unknown>>().nullable(),
    /** the cases asked for (or the rule matched) that were not placed, each with why */
    notPlaced: p.json<{ caseId: string; reason: string }[]>(),
  },
});

export const AgencyPlacementCase = defineEntity({
  name: 'AgencyPlacementCase',
  tableName: 'agency_placement_cases',
  indexes: [{ properties: ['caseId', 'placedAt'] }, { properties: ['agencyId', 'placedAt'] }, { properties: ['loanId'] }],
  properties: {
    placementId: p.string().length(64).primary(),
    caseId: p.string().length(100).primary(),
    agencyId: p.string().length(64),
    loanId: p.uuid(),
    workflowId: p.string().length(80),
    placedAt: p.datetime(),
    /** the case event that gave the case to the agency: later events of the case say when it left */
    placedEventId: p.bigint('number'),
    /** what the borrower owed when it was placed (the episode's outstanding balance), the recovery rate's denominator */
    balanceMinor: p.bigint('number'),
    currency: p.string().length(3),
    bucket: p.string().length(32),
    dpd: p.integer(),
    /** when the agency accepted it (the batch, or the case on its own) */
    acceptedAt: p.datetime().nullable(),
    /** when the agency rejected it or ops recalled it (a case that moved on otherwise: see its events) */
    endedAt: p.datetime().nullable(),
    /** rejected | recalled */
    endedAs: p.string().length(16).nullable(),
    endedBy: p.string().length(200).nullable(),
    /** sealed free text: the agency's or ops' reason */
    endReason: p.text().nullable(),
  },
});

export type IAgencyPlacement = InferEntity<typeof AgencyPlacement>;
export type IAgencyPlacementCase = InferEntity<typeof AgencyPlacementCase>;
