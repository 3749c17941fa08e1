// The call-assist panel folds the socket's messages as the README states them: risk on ready,
// each segment's intents and promise, warnings with the new ones marked, the next best action,
// and the confirm buttons only for what was heard and not yet confirmed; in English and Hindi.
/* eslint-disable no-restricted-syntax -- the assist's probabilities are ratios (0 to 1), as the socket sends them */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../i18n/strings.ts';
import { callReducer, IDLE, type CallEvent, type CallState } from './call-assist-state.ts';
import { assistUrl, CallAssistView, SCRIPTS } from './CallAssist.tsx';

const risk = { propensity: 0.42, propensityBand: 'medium', segment: 'restructure', offer: 'restructuring_plan', rationale: null, rollProbability: 0.3, pd: 0.05, dpd: 34, bucket: '31-60', overdueMinor: 1_454_457, outstandingMinor: 30_000_000 };
const stop = { code: 'stop_request', severity: 'critical', message: 'The borrower asked not to be called', citation: 'RBI', raisedAt: 2 };
const threat = { code: 'threat', severity: 'critical', message: 'The collector threatened', citation: 'RBI FPC', raisedAt: 1 };

function fold(events: CallEvent[]): CallState {
  return events.reduce(callReducer, IDLE);
}

afterEach(() => {
  cleanup();
  act(() => setLanguage('en'));
});

describe('the call-assist panel', () => {
  const call: CallEvent[] = [
    { kind: 'connecting' },
    { kind: 'message', message: { type: 'ready', loanId: 'l', currency: 'INR', risk, warnings: [], nextBestAction: { code: 'verify_identity', say: 'Confirm you are speaking to the borrower.' } } },
    { kind: 'sent', seq: 1, speaker: 'collector', text: 'Pay today or the police come.' },
    { kind: 'message', message: { type: 'assist', seq: 1, speaker: 'collector', intents: [{ intent: 'threat', probability: 0.97, source: 'model' }], promise: null, warnings: [threat], newWarnings: ['threat'], nextBestAction: { code: 'retract', say: 'Withdraw the threat.' } } },
    { kind: 'sent', seq: 2, speaker: 'borrower', text: 'Stop calling me. I can pay 5000 rupees on Friday.' },
    { kind: 'message', message: { type: 'assist', seq: 2, speaker: 'borrower', intents: [{ intent: 'stop_contact', probability: 0.9, source: 'both' }], promise: { amountMinor: 500_000, currency: 'INR', dueOn: '2026-12-11' }, warnings: [threat, stop], newWarnings: ['stop_request'], nextBestAction: { code: 'honour_stop_request', say: 'Acknowledge the request.', record: { confirm: 'stop_request' } } } },
  ];

  it('shows risk, intents, the promise, the next action and marks only the new warning', () => {
    const confirm = vi.fn();
    render(<CallAssistView state={fold(call)} onConfirm={confirm} />);
    expect(screen.getByText('42% (medium)')).toBeTruthy();
    expect(document.querySelector('[data-intent="stop_contact"]')?.textContent).toBe('stop_contact 90%');
    expect(document.querySelector('[data-promise]')?.textContent).toContain('2026-12-11');
    expect(document.querySelector('[data-promise]')?.textContent).toContain('5,000.00');
    expect(document.querySelector('[data-next-action]')?.textContent).toContain('Acknowledge the request.');
    expect(document.querySelector('[data-warning="stop_request"]')?.className).toBe('new-warning');
    expect(document.querySelector('[data-warning="threat"]')?.className).toBe('card');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm stop request' }));
    expect(confirm).toHaveBeenCalledWith('stop_request');
  });

  it('drops the confirm button once confirmed, says so, and speaks Hindi', () => {
    const state = fold([...call, { kind: 'message', message: { type: 'confirmed', action: 'stop_request', at: 'now', nextBestAction: { code: 'close', say: 'Close the call.' } } }]);
    act(() => setLanguage('hi'));
    render(<CallAssistView state={state} onConfirm={() => undefined} />);
    expect(screen.queryByRole('button', { name: 'संपर्क बंद करने का अनुरोध पुष्ट करें' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('संपर्क बंद करने का अनुरोध दर्ज हुआ');
    expect(screen.getByText('भुगतान की संभावना')).toBeTruthy();
  });

  it('keeps the call going after a bad message, showing the server\'s problem', () => {
    const state = fold([...call, { kind: 'message', message: { type: 'error', status: 409, title: 'Nothing to confirm', detail: 'no dispute was heard' } }]);
    expect(state.error).toBe('Nothing to confirm: no dispute was heard');
    expect(state.segments).toHaveLength(2);
  });

  it('opens the socket on the page\'s own origin, ws or wss, and plays the voice sandbox\'s scripts', () => {
    expect(assistUrl({ caseId: 'case-recovery-x-1' }, { protocol: 'https:', host: 'c.example' })).toBe('wss://c.example/v1/calls/assist?caseId=case-recovery-x-1');
    expect(assistUrl({ loanId: 'abc' }, { protocol: 'http:', host: '127.0.0.1:3000' })).toBe('ws://127.0.0.1:3000/v1/calls/assist?loanId=abc');
    expect(SCRIPTS.map((s) => s.name)).toContain('stop-and-threat');
  });
});
