import { ApplicationIdentifier } from './application-identifier.entity.js';
import { CapitalPool } from './capital-pool.entity.js';
import { FundingReservation } from './funding-reservation.entity.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import { LoanEvent } from './loan-event.entity.js';
import { LoanView } from './loan.entity.js';
import { ModelScore } from './model-score.entity.js';
import { PaymentRecord } from './payment.entity.js';
import { PortfolioImport } from './portfolio-import.entity.js';
import { UnappliedCash } from './unapplied-cash.entity.js';

export const ENTITIES = [LoanView, LoanEvent, IdempotencyKey, ApplicationIdentifier, LedgerEntry, CapitalPool, FundingReservation, PaymentRecord, ModelScore, UnappliedCash, PortfolioImport];
