// What a caller may be allowed to do, one permission per kind of act. Routes declare the one
// they need (access.decorator.ts); roles and API keys are granted sets of them (roles.ts). A read
// permission changes nothing: compliance is given every one of them, so a new read is theirs too.
export const PERMISSIONS = {
  'applications:submit': { reads: false, what: 'submit loan applications (for a borrower, or from a partner channel)' },
  'loans:read': { reads: true, what: 'read loans: status, decision, schedule, balances, payments, payoff quotes' },
  'loans:act-for-borrower': { reads: false, what: "act on the borrower's word: accept or decline an offer, withdraw, consent to a limit increase" },
  'loans:review': { reads: false, what: 'decide applications referred to manual review' },
  'payments:record': { reads: false, what: 'record a payment against a loan' },
  'unapplied-cash:read': { reads: true, what: 'read unapplied cash' },
  'unapplied-cash:resolve': { reads: false, what: 'apply unapplied cash to a loan, or refund it' },
  'scoring:score': { reads: false, what: 'score records with a deployed model (stateless)' },
  'models:read': { reads: true, what: 'read deployed models, their shadow comparison and drift' },
  'metrics:read': { reads: true, what: 'scrape Prometheus metrics' },
  'analytics:read': { reads: true, what: "read the command centre's portfolio, delinquency, recovery and early-warning figures" },
  'policies:read': { reads: true, what: 'read escalation-policy versions and recovery experiments' },
  'policies:write': { reads: false, what: 'draft, validate and dry-run escalation-policy versions; start and stop experiments' },
  'policies:activate': { reads: false, what: 'propose activating an escalation-policy version or promoting an experiment, and approve another person\'s proposal' },
  'portfolio:read': { reads: true, what: 'read portfolio import reports' },
  'portfolio:import': { reads: false, what: 'import a book of loans' },
  'recovery:read': { reads: true, what: 'read recovery cases, their timelines and recovery figures' },
  'work-items:read': { reads: true, what: 'read hand-off work items and the assignees' },
  'work-items:work': { reads: false, what: 'work cases at the desk as oneself: the queue, pick up, accept or decline, outcomes and notes' },
  'assignees:manage': { reads: false, what: 'add or change collectors and agencies' },
  'agencies:place': { reads: false, what: 'place hand-off cases with an outside agency (by hand or by rule), and recall them' },
  'placements:read': { reads: true, what: "read agency placements (an agency: only its own)" },
  'placements:respond': { reads: false, what: "accept or reject the placements made with one's own agency" },
  'agency-performance:read': { reads: true, what: "read agencies' performance: cases held, contacts, promises, collections, recovery rate, SLA breaches (an agency: only its own)" },
  'promises:record': { reads: false, what: "record a borrower's promise to pay" },
  'contact-standing:read': { reads: true, what: "read a borrower's contact standing (masked addresses) and its history" },
  'contact-standing:flag': { reads: false, what: 'set the bankruptcy, deceased and time-barred flags' },
  'disputes:verify': { reads: false, what: 'record that a dispute was verified (collection resumes)' },
  'original-creditor:record': { reads: false, what: "record a loan's original creditor (the answer to a borrower's request for it)" },
  'dead-letters:read': { reads: true, what: 'read sends that exhausted their retries' },
  'dead-letters:replay': { reads: false, what: 'replay a dead letter through the compliance gate' },
  'arrangements:propose': { reads: false, what: 'propose a repayment plan, restructure or settlement for a loan (within the policy\'s bounds it is applied at once)' },
  'arrangements:approve': { reads: false, what: 'approve or reject arrangements and write-offs someone else proposed' },
  'write-offs:propose': { reads: false, what: 'propose writing a loan off (a second person approves it)' },
  'approvals:read': { reads: true, what: 'read proposals awaiting a second person, and their decisions' },
  'approvals:decide': { reads: false, what: 'approve or reject what someone else proposed (each kind also needs its own right: arrangements:approve, or policies:activate)' },
  'audit:read': { reads: true, what: 'search the audit trail and verify its chain' },
  'compliance:report': { reads: true, what: 'export the compliance report for a period' },
  'calls:assist': { reads: false, what: 'stream a live collection call to the call assist (a case one holds, or any case for ops) and act on what it finds' },
  'assistant:ask': { reads: true, what: "ask the assistant about a collection of regulations and policy (cited answers; the caller's own conversations)" },
  'assistant:draft': { reads: true, what: "draft a message to a borrower from the loan's records, with the compliance gate's verdict (nothing is sent)" },
  'mcp:connect': { reads: true, what: 'connect an AI assistant through MCP (/mcp, npm run mcp); each tool also needs the permission of the route it stands for' },
  'api-keys:manage': { reads: false, what: 'create, list and revoke API keys' },
} as const satisfies Record<string, { reads: boolean; what: string }>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);
}
