export interface ActivatePolicyVersionCommand {
  version: number;
  /** who activates it, for the activation log */
  by: string;
  /**
   * Only answer that it is active, never activate it: the caller found it active and no second
   * person approved activating it, so if another activation retired it meanwhile it is refused.
   */
  onlyIfActive?: boolean;
}
