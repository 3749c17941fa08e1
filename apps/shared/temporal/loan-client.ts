// The one adapter between Credence's callers (API, tests, tools) and the loan workflows:
// starting loans idempotently, and sending them the commands and queries they define.
import { ApplicationFailure, type Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type WorkflowHandle, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoanApplication } from '../../../domain/application.js';
import { toIsoDate } from '../../../domain/calendar.js';
import { loanWorkflowId } from '../../../domain/loan-id.js';
import type { LoanSnapshot } from '../../../domain/loan-view.js';
import type { Product } from '../../../domain/product.js';
import type { ArrangementCommand, ArrangementTerms, WriteOffCommand } from '../../../domain/arrangements.js';
import {
  acceptOfferUpdate,
  applyArrangementUpdate,
  arrangementPreviewQuery,
  type ArrangementPreview,
  awaitDecisionUpdate,
  consentToLimitIncreaseUpdate,
  declineOfferUpdate,
  loanStateQuery,
  payoffQuoteQuery,
  paymentSignal,
  recordPaymentUpdate,
  reviewUpdate,
  withdrawUpdate,
  writeOffUpdate,
  type AcceptOfferCommand,
  type DecisionResult,
  type ImportedLoan,
  type LoanWorkflowInput,
  type PaymentCommand,
  type PaymentResult,
  type PayoffQuoteAnswer,
  type ReviewCommand,
} from '../../../workflows/loan/definitions.js';
import type { loanWorkflow } from '../../../workflows/loan/loan.workflow.js';

export interface LoanClientOptions {
  taskQueue: string;
  bureauTaskQueue: string;
  historyLimit?: number;
}

export interface StartLoan {
  loanId: string;
  application: LoanApplication;
  product: Product;
  submittedAt: string;
  /** a loan brought in from another system: it starts in servicing with this history */
  imported?: ImportedLoan;
}

export class LoanClient {
  /** payment updates in flight, per loan: see recordPayment */
  private readonly paymentQueues = new Map<string, Promise<unknown>>();

  constructor(
    readonly client: Client,
    private readonly options: LoanClientOptions,
  ) {}

  /**
   * Starts the loan. Starting the same loanId again is a no-op, while it runs (USE_EXISTING) and
   * after it has closed (REJECT_DUPLICATE): a loan ID names one loan, once.
   */
  async start(loan: StartLoan): Promise<WorkflowHandle<typeof loanWorkflow>> {
    try {
      return await this.client.workflow.start<typeof loanWorkflow>('loanWorkflow', this.startOptions(loan));
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return this.handle(loan.loanId);
      throw err;
    }
  }

  /** Starts the loan (or finds it) and answers once it is decided, in one round trip. */
  async startAndAwaitDecision(loan: StartLoan): Promise<DecisionResult> {
    try {
      return await retryUnprocessed(() =>
        this.client.workflow.executeUpdateWithStart(awaitDecisionUpdate, { startWorkflowOperation: new WithStartWorkflowOperation<typeof loanWorkflow>('loanWorkflow', this.startOptions(loan)) }),
      );
    } catch (err) {
      // The loan has already closed (or closed while the update waited, in runs from before
      // closing waited for updates): its decision is in its final state.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError) && !isAbortedByClose(err)) throw err;
      const { status, decision, offer } = await this.state(loan.loanId);
      if (!decision) throw err;
      return { loanId: loan.loanId, status, decision, offer };
    }
  }

  private startOptions(loan: StartLoan) {
    return {
      workflowId: loanWorkflowId(loan.loanId),
      taskQueue: this.options.taskQueue,
      args: [this.input(loan)] as [LoanWorkflowInput],
      workflowIdConflictPolicy: 'USE_EXISTING' as const,
      workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
    };
  }

  handle(loanId: string): WorkflowHandle<typeof loanWorkflow> {
    return this.client.workflow.getHandle(loanWorkflowId(loanId));
  }

  state(loanId: string): Promise<LoanSnapshot> {
    return this.handle(loanId).query(loanStateQuery);
  }

  /** A quote good for `asOf` (today, UTC, by default): a query alone would see the workflow's last wake-up, not now. */
  payoffQuote(loanId: string, asOf: string = toIsoDate(Date.now())): Promise<PayoffQuoteAnswer> {
    return this.handle(loanId).query(payoffQuoteQuery, asOf);
  }

  /** The terms as the workflow judges them on asOf (no problems: it would apply them); null when the loan is not being repaid. */
  arrangementPreview(loanId: string, terms: ArrangementTerms, asOf: string = toIsoDate(Date.now())): Promise<ArrangementPreview | null> {
    return this.handle(loanId).query(arrangementPreviewQuery, terms, asOf);
  }

