export interface ActivatePolicyVersionCommand {
  version: number;
  /** who activates it, for the activation log */
  by: string;
}
