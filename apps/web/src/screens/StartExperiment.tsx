// Starting a champion/challenger experiment (POST /v1/policies/recovery/experiments): which
// version challenges the active one and what share of new delinquent episodes follow it. The share
// is asked in percent, as people think of it, and sent in basis points; what the form can tell
// before sending (not a version number, a share outside 0-100%) and the API's field errors (a
// version that does not exist or no longer validates) are shown at their fields.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client.ts';
import type { Person } from '../auth/session.ts';
import { apiFieldError, FieldError, invalidProps, useFocusFirstInvalid, withoutShownFields, type FieldErrors } from '../ui/FieldError.tsx';
import { ProblemMessage } from '../ui/QueryState.tsx';

/** StartExperimentDto's: a version is a positive int32; the note at most 500 characters. */
const VERSION = /^[1-9][0-9]{0,9}$/;
const MAX_VERSION = 2_147_483_647;
/** A percentage with at most two decimals: a whole number of basis points. */
const PERCENT = /^(?:100(?:\.0{1,2})?|[0-9]{1,2}(?:\.[0-9]{1,2})?)$/;
const NOTE_MAX = 500;

export function StartExperiment({ person, onStarted }: { person: Person; onStarted: (id: string) => void }) {
  const client = useQueryClient();
  const [version, setVersion] = useState('');
  const [share, setShare] = useState('20');
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState<FieldErrors>({});
  const start = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/policies/recovery/experiments', {
          body: { challengerVersion: Number(version.trim()), shareBps: Math.round(Number(share.trim()) * 100), by: person.username, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: (e) => {
      void client.invalidateQueries({ queryKey: ['experiments'] });
      onStarted(e.id);
    },
  });
  const errors = {
    challengerVersion: checked.challengerVersion ?? apiFieldError(start.error, 'challengerVersion'),
    shareBps: checked.shareBps ?? apiFieldError(start.error, 'shareBps'),
    note: checked.note ?? apiFieldError(start.error, 'note'),
  };
  const formRef = useFocusFirstInvalid(checked, start.error);
  const submit = () => {
    const v = version.trim();
    const found = {
      challengerVersion: VERSION.test(v) && Number(v) <= MAX_VERSION ? undefined : 'must be a version number (1 or more)',
      shareBps: PERCENT.test(share.trim()) ? undefined : 'must be a percentage from 0 to 100, at most two decimals',
      note: note.trim().length > NOTE_MAX ? `must be at most ${NOTE_MAX} characters` : undefined,
    };
    setChecked(found);
    if (!found.challengerVersion && !found.shareBps && !found.note) start.mutate();
  };
  return (
    <form ref={formRef} className="stack" aria-label="Start an experiment" noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <label htmlFor="exp-v">Challenger version</label>
      <input id="exp-v" inputMode="numeric" value={version} onChange={(e) => setVersion(e.target.value)} {...invalidProps('exp-v', errors.challengerVersion)} />
      <FieldError id="exp-v" message={errors.challengerVersion} />
      <label htmlFor="exp-share">Share of new delinquent episodes on the challenger (%)</label>
      <input id="exp-share" inputMode="decimal" value={share} onChange={(e) => setShare(e.target.value)} {...invalidProps('exp-share', errors.shareBps)} />
      <FieldError id="exp-share" message={errors.shareBps} />
      <label htmlFor="exp-note">What it asks (note)</label>
      <textarea id="exp-note" value={note} onChange={(e) => setNote(e.target.value)} {...invalidProps('exp-note', errors.note)} />
      <FieldError id="exp-note" message={errors.note} />
      <button type="submit" disabled={start.isPending}>Start</button>
      {start.isSuccess && <p role="status">Started: v{start.data.challengerVersion} takes {start.data.shareBps / 100}% of new delinquent episodes.</p>}
      <ProblemMessage error={withoutShownFields(start.error, ['challengerVersion', 'shareBps', 'note'])} />
    </form>
  );
}
