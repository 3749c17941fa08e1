// The roles people hold (from their token's roles claim) and API keys are given, each a set of
// permissions. The table is the access matrix: apps/api/auth/ACCESS.md is generated from it and
// the routes' declarations (`npm run openapi:export`), and the role-matrix test holds every route
// to it.
import { ALL_PERMISSIONS, PERMISSIONS, type Permission } from './permissions.js';

export const ROLES = ['admin', 'ops', 'underwriter', 'collector', 'agency', 'compliance', 'borrower'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'everything, including API keys',
  ops: 'run the book: applications on a borrower\'s behalf, payments, unapplied cash, escalation policies and experiments, imports, assignees, dead letters, contact flags, verified disputes and original creditors; place cases with agencies and recall them; propose and approve arrangements, write-offs and policy activations (never their own)',
  underwriter: 'review applications referred to a person; read loans and models, score; look up loans through MCP',
  collector: 'work their queue at the desk as themselves: read the cases they hold or may pick up (and those borrowers\' standing), pick up, accept or decline hand-offs, record outcomes, promises and notes, propose plans, restructures and settlements; ask the assistant and draft messages',
  agency: 'an outside collection agency (its token names the agency): read and work only the cases placed with it (and those borrowers\' masked standing), as the agency; accept or reject its placements, read its own performance, propose plans, restructures and settlements',
  compliance: 'read everything, change nothing',
  borrower: 'self-service (later); no staff route',
};

const READS = ALL_PERMISSIONS.filter((p) => PERMISSIONS[p].reads);

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ALL_PERMISSIONS,
  ops: [
    'applications:submit',
    'loans:read',
    'loans:act-for-borrower',
    'payments:record',
    'unapplied-cash:read',
    'unapplied-cash:resolve',
    'scoring:score',
    'models:read',
    'metrics:read',
    'analytics:read',
    'policies:read',
    'policies:write',
    'policies:activate',
    'portfolio:read',
    'portfolio:import',
    'recovery:read',
    'work-items:read',
    'assignees:manage',
    'agencies:place',
    'placements:read',
    'agency-performance:read',
    'promises:record',
    'contact-standing:read',
    'contact-standing:flag',
    'disputes:verify',
    'original-creditor:record',
    'dead-letters:read',
    'dead-letters:replay',
    'arrangements:propose',
    'arrangements:approve',
    'write-offs:propose',
    'approvals:read',
    'approvals:decide',
    'calls:assist',
    'assistant:ask',
    'assistant:draft',
    'mcp:connect',
  ],
  underwriter: ['loans:read', 'loans:review', 'scoring:score', 'models:read', 'mcp:connect'],
  collector: ['loans:read', 'recovery:read', 'work-items:read', 'work-items:work', 'promises:record', 'contact-standing:read', 'arrangements:propose', 'approvals:read', 'calls:assist', 'assistant:ask', 'assistant:draft', 'mcp:connect'],
  // Reads by collectors and agencies are scoped in the queries to their own cases (auth/scope.ts).
  agency: ['recovery:read', 'work-items:read', 'work-items:work', 'promises:record', 'contact-standing:read', 'placements:read', 'placements:respond', 'agency-performance:read', 'arrangements:propose', 'approvals:read', 'calls:assist'],
  compliance: READS,
  borrower: [],
};

/**
 * API keys are for machines: never admin (a key that could mint keys), never a borrower's, and
 * never given the right to manage keys.
 */
export const KEY_ROLES = ROLES.filter((r): r is Exclude<Role, 'admin' | 'borrower'> => r !== 'admin' && r !== 'borrower');
export const KEY_PERMISSIONS = ALL_PERMISSIONS.filter((p) => p !== 'api-keys:manage');

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly Role[], extra: readonly Permission[] = []): ReadonlySet<Permission> {
  return new Set([...roles.flatMap((r) => ROLE_PERMISSIONS[r]), ...extra]);
}

/** The roles that hold `permission`, in ROLES order. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}
