// The collector desk (collectors and agencies, in English or Hindi): the work items handed to
// me, highest priority first; accept or decline; record a call's outcome (a promise with its
// amount and date). Large touch targets for a tablet in the field.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import { mayCall } from '../auth/access.ts';
import type { Person } from '../auth/session.ts';
import { LANGUAGES, setLanguage, useLanguage, type Language, type StringKey } from '../i18n/strings.ts';
import { href } from '../router.ts';
import { when } from '../ui/format.ts';
import { ProblemMessage, QueryState } from '../ui/QueryState.tsx';

const OUTCOMES = ['reached', 'no_answer', 'wrong_party', 'refused', 'promised', 'disputed', 'hardship', 'plan_requested'] as const;
type Outcome = (typeof OUTCOMES)[number];

interface WorkItem {
  caseId: string;
  loanId: string;
  queue: string;
  priority: number;
  status: 'open' | 'accepted' | 'closed';
  assigneeId: string | null;
  openedAt: string;
  slaBreaches: number;
}

function OutcomeForm({ item, me, onDone }: { item: WorkItem; me: string; onDone: () => void }) {
  const [, t] = useLanguage();
  const [outcome, setOutcome] = useState<Outcome>('reached');
  const [amount, setAmount] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/recovery/work-items/{id}/outcomes', {
          params: { path: { id: item.caseId } },
          body: { assigneeId: me, outcome, ...(note.trim() ? { note: note.trim() } : {}), ...(outcome === 'promised' ? { promise: { amountMinor: Number(amount), dueOn } } : {}) },
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
      <label htmlFor={`${id}-n`}>{t('note')}</label>
      <textarea id={`${id}-n`} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={save.isPending}>{t('save')}</button>
      {save.isSuccess && <p role="status">{t('saved')}</p>}
      <ProblemMessage error={save.error} />
    </form>
  );
}

function Row({ item, person }: { item: WorkItem; person: Person }) {
  const [, t] = useLanguage();
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['work-items'] });
  const [reason, setReason] = useState('');
  const accept = useMutation({ mutationFn: () => ok(api.POST('/v1/recovery/work-items/{id}/accept', { params: { path: { id: item.caseId } }, body: { assigneeId: person.username } })), onSuccess: refresh });
  const decline = useMutation({ mutationFn: () => ok(api.POST('/v1/recovery/work-items/{id}/decline', { params: { path: { id: item.caseId } }, body: { assigneeId: person.username, reason } })), onSuccess: refresh });
  const mayReadCase = mayCall(person.roles, 'GET /v1/recovery/cases/{caseId}');
  return (
    <li className="card" data-case={item.caseId}>
      <div className="row">
        <strong>{t('loan')} {item.loanId.slice(0, 8)}</strong>
        <span>{t('priority')}: {item.priority}</span>
        <span>{t('status')}: {t(item.status)}</span>
        <span>{t('opened')}: {when(item.openedAt)}</span>
        {item.slaBreaches > 0 && <span className="warn">{t('slaBreaches')}: {item.slaBreaches}</span>}
        {mayReadCase && <a href={href(`/cases/${item.caseId}`)}>{t('openCase')}</a>}
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
      {item.status === 'accepted' && <OutcomeForm item={item} me={person.username} onDone={refresh} />}
      <ProblemMessage error={accept.error ?? decline.error} />
    </li>
  );
}

export function Desk({ person }: { person: Person }) {
  const [language, t] = useLanguage();
  // An agency works the items placed with the agency; a collector those handed to them.
  const assignee = person.agencyId ?? person.username;
  const items = useQuery({
    queryKey: ['work-items', assignee],
    queryFn: () => ok(api.GET('/v1/recovery/work-items', { params: { query: { assignee, limit: 100 } } })),
  });
  return (
    <div lang={language}>
      <div className="row spread">
        <h1>{t('deskTitle')}</h1>
        <label>
          {t('language')}{' '}
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {Object.entries(LANGUAGES).map(([code, name]) => <option key={code} value={code}>{name}</option>)}
          </select>
        </label>
      </div>
      <p>{t('deskIntro')}</p>
      <QueryState query={items}>
        {(data) => {
          const list = ((data.items ?? []) as WorkItem[]).filter((i) => i.status !== 'closed').sort((a, b) => b.priority - a.priority);
          return list.length === 0 ? <p>{t('empty')}</p> : <ul className="cards">{list.map((i) => <Row key={i.caseId} item={i} person={person} />)}</ul>;
        }}
      </QueryState>
    </div>
  );
}
