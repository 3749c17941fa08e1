export interface DryRunPolicyVersionCommand {
  version: number;
  /** how many of the loans whose path changes to list */
  limit: number;
}