  awaitDecision(loanId: string): Promise<DecisionResult> {
    return retryUnprocessed(() => this.handle(loanId).executeUpdate(awaitDecisionUpdate));
  }

  acceptOffer(loanId: string, command: AcceptOfferCommand = {}): Promise<LoanSnapshot> {
    return retryUnprocessed(() => this.handle(loanId).executeUpdate(acceptOfferUpdate, { args: [command] }));
  }

  declineOffer(loanId: string): Promise<LoanSnapshot> {
    return retryUnprocessed(() => this.handle(loanId).executeUpdate(declineOfferUpdate));
  }

  withdraw(loanId: string): Promise<LoanSnapshot> {
    return retryUnprocessed(() => this.handle(loanId).executeUpdate(withdrawUpdate));
  }

  review(loanId: string, command: ReviewCommand): Promise<LoanSnapshot> {
    return retryUnprocessed(() => this.handle(loanId).executeUpdate(reviewUpdate, { args: [command] }));
  }

  consentToLimitIncrease(loanId: string): Promise<LoanSnapshot> {
    return retryUnprocessed(() => this.handle(loanId).executeUpdate(consentToLimitIncreaseUpdate));
  }

  /**
   * An approved arrangement. The workflow applies an arrangement ID once and answers a retry as
   * the first; no update ID is derived from it, since the server would answer a request with the
   * same ID and other terms as the first too, where the workflow refuses it.
   */
  applyArrangement(loanId: string, command: ArrangementCommand): Promise<LoanSnapshot> {
    return retryUnprocessed(() => this.handle(loanId).executeUpdate(applyArrangementUpdate, { args: [command] }));
  }

  /** An approved write-off; the workflow takes one write-off and answers its retries. */
  writeOff(loanId: string, command: WriteOffCommand): Promise<LoanSnapshot> {
    return retryUnprocessed(() => this.handle(loanId).executeUpdate(writeOffUpdate, { args: [command] }));
  }

  /**
   * One update per request: a request retried under its requestId (the API passes the client's
   * Idempotency-Key) gets the first answer back; another request for the same externalId is its
   * own update and is answered as the duplicate it is, naming the original.
   *
   * Payments to one loan go one at a time from this process: fifty concurrent updates to one
   * workflow made SDK core drop some (retried below), and each drop is a workflow task whose
   * local activities had already run. One at a time, none were dropped.
   */
  recordPayment(loanId: string, command: PaymentCommand): Promise<PaymentResult> {
    const updateId = command.requestId ? `payment-${command.externalId}-${command.requestId}` : `payment-${command.externalId}`;
    return this.oneAtATime(loanId, () => retryUnprocessed(() => this.handle(loanId).executeUpdate(recordPaymentUpdate, { args: [command], updateId })));
  }

  private oneAtATime<T>(loanId: string, send: () => Promise<T>): Promise<T> {
    const result = (this.paymentQueues.get(loanId) ?? Promise.resolve()).then(send, send);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.paymentQueues.set(loanId, settled);
    void settled.then(() => {
      if (this.paymentQueues.get(loanId) === settled) this.paymentQueues.delete(loanId);
    });
    return result;
  }

  notifyPayment(loanId: string, command: PaymentCommand): Promise<void> {
    return this.handle(loanId).signal(paymentSignal, command);
  }

  private input(loan: StartLoan): LoanWorkflowInput {
    return {
      loanId: loan.loanId,
      application: loan.application,
      product: loan.product,
      submittedAt: loan.submittedAt,
      taskQueues: { bureau: this.options.bureauTaskQueue },
      ...(loan.imported ? { imported: loan.imported } : {}),
      ...(this.options.historyLimit ? { historyLimit: this.options.historyLimit } : {}),
    };
  }
}

/**
 * Under a burst of updates to one workflow, SDK core 1.24 can drop an update it was handed
 * (logged as "unprocessed protocol messages"); the server then rejects it as UnprocessedUpdate.
 * Such an update never ran, not even its validator, so sending it again is safe.
 */
async function retryUnprocessed<T>(send: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (err) {
      if (attempt >= attempts || !isUnprocessedUpdate(err)) throw err;
      await sleep(25 * 2 ** attempt);
    }
  }
}

function isUnprocessedUpdate(err: unknown): boolean {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'UnprocessedUpdate';
}

/** The workflow completed while the update waited: the update did not fail, it was cut off. */
function isAbortedByClose(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError && /aborted by closing workflow/.test(err.message);
}
