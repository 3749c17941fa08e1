// Skill-based routing of hand-off cases: a high-risk or high-balance account goes only to a
// certified collector or agency. The policy sets what counts (settings.certifiedHandoff); a case
// that meets it needs the `certified` skill on top of the ones its hand-off step names, and
// round-robin gives it only to an assignee holding every skill.
import type { PropensityBand } from '../recovery-segments.js';
import type { CertifiedHandoff } from './policy-document.js';

export const CERTIFIED_SKILL = 'certified';

export interface HandoffAccount {
  propensityBand: PropensityBand | null;
  /** outstanding, minor units of `currency` */
  balanceMinor: number;
  currency: string;
}

export function needsCertified(setting: CertifiedHandoff | undefined, account: HandoffAccount): boolean {
  if (!setting) return false;
  if (account.propensityBand !== null && (setting.propensityBands ?? []).includes(account.propensityBand)) return true;
  const from = setting.minBalanceMinor?.[account.currency];
  return from !== undefined && account.balanceMinor >= from;
}

/** The skills the case needs: its step's, and `certified` when the account calls for it. */
export function handoffSkills(stepSkills: readonly string[], setting: CertifiedHandoff | undefined, account: HandoffAccount): string[] {
  return needsCertified(setting, account) && !stepSkills.includes(CERTIFIED_SKILL) ? [...stepSkills, CERTIFIED_SKILL] : [...stepSkills];
}
