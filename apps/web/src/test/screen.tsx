// What the screens' component tests share: rendering inside a query client that does not retry,
// a signed-in person with given roles, a problem+json body as the API shapes one, and the error
// message an input points to (the field-level errors of ui/FieldError.tsx).
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { expect } from 'vitest';
import type { Person } from '../auth/session.ts';

export const wrap = (node: ReactNode) => render(<QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>{node}</QueryClientProvider>);

export const person = (roles: string[], username = roles[0] ?? 'u'): Person => ({ username, subject: username, name: username, roles, expiresAt: Date.now() + 60_000 });

export const problem = (status: number, title: string, errors: { field: string; message: string }[] = []) => ({ type: 'about:blank', title, status, ...(errors.length ? { errors } : {}) });

/** The message shown at an input: what its aria-describedby points to. */
export function errorAt(input: HTMLElement): string | null {
  expect(input.getAttribute('aria-invalid')).toBe('true');
  const id = input.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}
