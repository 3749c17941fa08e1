// The collector desk (collectors and agencies, in English or Hindi): the work items handed to
// me, highest priority first; the open cases I may pick up; accept or decline; record a call's
// outcome (a promise with its amount and date, or the kind of plan asked for), add a note, propose
// an arrangement; the live-call assist panel on each accepted case. Large touch targets for a
// tablet in the field.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import type { Person } from '../auth/session.ts';
import { LANGUAGES, setLanguage, useLanguage, type Language, type StringKey } from '../i18n/strings.ts';
import { href } from '../router.ts';
import { when } from '../ui/format.ts';
import { ProblemMessage, QueryState } from '../ui/QueryState.tsx';
import { ArrangementForm } from './ArrangementForm.tsx';
import { CallAssist } from './CallAssist.tsx';

const OUTCOMES = ['reached', 'no_answer', 'wrong_party', 'refused', 'promised', 'disputed', 'hardship', 'plan_requested'] as const;
type Outcome = (typeof OUTCOMES)[number];
const PLAN_KINDS = ['plan', 'restructure', 'settlement'] as const;
type PlanKind = (typeof PLAN_KINDS)[number];

interface WorkItem {
  caseId: string;
  /** the recovery episode: the case view's address */
  workflowId: string;
  loanId: string;
  queue: string;
  priority: number;
  status: 'open' | 'accepted' | 'closed';
  assigneeId: string | null;
  openedAt: string;
  slaBreaches: number;
}

function OutcomeForm({ item, onDone }: { item: WorkItem; onDone: () => void }) {
  const [, t] = useLanguage();
  const [outcome, setOutcome] = useState<Outcome>('reached');
  const [amount, setAmount] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');
  const [planKind, setPlanKind] = useState<PlanKind>('plan');
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/desk/cases/{id}/outcomes', {
          params: { path: { id: item.caseId } },
          body: { outcome, ...(note.trim() ? { note: note.trim() } : {}), ...(outcome === 'promised' ? { promise: { amountMinor: Number(amount), dueOn } } : {}), ...(outcome === 'plan_requested' ? { plan: { kind: planKind } } : {}) },
        }),
      ),
    onSuccess: onDone,
  });
  const id = `outcome-${item.caseId}`;
  return (
    <form
      className="stack"
      aria-label={t('recordOutcome')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label htmlFor={`${id}-o`}>{t('outcome')}</label>
      <select id={`${id}-o`} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
        {OUTCOMES.map((o) => <option key={o} value={o}>{t(o as StringKey)}</option>)}
      </select>
      {outcome === 'promised' && (
        <>
          <label htmlFor={`${id}-a`}>{t('promiseAmount')}</label>
          <input id={`${id}-a`} inputMode="numeric" pattern="[0-9]+" required value={amount} onChange={(e) => setAmount(e.target.value)} />
          <label htmlFor={`${id}-d`}>{t('promiseDue')}</label>
          <input id={`${id}-d`} type="date" required value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
        </>
      )}
      {outcome === 'plan_requested' && (
        <>
          <label htmlFor={`${id}-k`}>{t('planKind')}</label>
          <select id={`${id}-k`} value={planKind} onChange={(e) => setPlanKind(e.target.value as PlanKind)}>
            {PLAN_KINDS.map((k) => <option key={k} value={k}>{t(k)}</option>)}
          </select>
        </>
      )}
      <label htmlFor={`${id}-n`}>{t('note')}</label>
      <textarea id={`${id}-n`} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={save.isPending}>{t('save')}</button>
      {save.isSuccess && <p role="status">{t('saved')}</p>}
      <ProblemMessage error={save.error} />
    </form>
  );
}

function NoteForm({ item, onDone }: { item: WorkItem; onDone: () => void }) {
  const [, t] = useLanguage();
  const [note, setNote] = useState('');
  const add = useMutation({
    mutationFn: () => ok(api.POST('/v1/desk/cases/{id}/notes', { params: { path: { id: item.caseId } }, body: { note: note.trim() } })),
    onSuccess: () => {
      setNote('');
      onDone();
    },
  });
  const id = `note-${item.caseId}`;
  return (
    <form
      className="stack"
      aria-label={t('addNote')}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <label htmlFor={id}>{t('addNote')}</label>
      <textarea id={id} required value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={add.isPending || !note.trim()}>{t('addNote')}</button>
      {add.isSuccess && <p role="status">{t('saved')}</p>}
      <ProblemMessage error={add.error} />
    </form>
  );
}

