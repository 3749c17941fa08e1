// Recovery outcomes by bucket, segment, policy version and experiment arm, per currency (a rate
// across currencies would add rupees to dollars). Rates are basis points of whole numbers.
import { Injectable } from '@nestjs/common';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { StatsGroup } from '../../../db/repositories/recovery-episode.repository.js';
import { Database } from '../database.js';

export type StatsRow = StatsGroup & { cureRateBps: number | null; recoveryRateBps: number | null; rollForwardRateBps: number | null };

export interface RecoveryStats {
  byBucket: StatsRow[];
  bySegment: StatsRow[];
  byPolicyVersion: StatsRow[];
  byArm: StatsRow[];
}

const bps = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10_000) / whole) : null);

function withRates(g: StatsGroup): StatsRow {
  const ended = g.episodes - g.running;
  return { ...g, cureRateBps: bps(g.cured, ended), recoveryRateBps: bps(g.recoveredMinor, g.delinquentMinor), rollForwardRateBps: bps(g.rolledForward, g.episodes) };
}

@Injectable()
export class RecoveryStatsUseCase {
  constructor(private readonly db: Database) {}

  async execute({ since, scope }: { since: string | null; scope: CaseScope }): Promise<RecoveryStats> {
    const stats = (by: Parameters<ReturnType<Database['recoveryEpisodes']>['stats']>[0]) => this.db.recoveryEpisodes().stats(by, since, scope);
    const [byBucket, bySegment, byPolicyVersion, byArm] = await Promise.all([stats('bucket'), stats('segment'), stats('policyVersion'), stats('arm')]);
    return { byBucket: byBucket.map(withRates), bySegment: bySegment.map(withRates), byPolicyVersion: byPolicyVersion.map(withRates), byArm: byArm.map(withRates) };
  }
}
