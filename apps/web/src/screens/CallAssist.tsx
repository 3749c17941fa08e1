// The live-call assist panel (collectors, agencies, ops, admin): "Live call" opens the assist
// WebSocket for the case or loan (the browser's credentials travel as the subprotocols
// credence.call-assist.v1 and bearer.<token>, as the README's Live-call assist says), and the
// panel shows the borrower's risk on `ready`, then each segment's intents and promise, the
// warnings (those the last segment raised highlighted) and the next best action as they arrive.
// The collector confirms a stop request or a dispute once heard; the server records it.
//
// This panel is the socket's client, so what is said reaches it from here: a line typed (or
// dictated) by the collector, or, for demos and the browser test, one of the voice sandbox's
// scripted calls (apps/sandboxes/twilio/call-scripts) played through the same socket, segment by
// segment at the script's pace. A contact-centre integration would send the real transcription.
import { useCallback, useEffect, useId, useReducer, useRef, useState } from 'react';
import hardshipThenPromise from '../../../sandboxes/twilio/call-scripts/hardship-then-promise.json';
import hinglishPromise from '../../../sandboxes/twilio/call-scripts/hinglish-promise.json';
import stopAndThreat from '../../../sandboxes/twilio/call-scripts/stop-and-threat.json';
import { mayAssistCalls } from '../auth/access.ts';
import { session, usePerson } from '../auth/session.ts';
import { useLanguage, type StringKey } from '../i18n/strings.ts';
import { money } from '../ui/format.ts';
import { callReducer, confirmable, IDLE, type CallState, type ConfirmAction, type SegmentLine } from './call-assist-state.ts';

interface Script { name: string; description: string; segments: { at: number; speaker: SegmentLine['speaker']; text: string }[] }
export const SCRIPTS: readonly Script[] = [stopAndThreat, hardshipThenPromise, hinglishPromise] as Script[];

/** The script's pause between segments is divided by this: a demo need not wait the whole call. */
const SCRIPT_SPEED = 2;

export type CallTarget = { caseId: string } | { loanId: string };

