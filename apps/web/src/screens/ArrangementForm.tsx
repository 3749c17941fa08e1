// Propose a repayment plan, a restructure or a settlement for a loan. The API applies one within
// the policy's limits at once (201) and keeps one beyond them for a second person (202, an
// approval): the answer's status code says which, and the screen says it the same way.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, ApiProblem } from '../api/client.ts';
import { useLanguage } from '../i18n/strings.ts';
import { href } from '../router.ts';
import { apiFieldError, FieldError, invalidProps, useFocusFirstInvalid, withoutShownFields, type FieldErrors } from '../ui/FieldError.tsx';
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

const WHOLE = /^[0-9]{1,9}$/;
const POSITIVE = /^[1-9][0-9]{0,15}$/;
const NOTE_MAX = 1000;

/** The fields a proposal of this kind sends, by the names the API's field errors use. */
function fieldsOf(kind: Kind, instalments: readonly Instalment[]): string[] {
  if (kind === 'restructure') return ['extraMonths', 'holidayMonths', 'aprBps', 'note'];
  return ['instalments', ...instalments.flatMap((_, i) => [`instalments[${i}].dueOn`, `instalments[${i}].amountMinor`]), 'note'];
}

export function ArrangementForm({ loanId, onDone }: { loanId: string; onDone?: () => void }) {
  const [, t] = useLanguage();
  const [kind, setKind] = useState<Kind>('plan');
  const [instalments, setInstalments] = useState<Instalment[]>([{ dueOn: '', amountMinor: '' }]);
  const [extraMonths, setExtra] = useState('0');
  const [holidayMonths, setHoliday] = useState('0');
  const [aprBps, setApr] = useState('');
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState<FieldErrors>({});
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
  const fields = fieldsOf(kind, instalments);
  const errorAt = (field: string) => checked[field] ?? apiFieldError(propose.error, field);
  const formRef = useFocusFirstInvalid(checked, propose.error);
  // The form's own checks, said at their fields before anything is sent; the API's, after.
  const submit = () => {
    const found: FieldErrors = {};
    if (kind === 'restructure') {
      if (!WHOLE.test(extraMonths.trim())) found.extraMonths = t('wholeNumber');
      if (!WHOLE.test(holidayMonths.trim())) found.holidayMonths = t('wholeNumber');
      if (aprBps.trim() && !WHOLE.test(aprBps.trim())) found.aprBps = t('wholeNumber');
    } else {
      instalments.forEach((l, i) => {
        if (!l.dueOn) found[`instalments[${i}].dueOn`] = t('dateNeeded');
        if (!POSITIVE.test(l.amountMinor.trim())) found[`instalments[${i}].amountMinor`] = t('positiveMinorUnits');
      });
    }
    if (note.trim().length > NOTE_MAX) found.note = t('tooLong');
    setChecked(found);
    if (Object.values(found).every((m) => m === undefined)) propose.mutate();
  };
  const setLine = (i: number, patch: Partial<Instalment>) => setInstalments((all) => all.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <form ref={formRef}
      className="stack"
      aria-label={t('propose')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
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
          <input id={`${id}-x`} inputMode="numeric" required value={extraMonths} onChange={(e) => setExtra(e.target.value)} {...invalidProps(`${id}-x`, errorAt('extraMonths'))} />
          <FieldError id={`${id}-x`} message={errorAt('extraMonths')} />
          <label htmlFor={`${id}-h`}>{t('holidayMonths')}</label>
          <input id={`${id}-h`} inputMode="numeric" required value={holidayMonths} onChange={(e) => setHoliday(e.target.value)} {...invalidProps(`${id}-h`, errorAt('holidayMonths'))} />
          <FieldError id={`${id}-h`} message={errorAt('holidayMonths')} />
          <label htmlFor={`${id}-r`}>{t('aprBps')}</label>
          <input id={`${id}-r`} inputMode="numeric" value={aprBps} onChange={(e) => setApr(e.target.value)} {...invalidProps(`${id}-r`, errorAt('aprBps'))} />
          <FieldError id={`${id}-r`} message={errorAt('aprBps')} />
        </>
      ) : (
        <fieldset {...invalidProps(`${id}-i`, errorAt('instalments'))}>
          <legend>{t('instalments')}</legend>
          <FieldError id={`${id}-i`} message={errorAt('instalments')} />
          {instalments.map((l, i) => {
            const due = errorAt(`instalments[${i}].dueOn`);
            const amount = errorAt(`instalments[${i}].amountMinor`);
            return (
              <div className="row" key={i}>
                <label>
                  {t('instalmentDue')} {i + 1} <input type="date" required value={l.dueOn} onChange={(e) => setLine(i, { dueOn: e.target.value })} {...invalidProps(`${id}-d${i}`, due)} />
                </label>
                <FieldError id={`${id}-d${i}`} message={due} />
                <label>
                  {t('instalmentAmount')} {i + 1} <input inputMode="numeric" required value={l.amountMinor} onChange={(e) => setLine(i, { amountMinor: e.target.value })} {...invalidProps(`${id}-a${i}`, amount)} />
                </label>
                <FieldError id={`${id}-a${i}`} message={amount} />
              </div>
            );
          })}
          <button type="button" onClick={() => setInstalments((all) => [...all, { dueOn: '', amountMinor: '' }])}>{t('addInstalment')}</button>
        </fieldset>
      )}
      <label htmlFor={`${id}-n`}>{t('note')}</label>
      <textarea id={`${id}-n`} value={note} onChange={(e) => setNote(e.target.value)} {...invalidProps(`${id}-n`, errorAt('note'))} />
      <FieldError id={`${id}-n`} message={errorAt('note')} />
      <button type="submit" disabled={propose.isPending}>{t('submitProposal')}</button>
      {propose.data && (
        <p role="status" data-applied={propose.data.applied}>
          {propose.data.applied ? t('applied') : <>{t('waiting')} <a href={href('/approvals')}>{propose.data.approvalId.slice(0, 8)}</a></>}
        </p>
      )}
      <ProblemMessage error={withoutShownFields(propose.error, fields)} />
    </form>
  );
}
