// Propose a repayment plan, a restructure or a settlement for a loan. The API applies one within
// the policy's limits at once (201) and keeps one beyond them for a second person (202, an
// approval): the answer's status code says which, and the screen says it the same way.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, ApiProblem } from '../api/client.ts';
import { useLanguage } from '../i18n/strings.ts';
import { href } from '../router.ts';
import { ProblemMessage } from '../ui/QueryState.tsx';

type Kind = 'plan' | 'restructure' | 'settlement';
interface Instalment {
  dueOn: string;
  amountMinor: string;
}

export interface ProposalAnswer {
  applied: boolean;
  approvalId: string;
}

export function proposalBody(kind: Kind, instalments: Instalment[], extraMonths: string, holidayMonths: string, aprBps: string, note: string) {
  const n = note.trim() ? { note: note.trim() } : {};
  if (kind === 'restructure') {
    return { kind, extraMonths: Number(extraMonths || 0), holidayMonths: Number(holidayMonths || 0), ...(aprBps.trim() ? { aprBps: Number(aprBps) } : {}), ...n };
  }
  return { kind, instalments: instalments.map((i) => ({ dueOn: i.dueOn, amountMinor: Number(i.amountMinor) })), ...n };
}

export function ArrangementForm({ loanId, onDone }: { loanId: string; onDone?: () => void }) {
  const [, t] = useLanguage();
  const [kind, setKind] = useState<Kind>('plan');
  const [instalments, setInstalments] = useState<Instalment[]>([{ dueOn: '', amountMinor: '' }]);
  const [extraMonths, setExtra] = useState('0');
  const [holidayMonths, setHoliday] = useState('0');
  const [aprBps, setApr] = useState('');
  const [note, setNote] = useState('');
  const propose = useMutation({
    mutationFn: async (): Promise<ProposalAnswer> => {
      const { data, error, response } = await api.POST('/v1/loans/{loanId}/arrangements', {
        params: { path: { loanId } },
        body: proposalBody(kind, instalments, extraMonths, holidayMonths, aprBps, note),
      });
      if (!response.ok || !data) throw new ApiProblem(response.status, error ?? {});
      return { applied: response.status === 201, approvalId: data.id };
    },
    onSuccess: onDone,
  });
  const id = `arr-${loanId}`;
  const setLine = (i: number, patch: Partial<Instalment>) => setInstalments((all) => all.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <form
      className="stack"
      aria-label={t('propose')}
      onSubmit={(e) => {
        e.preventDefault();
        propose.mutate();
      }}
    >
      <h3>{t('propose')}</h3>
      <label htmlFor={`${id}-k`}>{t('arrangementKind')}</label>
      <select id={`${id}-k`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        {(['plan', 'restructure', 'settlement'] as const).map((k) => <option key={k} value={k}>{t(k)}</option>)}
      </select>
      {kind === 'restructure' ? (
        <>
          <label htmlFor={`${id}-x`}>{t('extraMonths')}</label>
          <input id={`${id}-x`} inputMode="numeric" pattern="[0-9]+" required value={extraMonths} onChange={(e) => setExtra(e.target.value)} />
          <label htmlFor={`${id}-h`}>{t('holidayMonths')}</label>
          <input id={`${id}-h`} inputMode="numeric" pattern="[0-9]+" required value={holidayMonths} onChange={(e) => setHoliday(e.target.value)} />
          <label htmlFor={`${id}-r`}>{t('aprBps')}</label>
          <input id={`${id}-r`} inputMode="numeric" pattern="[0-9]*" value={aprBps} onChange={(e) => setApr(e.target.value)} />
        </>
      ) : (
        <fieldset>
          <legend>{t('instalments')}</legend>
          {instalments.map((l, i) => (
            <div className="row" key={i}>
              <label>
                {t('instalmentDue')} {i + 1} <input type="date" required value={l.dueOn} onChange={(e) => setLine(i, { dueOn: e.target.value })} />
              </label>
              <label>
                {t('instalmentAmount')} {i + 1} <input inputMode="numeric" pattern="[0-9]+" required value={l.amountMinor} onChange={(e) => setLine(i, { amountMinor: e.target.value })} />
              </label>
            </div>
          ))}
          <button type="button" onClick={() => setInstalments((all) => [...all, { dueOn: '', amountMinor: '' }])}>{t('addInstalment')}</button>
        </fieldset>
      )}
      <label htmlFor={`${id}-n`}>{t('note')}</label>
      <textarea id={`${id}-n`} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={propose.isPending}>{t('submitProposal')}</button>
      {propose.data && (
        <p role="status" data-applied={propose.data.applied}>
          {propose.data.applied ? t('applied') : <>{t('waiting')} <a href={href('/approvals')}>{propose.data.approvalId.slice(0, 8)}</a></>}
        </p>
      )}
      <ProblemMessage error={propose.error} />
    </form>
  );
}