export function assistUrl(target: CallTarget, location: { protocol: string; host: string } = window.location): string {
  const query = 'caseId' in target ? `caseId=${encodeURIComponent(target.caseId)}` : `loanId=${encodeURIComponent(target.loanId)}`;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/calls/assist?${query}`;
}

const pct = (p: number | null | undefined) => (p === null || p === undefined ? '—' : `${Math.round(p * 100)}%`);

export function CallAssistView({ state, onConfirm }: { state: CallState; onConfirm: (action: ConfirmAction) => void }) {
  const [, t] = useLanguage();
  const currency = state.currency ?? 'INR';
  const r = state.risk;
  return (
    <>
      {r && (
        <dl className="facts" aria-label={t('risk')}>
          <dt>{t('propensity')}</dt><dd data-fact="propensity">{pct(r.propensity)}{r.propensityBand ? ` (${r.propensityBand})` : ''}</dd>
          <dt>{t('rollRisk')}</dt><dd>{pct(r.rollProbability)}</dd>
          <dt>{t('segment')}</dt><dd>{r.segment ?? '—'}{r.offer ? ` · ${r.offer}` : ''}</dd>
          <dt>{t('dpd')}</dt><dd>{r.dpd ?? '—'}{r.bucket ? ` (${r.bucket})` : ''}</dd>
          <dt>{t('overdue')}</dt><dd>{money(r.overdueMinor, currency)}</dd>
        </dl>
      )}
      {state.nextBestAction && (
        <div className="card" aria-live="polite" data-next-action={state.nextBestAction.code}>
          <strong>{t('nextAction')}:</strong> {state.nextBestAction.say}
        </div>
      )}
      <h3>{t('warnings')}</h3>
      {state.warnings.length === 0 ? <p>{t('noWarnings')}</p> : (
        <ul className="assist-warnings" aria-live="polite">
          {state.warnings.map((w) => {
            const fresh = state.newWarnings.includes(w.code);
            return (
              <li key={w.code} data-warning={w.code} className={fresh ? 'new-warning' : 'card'}>
                {fresh && <span className="badge">{t('newWarning')}</span>} <strong className={w.severity === 'critical' ? 'warn' : undefined}>{w.code}</strong>: {w.message} <span className="muted">({w.citation})</span>
              </li>
            );
          })}
        </ul>
      )}
      {confirmable(state).length > 0 && state.status === 'open' && (
        <div className="row">
          {confirmable(state).map((a) => <button key={a} type="button" onClick={() => onConfirm(a)}>{t(a === 'stop_request' ? 'confirmStop' : 'confirmDispute')}</button>)}
        </div>
      )}
      {state.confirmed.map((a) => <p key={a} role="status" className="good">{t(a === 'stop_request' ? 'confirmedStop' : 'confirmedDispute')}</p>)}
      {state.error && <p role="alert" className="error">{state.error}</p>}
      {state.segments.length > 0 && (
        <>
          <h3>{t('transcript')}</h3>
          <ol className="cards" aria-label={t('transcript')}>
            {state.segments.map((s) => (
              <li key={s.seq} className="card" data-seq={s.seq}>
                <strong>{t(s.speaker as StringKey)}:</strong> {s.text}
                {s.intents && s.intents.length > 0 && (
                  <div className="row">{t('intents')}: {s.intents.map((i) => <span key={i.intent} className="badge" data-intent={i.intent}>{i.intent} {pct(i.probability)}</span>)}</div>
                )}
                {s.promise && <div data-promise>{t('promiseHeard')}: {money(s.promise.amountMinor, s.promise.currency)} · {s.promise.dueOn ?? '—'}</div>}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

export function CallAssist({ target }: { target: CallTarget }) {
  const person = usePerson();
  const [language, t] = useLanguage();
  const [state, dispatch] = useReducer(callReducer, IDLE);
  const socket = useRef<WebSocket | null>(null);
  const seq = useRef(0);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const [speaker, setSpeaker] = useState<SegmentLine['speaker']>('borrower');
  const [text, setText] = useState('');
  const [script, setScript] = useState(SCRIPTS[0]?.name ?? '');
  // The desk shows a panel on each accepted case, so each names its own heading.
  const headingId = useId();

  const stopScript = useCallback(() => {
    for (const timer of timers.current) clearTimeout(timer);
    timers.current = [];
  }, []);
  const hangUp = useCallback(() => {
    stopScript();
    socket.current?.close(1000);
    socket.current = null;
  }, [stopScript]);
  // Leaving the page ends the call.
  useEffect(() => hangUp, [hangUp]);

  if (!person || !mayAssistCalls(person.roles)) return null;

  function open() {
    hangUp();
    seq.current = 0;
    dispatch({ kind: 'connecting' });
    const ws = new WebSocket(assistUrl(target), ['credence.call-assist.v1', `bearer.${session.token() ?? ''}`]);
    let opened = false;
    ws.onopen = () => (opened = true);
    ws.onmessage = (e) => dispatch({ kind: 'message', message: JSON.parse(String(e.data)) as Record<string, unknown> });
    ws.onclose = () => {
      // A call replaced by a newer one says nothing; one ended here or by the server says so.
      if (socket.current === ws || socket.current === null) dispatch({ kind: 'closed', opened });
      stopScript();
    };
    socket.current = ws;
  }
  function send(who: SegmentLine['speaker'], said: string) {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    seq.current += 1;
    dispatch({ kind: 'sent', seq: seq.current, speaker: who, text: said });
    ws.send(JSON.stringify({ type: 'segment', seq: seq.current, speaker: who, text: said }));
  }
  function play() {
    stopScript();
    const chosen = SCRIPTS.find((s) => s.name === script);
    if (!chosen) return;
    for (const s of chosen.segments) timers.current.push(setTimeout(() => send(s.speaker, s.text), (s.at * 1000) / SCRIPT_SPEED));
  }
  const confirm = (action: ConfirmAction) => socket.current?.send(JSON.stringify({ type: 'confirm', action }));
  const live = state.status === 'open';

  return (
    <section aria-labelledby={headingId} className="panel" lang={language}>
      <div className="row spread">
        <h2 id={headingId}>{t('callAssist')}</h2>
        <span role="status">{state.status === 'connecting' ? t('connecting') : live ? t('callOpen') : state.status === 'closed' ? t('callClosed') : ''}</span>
        {live || state.status === 'connecting' ? <button type="button" onClick={hangUp}>{t('endCall')}</button> : <button type="button" onClick={open}>{t('liveCall')}</button>}
      </div>
      {state.status === 'refused' && <p role="alert" className="error">{t('callRefused')}</p>}
      {live && (
        <>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (!text.trim()) return;
              send(speaker, text.trim());
              setText('');
            }}
          >
            <label>{t('speaker')}{' '}
              <select value={speaker} onChange={(e) => setSpeaker(e.target.value as SegmentLine['speaker'])}>
                <option value="borrower">{t('borrower')}</option>
                <option value="collector">{t('collector')}</option>
              </select>
            </label>
            <label className="grow">{t('said')} <input value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} /></label>
            <button type="submit" disabled={!text.trim()}>{t('send')}</button>
          </form>
          <div className="row">
            <label>{t('script')}{' '}
              <select value={script} onChange={(e) => setScript(e.target.value)}>
                {SCRIPTS.map((s) => <option key={s.name} value={s.name} title={s.description}>{s.name}</option>)}
              </select>
            </label>
            <button type="button" onClick={play}>{t('playScript')}</button>
          </div>
        </>
      )}
      <CallAssistView state={state} onConfirm={confirm} />
    </section>
  );
}
