export interface StartExperimentCommand {
  challengerVersion: number;
  /** basis points of new episodes on the challenger, 0 to 10,000 */
  shareBps: number;
  by: string;
  note: string | null;
}
