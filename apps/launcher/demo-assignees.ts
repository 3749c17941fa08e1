// The demo users who work cases (apps/sandboxes/oidc/README.md) as assignees, so that a fresh
// `npm start` has a desk to sign in to: col-asha (a collector: her token's `sub` is her assignee
// ID) and the two demo agencies (an agency user acts as their agency's ID). Added only when the
// local issuer runs (no demo user exists otherwise) and only if absent: what ops changed stays.
// Waiting cases they now have room for are given out; the worker's relay tells their episodes.
import type { MikroORM } from '@mikro-orm/postgresql';
import { RecoveryCaseRepository, type Assignee } from '../../db/repositories/recovery-case.repository.js';
import { CERTIFIED_SKILL } from '../../policies/recovery/certified-handoff.js';
import { DEMO_AGENCIES } from '../sandboxes/oidc/local-issuer.js';

const [northstar, southgate] = DEMO_AGENCIES;

/** The default policy's hand-off skills (policies/recovery/default.policy.json) spread so each demo assignee gets cases. */
export const DEMO_ASSIGNEES: readonly Assignee[] = [
  { id: 'col-asha', name: 'Asha Rao', kind: 'collector', skills: ['negotiation', 'restructuring', CERTIFIED_SKILL], capacity: 25, active: true },
  { id: northstar.id, name: northstar.name, kind: 'agency', skills: ['negotiation', 'field', 'legal', CERTIFIED_SKILL], capacity: 200, active: true },
  { id: southgate.id, name: southgate.name, kind: 'agency', skills: ['negotiation', 'restructuring'], capacity: 200, active: true },
];

export async function seedDemoAssignees(orm: MikroORM): Promise<string[]> {
  const added: string[] = [];
  for (const assignee of DEMO_ASSIGNEES) if ((await new RecoveryCaseRepository(orm.em.fork()).addAssigneeIfAbsent(assignee)).added) added.push(assignee.id);
  return added;
}