function Row({ item, person }: { item: WorkItem; person: Person }) {
  const [, t] = useLanguage();
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['work-items'] });
  const [reason, setReason] = useState('');
  const accept = useMutation({ mutationFn: () => ok(api.POST('/v1/desk/cases/{id}/accept', { params: { path: { id: item.caseId } } })), onSuccess: refresh });
  const decline = useMutation({ mutationFn: () => ok(api.POST('/v1/desk/cases/{id}/decline', { params: { path: { id: item.caseId } }, body: { reason } })), onSuccess: refresh });
  const mayReadCase = mayCall(person.roles, 'GET /v1/recovery/cases/{caseId}');
  return (
    <li className="card" data-case={item.caseId}>
      <div className="row">
        <strong>{t('loan')} {item.loanId.slice(0, 8)}</strong>
        <span>{t('priority')}: {item.priority}</span>
        <span>{t('status')}: {t(item.status)}</span>
        <span>{t('opened')}: {when(item.openedAt)}</span>
        {item.slaBreaches > 0 && <span className="warn">{t('slaBreaches')}: {item.slaBreaches}</span>}
        {mayReadCase && <a href={href(`/cases/${item.workflowId}`)}>{t('openCase')}</a>}
      </div>
      {item.status === 'open' && (
        <div className="row">
          <button type="button" onClick={() => accept.mutate()} disabled={accept.isPending}>{t('accept')}</button>
          <label>
            {t('declineReason')} <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" onClick={() => decline.mutate()} disabled={decline.isPending || !reason.trim()}>{t('decline')}</button>
        </div>
      )}
      {item.status === 'accepted' && (
        <>
          {/* Shown only to the roles with calls:assist; the call is the case's, as on the case view. */}
          <CallAssist target={{ caseId: item.caseId }} />
          <OutcomeForm item={item} onDone={refresh} />
          {mayCall(person.roles, 'POST /v1/desk/cases/{id}/notes') && <NoteForm item={item} onDone={refresh} />}
          {mayCall(person.roles, 'POST /v1/loans/{loanId}/arrangements') && (
            <details>
              <summary>{t('propose')}</summary>
              <ArrangementForm loanId={item.loanId} />
            </details>
          )}
        </>
      )}
      <ProblemMessage error={accept.error ?? decline.error} />
    </li>
  );
}

/** The work items handed to me (a collector) or my agency, highest priority first. */
export function Queue({ person }: { person: Person }) {
  const [, t] = useLanguage();
  // The desk answers as the caller: a collector's own queue, an agency's placed cases.
  const items = useQuery({
    queryKey: ['work-items', person.username],
    queryFn: () => ok(api.GET('/v1/desk/queue', { params: { query: { limit: 100 } } })),
  });
  return (
    <QueryState query={items}>
      {(data) => {
        const list = ((data.items ?? []) as WorkItem[]).filter((i) => i.status !== 'closed').sort((a, b) => b.priority - a.priority);
        return list.length === 0 ? <p>{t('empty')}</p> : <ul className="cards">{list.map((i) => <Row key={i.caseId} item={i} person={person} />)}</ul>;
      }}
    </QueryState>
  );
}

/** Open cases nobody holds that my skills fit: picking one up makes it mine. */
function Available({ person }: { person: Person }) {
  const [, t] = useLanguage();
  const client = useQueryClient();
  const items = useQuery({
    queryKey: ['work-items', 'available', person.username],
    queryFn: () => ok(api.GET('/v1/desk/available', { params: { query: { limit: 50 } } })),
  });
  const pickUp = useMutation({
    mutationFn: (id: string) => ok(api.POST('/v1/desk/cases/{id}/pick-up', { params: { path: { id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['work-items'] }),
  });
  return (
    <section aria-labelledby="available-h">
      <h2 id="available-h">{t('available')}</h2>
      <QueryState query={items}>
        {(data) =>
          (data.items ?? []).length === 0 ? (
            <p>{t('availableEmpty')}</p>
          ) : (
            <ul className="cards">
              {(data.items ?? []).map((i) => (
                <li key={i.caseId} className="card row" data-case={i.caseId}>
                  <strong>{t('loan')} {(i.loanId ?? '').slice(0, 8)}</strong>
                  <span>{t('queue')}: {i.queue}</span>
                  <span>{t('priority')}: {i.priority}</span>
                  <button type="button" onClick={() => pickUp.mutate(i.caseId ?? '')} disabled={pickUp.isPending}>{t('pickUp')}</button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <ProblemMessage error={pickUp.error} />
    </section>
  );
}

export function LanguagePicker() {
  const [language, t] = useLanguage();
  return (
    <label>
      {t('language')}{' '}
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {Object.entries(LANGUAGES).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
      </select>
    </label>
  );
}

export function Desk({ person }: { person: Person }) {
  const [language, t] = useLanguage();
  return (
    <div lang={language}>
      <div className="row spread">
        <h1>{t('deskTitle')}</h1>
        <LanguagePicker />
      </div>
      <p>{t('deskIntro')}</p>
      <Queue person={person} />
      {mayCall(person.roles, 'GET /v1/desk/available') && mayCall(person.roles, 'POST /v1/desk/cases/{id}/pick-up') && <Available person={person} />}
    </div>
  );
}
