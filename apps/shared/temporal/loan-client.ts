// The one adapter between Credence's callers (API, tests, tools) and the loan workflows:
// starting loans idempotently, and sending them the commands and queries they define.
import { type Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import type { LoanApplication } from '../../../domain/application.js';
import { toIsoDate } from '../../../domain/calendar.js';
import { loanWorkflowId } from '../../../domain/loan-id.js';
import type { LoanSnapshot } from '../../../domain/loan-view.js';
import type { Product } from '../../../domain/product.js';
import {
  acceptOfferUpdate,
  awaitDecisionUpdate,
  consentToLimitIncreaseUpdate,
  declineOfferUpdate,
  loanStateQuery,
  payoffQuoteQuery,
  paymentSignal,
  recordPaymentUpdate,
  reviewUpdate,
  withdrawUpdate,
  type AcceptOfferCommand,
  type DecisionResult,
  type LoanWorkflowInput,
  type PaymentCommand,
  type PaymentResult,
  type PayoffQuoteView,
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
}

export class LoanClient {
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
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof loanWorkflow>('loanWorkflow', this.startOptions(loan));
    try {
      return await this.client.workflow.executeUpdateWithStart(awaitDecisionUpdate, { startWorkflowOperation });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // The loan has already closed: its decision is in its final state.
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
  payoffQuote(loanId: string, asOf: string = toIsoDate(Date.now())): Promise<PayoffQuoteView | null> {
    return this.handle(loanId).query(payoffQuoteQuery, asOf);
  }

  awaitDecision(loanId: string): Promise<DecisionResult> {
    return this.handle(loanId).executeUpdate(awaitDecisionUpdate);
  }

  acceptOffer(loanId: string, command: AcceptOfferCommand = {}): Promise<LoanSnapshot> {
    return this.handle(loanId).executeUpdate(acceptOfferUpdate, { args: [command] });
  }

  declineOffer(loanId: string): Promise<LoanSnapshot> {
    return this.handle(loanId).executeUpdate(declineOfferUpdate);
  }

  withdraw(loanId: string): Promise<LoanSnapshot> {
    return this.handle(loanId).executeUpdate(withdrawUpdate);
  }

  review(loanId: string, command: ReviewCommand): Promise<LoanSnapshot> {
    return this.handle(loanId).executeUpdate(reviewUpdate, { args: [command] });
  }

  consentToLimitIncrease(loanId: string): Promise<LoanSnapshot> {
    return this.handle(loanId).executeUpdate(consentToLimitIncreaseUpdate);
  }

  /** The update ID is the payment's externalId, so a retried request is one update. */
  recordPayment(loanId: string, command: PaymentCommand): Promise<PaymentResult> {
    return this.handle(loanId).executeUpdate(recordPaymentUpdate, { args: [command], updateId: `payment-${command.externalId}` });
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
      ...(this.options.historyLimit ? { historyLimit: this.options.historyLimit } : {}),
    };
  }
}
