export interface ValidatePolicyVersionCommand {
  version: number;
}
