// Escalating a case, as the API has it: placing the case's hand-off (its work item,
// case-<workflowId>) with an outside agency by hand (POST /v1/agencies/{agencyId}/placements,
// agencies:place: ops and admin). The API takes it from a collector, never from another agency, and
// answers 201 even when it could not place the case, listing it under notPlaced with why; that is
// said in words here. Problems about the agency chosen (its ID, no such agency, not active) are
// shown at the agency field.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiProblem, ok } from '../api/client.ts';
import { apiFieldError, FieldError, invalidProps, useFocusFirstInvalid, withoutShownFields } from '../ui/FieldError.tsx';
import { ProblemMessage } from '../ui/QueryState.tsx';

/** Why the API did not place a case (NOT_PLACED_REASONS), for the person who asked. */
export const NOT_PLACED: Record<string, string> = {
  not_found: 'the case has no hand-off yet (its policy has not handed it to a person)',
  closed: 'its hand-off is closed',
  already_with_agency: 'it is with this agency already',
  with_another_agency: 'it is with another agency: recall it from that agency first',
  missing_skills: 'the agency lacks a skill the case needs',
  rejected_by_agency: 'the agency declined or rejected it before',
  no_room: 'the agency has no room under its capacity',
  no_account: 'the case has no account to place',
};

interface Assignee {
  id?: string;
  name?: string;
  kind?: string;
  active?: boolean;
}

export function EscalateCase({ workflowId }: { workflowId: string }) {
  const client = useQueryClient();
  const caseId = `case-${workflowId}`;
  const [agencyId, setAgencyId] = useState('');
  const [checked, setChecked] = useState<{ agencyId?: string }>({});
  const assignees = useQuery({ queryKey: ['assignees'], queryFn: () => ok(api.GET('/v1/recovery/assignees', {})) });
  const agencies = ((assignees.data?.items ?? []) as Assignee[]).filter((a): a is Assignee & { id: string } => a.kind === 'agency' && a.active !== false && typeof a.id === 'string');
  const place = useMutation({
    mutationFn: (agency: string) => ok(api.POST('/v1/agencies/{agencyId}/placements', { params: { path: { agencyId: agency } }, body: { caseIds: [caseId] } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['case', workflowId] }),
  });
  // 404 (no such agency) and 409 (not active) name no field but are about the agency chosen.
  const aboutAgency = place.error instanceof ApiProblem && (place.error.status === 404 || place.error.status === 409) ? place.error.message : undefined;
  const agencyError = checked.agencyId ?? apiFieldError(place.error, 'agencyId') ?? apiFieldError(place.error, 'caseIds') ?? aboutAgency;
  const formRef = useFocusFirstInvalid(checked, place.error);
  const placed = place.data?.cases.some((c) => c.caseId === caseId) ?? false;
  const refused = place.data?.notPlaced.find((c) => c.caseId === caseId);
  const submit = () => {
    const missing = agencyId ? undefined : 'choose an agency';
    setChecked(missing ? { agencyId: missing } : {});
    if (!missing) place.mutate(agencyId);
  };
  return (
    <form ref={formRef} className="stack" aria-label="Escalate to an agency" noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
      <label htmlFor="escalate-agency">Agency</label>
      <select id="escalate-agency" value={agencyId} onChange={(e) => setAgencyId(e.target.value)} {...invalidProps('escalate-agency', agencyError)}>
        <option value="">{assignees.isPending ? 'Loading…' : agencies.length === 0 ? 'No active agency' : 'Choose an agency'}</option>
        {agencies.map((a) => <option key={a.id} value={a.id}>{a.name ?? a.id}</option>)}
      </select>
      <FieldError id="escalate-agency" message={agencyError} />
      <button type="submit" disabled={place.isPending}>Place with the agency</button>
      {placed && <p role="status">Placed with {place.data?.agencyId} (placement {place.data?.placementId}): the agency accepts or rejects it.</p>}
      {refused && <p role="alert" className="error">Not placed: {NOT_PLACED[refused.reason] ?? refused.reason}.</p>}
      <ProblemMessage error={aboutAgency ? null : withoutShownFields(place.error, ['agencyId', 'caseIds'])} />
      <ProblemMessage error={assignees.error} />
    </form>
  );
}
