// The early-warning list (current loans the delinquency-roll model fears for, with what to do)
// and the riskiest delinquent loans by expected loss.
import { Injectable } from '@nestjs/common';
import type { ExpectedLossLoan, WatchedLoan } from '../../../db/repositories/risk-watchlist.repository.js';
import { EARLY_WARNING_ACTIONS, earlyWarningAction, type EarlyWarningAction } from '../../../domain/early-warning.js';
import { Database } from '../database.js';

export type EarlyWarning = WatchedLoan & { action: EarlyWarningAction; actionText: string };

export interface RiskWatchlist {
  earlyWarning: EarlyWarning[];
  expectedLoss: ExpectedLossLoan[];
}

@Injectable()
export class RiskWatchlistUseCase {
  constructor(private readonly db: Database) {}

  async execute(filter: { product?: string; region?: string }, limit: number): Promise<RiskWatchlist> {
    const repo = this.db.riskWatchlist();
    const [watched, expectedLoss] = await Promise.all([repo.earlyWarning(filter, limit), repo.expectedLoss(filter, limit)]);
    const earlyWarning = watched.map((w) => {
      const action = earlyWarningAction(w.rollProbability, w.flagged);
      return { ...w, action, actionText: EARLY_WARNING_ACTIONS[action] };
    });
    return { earlyWarning, expectedLoss };
  }
}
