// One experiment's outcomes per arm, with their 95% intervals and the tests of the challenger
// against the champion. Rates are basis points (rounded), as the recovery stats give them.
//
// - Cure within 30, 60 and 90 days of the episode's start: only episodes that started at least
//   that long ago count in the denominator (a younger one has not had its whole window yet), and
//   a cure is an episode that ended cured, paid off or settled within the window. Wilson
//   intervals; the pooled two-proportion z-test for the difference.
// - Recovery rate, per currency (rupees are not added to dollars): Σ recovered over Σ delinquent
//   at the start, running episodes included with what they have recovered so far. Cochran's
//   ratio estimator with its delta-method interval, and a z-test of the difference between arms.
// - Roll-forward (a later bucket during the episode), opt-outs: shares of the arm's episodes.
// - Promises kept: of the promises that came due (kept or broken). Contacts per cure: the arm's
//   contacts over its cures (of any time), null without a cure.
import type { ArmOutcomes, Experiment } from '../../../../db/repositories/recovery-experiment.repository.js';
import { CURE_WINDOWS } from '../../../../db/repositories/recovery-experiment.repository.js';
import { ratioDifference, ratioEstimate, twoProportionZ, wilson, type Interval } from '../../../../policies/recovery/experiment-statistics.js';

type Window = `d${(typeof CURE_WINDOWS)[number]}`;

export interface Proportion {
  /** episodes (or promises) counted */
  of: number;
  count: number;
  /** null with nothing counted */
  rateBps: number | null;
  ci95Bps: [number, number] | null;
}

export interface ArmReport {
  episodes: number;
  running: number;
  /** the versions the arm's episodes were given when they started, with how many each */
  versions: { version: number; episodes: number }[];
  cured: number;
  cureWithin: Record<Window, Proportion>;
  recovery: { currency: string; episodes: number; delinquentMinor: number; recoveredMinor: number; rateBps: number | null; ci95Bps: [number, number] | null }[];
  rollForward: Proportion;
  contacts: number;
  contactsPerCure: number | null;
  promises: { kept: number; broken: number; keptRate: Proportion };
  optOuts: Proportion;
}

export interface DifferenceReport {
  /** challenger minus champion */
  differenceBps: number;
  z: number;
  p: number;
}

export interface ExperimentReport extends Experiment {
  asOf: string;
  arms: { champion: ArmReport; challenger: ArmReport };
  /** the challenger against the champion; null where an arm has nothing to compare */
  comparison: {
    cureWithin: Record<Window, DifferenceReport | null>;
    recoveryRate: ({ currency: string; ci95Bps: [number, number] } & DifferenceReport)[];
    rollForward: DifferenceReport | null;
  };
}

const bps = (x: number) => Math.round(x * 10_000);
const bpsInterval = ([lo, hi]: Interval): [number, number] => [bps(lo), bps(hi)];
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

function proportion(count: number, of: number): Proportion {
  return { of, count, rateBps: of === 0 ? null : bps(count / of), ci95Bps: of === 0 ? null : bpsInterval(wilson(count, of)) };
}

function difference(x1: number, n1: number, x2: number, n2: number): DifferenceReport | null {
  if (n1 === 0 || n2 === 0) return null;
  const t = twoProportionZ(x1, n1, x2, n2);
  return { differenceBps: bps(t.difference), z: round(t.z, 4), p: Number(t.p.toPrecision(4)) };
}

function arm(o: ArmOutcomes): ArmReport {
  return {
    episodes: o.episodes,
    running: o.running,
    versions: o.versions,
    cured: o.cured,
    cureWithin: Object.fromEntries(CURE_WINDOWS.map((d) => [`d${d}`, proportion(o.cureWithin[d].cured, o.cureWithin[d].eligible)])) as ArmReport['cureWithin'],
    recovery: o.recovery.map((r) => {
      const estimate = ratioEstimate({ n: r.episodes, recovered: r.recoveredMinor, delinquent: r.delinquentMinor, residualSumSquares: r.residualSumSquares });
      return {
        currency: r.currency,
        episodes: r.episodes,
        delinquentMinor: r.delinquentMinor,
        recoveredMinor: r.recoveredMinor,
        rateBps: r.delinquentMinor === 0 ? null : bps(estimate.ratio),
        // Nothing recovered is the floor: the linearised interval can reach below it on small samples.
        ci95Bps: estimate.ci95 ? bpsInterval([Math.max(0, estimate.ci95[0]), estimate.ci95[1]]) : null,
      };
    }),
    rollForward: proportion(o.rolledForward, o.episodes),
    contacts: o.contacts,
    contactsPerCure: o.cured === 0 ? null : round(o.contacts / o.cured, 2),
    promises: { kept: o.promisesKept, broken: o.promisesBroken, keptRate: proportion(o.promisesKept, o.promisesKept + o.promisesBroken) },
    optOuts: proportion(o.optedOut, o.episodes),
  };
}

export function experimentReport(experiment: Experiment, outcomes: Record<'champion' | 'challenger', ArmOutcomes>, asOf: string): ExperimentReport {
  const { champion: a, challenger: b } = outcomes;
  const sample = (r: ArmOutcomes['recovery'][number]) => ({ n: r.episodes, recovered: r.recoveredMinor, delinquent: r.delinquentMinor, residualSumSquares: r.residualSumSquares });
  const recoveryRate = a.recovery.flatMap((ra) => {
    const rb = b.recovery.find((r) => r.currency === ra.currency);
    const test = rb ? ratioDifference(sample(ra), sample(rb)) : null;
    return test ? [{ currency: ra.currency, differenceBps: bps(test.difference), ci95Bps: bpsInterval(test.ci95), z: round(test.z, 4), p: Number(test.p.toPrecision(4)) }] : [];
  });
  return {
    ...experiment,
    asOf,
    arms: { champion: arm(a), challenger: arm(b) },
    comparison: {
      cureWithin: Object.fromEntries(CURE_WINDOWS.map((d) => [`d${d}`, difference(a.cureWithin[d].cured, a.cureWithin[d].eligible, b.cureWithin[d].cured, b.cureWithin[d].eligible)])) as ExperimentReport['comparison']['cureWithin'],
      recoveryRate,
      rollForward: difference(a.rolledForward, a.episodes, b.rolledForward, b.episodes),
    },
  };
}
