// The workflows the worker registers (the bundle's entry point).
export { loanWorkflow } from './loan/loan.workflow.js';
export { unappliedCashWorkflow } from './unapplied-cash/unapplied-cash.workflow.js';
export { recoveryWorkflow } from './recovery/recovery.workflow.js';
export { deadLetterReplayWorkflow } from './recovery/dead-letter-replay.workflow.js';
