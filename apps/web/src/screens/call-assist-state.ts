// What the call-assist panel shows, folded from the socket's messages (README, Live-call assist):
// `ready` gives the risk and the gate's view of a call now; each `assist` the segment's intents
// and promise, every warning raised so far (those this segment raised are marked new) and the
// next best action; `confirmed` what the collector confirmed and the action after it.
export type WarningCode = 'threat' | 'false_urgency' | 'third_party' | 'wrong_party' | 'stop_request' | 'dispute' | 'gate';
export type ConfirmAction = 'stop_request' | 'dispute';

export interface Risk {
  propensity: number | null;
  propensityBand: string | null;
  segment: string | null;
  offer: string | null;
  rationale: string | null;
  rollProbability: number | null;
  pd: number | null;
  dpd: number | null;
  bucket: string | null;
  overdueMinor: number | null;
  outstandingMinor: number | null;
}

export interface Warning { code: WarningCode; severity: 'critical' | 'warning'; message: string; citation: string; raisedAt: number; rule?: string }
export interface NextBestAction { code: string; say: string; record?: { route: string; body: Record<string, unknown> } | { confirm: ConfirmAction } }
export interface Intent { intent: string; probability: number; source: string }
export interface Promise_ { amountMinor: number | null; currency: string; dueOn: string | null }

export interface SegmentLine { seq: number; speaker: 'borrower' | 'collector'; text: string; intents?: Intent[]; promise?: Promise_ | null }

export interface CallState {
  status: 'idle' | 'connecting' | 'open' | 'closed' | 'refused';
  loanId?: string;
  currency?: string;
  risk?: Risk;
  segments: SegmentLine[];
  warnings: Warning[];
  newWarnings: WarningCode[];
  nextBestAction?: NextBestAction;
  confirmed: ConfirmAction[];
  error?: string;
}

export type CallEvent =
  | { kind: 'connecting' }
  | { kind: 'closed'; opened: boolean }
  | { kind: 'sent'; seq: number; speaker: SegmentLine['speaker']; text: string }
  | { kind: 'message'; message: Record<string, unknown> };

export const IDLE: CallState = { status: 'idle', segments: [], warnings: [], newWarnings: [], confirmed: [] };

export function callReducer(state: CallState, event: CallEvent): CallState {
  switch (event.kind) {
    case 'connecting': return { ...IDLE, status: 'connecting' };
    case 'closed': return { ...state, status: event.opened ? 'closed' : 'refused' };
    case 'sent': return { ...state, segments: [...state.segments, { seq: event.seq, speaker: event.speaker, text: event.text }] };
    case 'message': {
      const m = event.message;
      if (m.type === 'ready') {
        return { ...state, status: 'open', loanId: m.loanId as string, currency: m.currency as string, risk: m.risk as Risk, warnings: (m.warnings as Warning[] | undefined) ?? [], newWarnings: ((m.warnings as Warning[] | undefined) ?? []).map((w) => w.code), ...(m.nextBestAction ? { nextBestAction: m.nextBestAction as NextBestAction } : {}) };
      }
      if (m.type === 'assist') {
        const seq = m.seq as number;
        const segments = state.segments.some((s) => s.seq === seq) ? state.segments : [...state.segments, { seq, speaker: m.speaker as SegmentLine['speaker'], text: '' }];
        return {
          ...state,
          segments: segments.map((s) => (s.seq === seq ? { ...s, intents: m.intents as Intent[], promise: m.promise as Promise_ | null } : s)),
          warnings: m.warnings as Warning[],
          newWarnings: m.newWarnings as WarningCode[],
          nextBestAction: m.nextBestAction as NextBestAction,
          ...(m.risk ? { risk: m.risk as Risk } : {}),
          error: undefined,
        };
      }
      if (m.type === 'confirmed') {
        const action = m.action as ConfirmAction;
        return { ...state, confirmed: state.confirmed.includes(action) ? state.confirmed : [...state.confirmed, action], nextBestAction: m.nextBestAction as NextBestAction, newWarnings: [], error: undefined };
      }
      if (m.type === 'error') return { ...state, error: [m.title, m.detail].filter(Boolean).join(': ') };
      return state;
    }
  }
}

/** What the collector may confirm now: what the call was heard to say, not yet confirmed. */
export function confirmable(state: CallState): ConfirmAction[] {
  const heard: ConfirmAction[] = [];
  if (state.warnings.some((w) => w.code === 'stop_request')) heard.push('stop_request');
  if (state.warnings.some((w) => w.code === 'dispute')) heard.push('dispute');
  return heard.filter((a) => !state.confirmed.includes(a));
}
