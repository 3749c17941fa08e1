// Structured JSON logs. Every line about a loan carries loanId and workflowId so one loan can be
// followed across the API, the worker and its activities (`grep loan-<id>` or a log query).
import { pino, type Logger } from 'pino';
import { loanWorkflowId } from '../../domain/loan-id.js';

export type { Logger };

let root: Logger | undefined;

export function rootLogger(): Logger {
  root ??= pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: 'credence' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
  return root;
}

export function createLogger(component: string, bindings: Record<string, unknown> = {}): Logger {
  return rootLogger().child({ component, ...bindings });
}

export function loanLogBindings(loanId: string): { loanId: string; workflowId: string } {
  return { loanId, workflowId: loanWorkflowId(loanId) };
}
