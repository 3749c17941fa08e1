export interface GetPolicyVersionCommand {
  version: number;
}
