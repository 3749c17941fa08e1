// How well flagged rings match labelled ones. Application level: an application is predicted to
// be in a ring when it is flagged, and truly is when its label names a ring. Ring level: a true
// ring counts as found when at least half of its distinct people are flagged, which is what an
// investigator needs to pull the rest of it in.
import type { RingDetection } from './detect-rings.js';

export interface RingLabel {
  applicationId: string;
  personId: string;
  /** null or '' for a genuine application */
  trueRingId: string | null;
}

export interface RingMetrics {
  applications: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  trueRings: number;
  /** true rings with at least half their people flagged */
  ringsFound: number;
  ringRecall: number;
  flaggedRings: number;
}

export function evaluateRings(labels: readonly RingLabel[], detection: RingDetection): RingMetrics {
  const flagged = new Map(detection.applications.map((a) => [a.applicationId, a.ringId !== null] as const));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  // true ring -> person -> flagged (a person counts as flagged if any of their applications is)
  const ringPeople = new Map<string, Map<string, boolean>>();
  for (const { applicationId, personId, trueRingId } of labels) {
    const predicted = flagged.get(applicationId);
    if (predicted === undefined) throw new Error(`no detection result for application ${applicationId}`);
    const actual = trueRingId !== null && trueRingId !== '';
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    if (!actual) continue;
    const people = ringPeople.get(trueRingId) ?? new Map<string, boolean>();
    ringPeople.set(trueRingId, people);
    people.set(personId, (people.get(personId) ?? false) || predicted);
  }
  const ringsFound = [...ringPeople.values()].filter((people) => {
    const hits = [...people.values()].filter(Boolean).length;
    return 2 * hits >= people.size;
  }).length;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    applications: labels.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    trueRings: ringPeople.size,
    ringsFound,
    ringRecall: ratio(ringsFound, ringPeople.size),
    flaggedRings: detection.rings.length,
  };
}

/** 0 when there is nothing to divide by: no flags means no precision to claim. */
function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
