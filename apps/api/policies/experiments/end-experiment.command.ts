export interface EndExperimentCommand {
  id: string;
  /** who ends it */
  by: string;
}
