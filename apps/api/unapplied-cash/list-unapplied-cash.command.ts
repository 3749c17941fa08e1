import type { UnappliedCashFilter, UnappliedCashPosition } from '../../../db/repositories/unapplied-cash.repository.js';

export interface ListUnappliedCashCommand {
  filter: UnappliedCashFilter;
  after: UnappliedCashPosition | null;
  limit: number;
}
