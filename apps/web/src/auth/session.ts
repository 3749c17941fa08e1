// Who is signed in: the access token (kept for this tab only, in sessionStorage) and what its
// claims say (name, roles, agency). The claims are only read here, to choose what to show; the
// API verifies the token on every call.
import { useSyncExternalStore } from 'react';

export interface Person {
  username: string;
  /** the token's subject: what the API records as who did something (an approval's proposedBy) */
  subject?: string;
  name: string;
  roles: string[];
  agencyId?: string;
  expiresAt: number;
}

const KEY = 'credence.token';
const listeners = new Set<() => void>();
let cached: { token: string | null; person: Person | null } = { token: null, person: null };

function storage(): Storage | undefined {
  return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function claimsOf(token: string): Person | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const roles = Array.isArray(json.roles) ? json.roles.filter((r): r is string => typeof r === 'string') : [];
    return {
      username: text(json.preferred_username) || text(json.sub),
      subject: text(json.sub),
      name: text(json.name) || text(json.sub),
      roles,
      ...(typeof json.agency_id === 'string' ? { agencyId: json.agency_id } : {}),
      expiresAt: typeof json.exp === 'number' ? json.exp * 1000 : 0,
    };
  } catch {
    return null;
  }
}

function read(): typeof cached {
  const token = storage()?.getItem(KEY) ?? null;
  if (token === cached.token) return cached;
  const person = token ? claimsOf(token) : null;
  cached = person && person.expiresAt > Date.now() ? { token, person } : { token: null, person: null };
  return cached;
}

function changed(): void {
  for (const listener of listeners) listener();
}

export const session = {
  token: (): string | null => read().token,
  person: (): Person | null => read().person,
  signIn: (token: string): void => {
    storage()?.setItem(KEY, token);
    changed();
  },
  signOut: (): void => {
    storage()?.removeItem(KEY);
    changed();
  },
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function usePerson(): Person | null {
  return useSyncExternalStore(session.subscribe, session.person, () => null);
}
