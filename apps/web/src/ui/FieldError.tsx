// A form's problems at the field they are about: the form's own checks (said before anything is
// sent) and the API's field-level errors (a problem's errors[].field), so a person sees what to fix
// next to the input rather than in a list under the form.
import { useEffect, useRef, type RefObject } from 'react';
import { ApiProblem } from '../api/client.ts';

export type FieldErrors = Record<string, string | undefined>;

/** The API's message for a field (or a field inside it, e.g. instalments.0.amountMinor), if any. */
export function apiFieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  return error.problem.errors?.find((e) => e.field === field)?.message;
}

/** What an input carries when it has a problem: aria-invalid, and its message as its description. */
export function invalidProps(id: string, message: string | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return message ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? <p id={`${id}-error`} className="field-error">{message}</p> : null;
}

/**
 * The ApiProblem whose field errors are all shown at their fields needs no list of them under the
 * form too: what is left is its title and detail.
 */
export function withoutShownFields(error: unknown, shown: readonly string[]): unknown {
  if (!(error instanceof ApiProblem) || !error.problem.errors?.length) return error;
  const rest = error.problem.errors.filter((e) => !shown.includes(e.field));
  return new ApiProblem(error.status, { ...error.problem, errors: rest });
}

/**
 * The form's ref: when a submit ends in problems (the form's own checks, `checked`, or the API's,
 * `apiError`: each a new value per attempt), focus moves to the first field marked invalid, so a
 * keyboard or screen-reader user lands on what to fix and hears its message (its description)
 * instead of staying on the button with nothing said (WCAG 3.3.1). Never on the first render.
 */
export function useFocusFirstInvalid(checked: unknown, apiError: unknown): RefObject<HTMLFormElement | null> {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [checked, apiError]);
  return form;
}
