// What a person may see, derived from the API's own access matrix (access.generated.ts, from the
// OpenAPI document's x-roles): a screen is shown when the person's roles may call the operations
// it needs, and an action when they may call its operation. No second list of who sees what.
import { OPERATION_ROLES, type OperationKey } from '../api/access.generated.ts';

export function mayCall(roles: readonly string[], operation: OperationKey): boolean {
  const allowed = OPERATION_ROLES[operation];
  return allowed === 'public' || (allowed ?? []).some((r) => roles.includes(r));
}

export interface Screen {
  id: string;
  /** the address after the #, e.g. /policies */
  path: string;
  title: string;
  /** every one of these must be callable */
  needs: readonly OperationKey[];
  /** and at least one of these, when given (a screen of panels, each shown on its own) */
  needsAny?: readonly OperationKey[];
  /** shown in the navigation (a detail screen is reached from a list) */
  nav: boolean;
}

export const SCREENS: readonly Screen[] = [
  { id: 'command-centre', path: '/', title: 'Command centre', needs: [], needsAny: ['GET /v1/analytics/origination', 'GET /v1/recovery/stats', 'GET /v1/models'], nav: true },
  { id: 'loans', path: '/loans', title: 'Loans', needs: ['GET /v1/loans', 'GET /v1/loans/{loanId}'], nav: true },
  { id: 'loan', path: '/loans/:id', title: 'Loan', needs: ['GET /v1/loans/{loanId}'], nav: false },
  { id: 'cases', path: '/cases', title: 'Recovery cases', needs: ['GET /v1/recovery/cases', 'GET /v1/recovery/cases/{caseId}'], nav: true },
  { id: 'case', path: '/cases/:id', title: 'Case', needs: ['GET /v1/recovery/cases/{caseId}'], nav: false },
  { id: 'desk', path: '/desk', title: 'Collector desk', needs: ['GET /v1/desk/queue', 'POST /v1/desk/cases/{id}/accept'], nav: true },
  { id: 'policies', path: '/policies', title: 'Policy studio', needs: ['GET /v1/policies/recovery', 'GET /v1/policies/recovery/{version}'], nav: true },
  { id: 'experiments', path: '/experiments', title: 'Experiments', needs: ['GET /v1/policies/recovery/experiments', 'GET /v1/policies/recovery/experiments/{id}'], nav: true },
  { id: 'compliance', path: '/compliance', title: 'Compliance', needs: ['GET /v1/audit', 'GET /v1/audit/verify'], nav: true },
  { id: 'models', path: '/models', title: 'Models', needs: ['GET /v1/models'], nav: true },
];

export function mayOpen(roles: readonly string[], screen: Screen): boolean {
  return screen.needs.every((op) => mayCall(roles, op)) && (!screen.needsAny || screen.needsAny.some((op) => mayCall(roles, op)));
}

export function screensFor(roles: readonly string[]): Screen[] {
  return SCREENS.filter((s) => mayOpen(roles, s));
}

/**
 * Who may open the live-call assist WebSocket (the permission calls:assist). The socket is not an
 * OpenAPI operation, so it has no x-roles: this list is apps/api/auth/roles.ts's, and
 * access.test.ts fails when the two differ.
 */
export const CALL_ASSIST_ROLES: readonly string[] = ['admin', 'ops', 'collector', 'agency'];

export function mayAssistCalls(roles: readonly string[]): boolean {
  return roles.some((r) => CALL_ASSIST_ROLES.includes(r));
}
