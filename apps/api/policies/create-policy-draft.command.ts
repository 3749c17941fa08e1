export interface CreatePolicyDraftCommand {
  /** the document as JSON, or */
  document?: Record<string, unknown>;
  /** the document as YAML or JSON text */
  source?: string;
  author: string;
  /** the version it was written against; the active one when left out */
  basedOn?: number;
}
