export interface GetUnappliedCashCommand {
  id: string;
}
