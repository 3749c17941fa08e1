export interface RefundUnappliedCashCommand {
  id: string;
  requestedBy: string | null;
}
