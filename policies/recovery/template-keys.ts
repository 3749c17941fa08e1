// The template catalogue's keys a policy may name. Validation takes the catalogue as an input (the
// templates live in PostgreSQL and are read at the edge); these are the keys the default policy
// uses, which the template catalogue promises to carry in every language.
export interface TemplateCatalogue {
  /** keys of message templates (send and offer steps) */
  templates: readonly string[];
  /** keys of voice scripts (call steps) */
  scripts: readonly string[];
}

export const DEFAULT_TEMPLATE_KEYS = [
  'reminder',
  'gentle_reminder',
  'payment_reminder',
  'firm_reminder',
  'promise_broken',
  'restructure_offer',
  'flexible_schedule_offer',
  'promise_offer',
] as const;

export const DEFAULT_SCRIPT_KEYS = ['reminder_call', 'promise_broken_call'] as const;

export const DEFAULT_TEMPLATE_CATALOGUE: TemplateCatalogue = { templates: DEFAULT_TEMPLATE_KEYS, scripts: DEFAULT_SCRIPT_KEYS };
