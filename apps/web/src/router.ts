// Screens are addressed after the # (/#/loans/<id>): the API serves one page at /, and no path of
// the app can shadow one of the API's.
import { useSyncExternalStore } from 'react';
import { SCREENS, type Screen } from './auth/access.ts';

export interface Route {
  screen: Screen | undefined;
  params: Record<string, string>;
}

export function match(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean);
  for (const screen of SCREENS) {
    const pattern = screen.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (pattern.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i] ?? '')), true) : p === parts[i]))) return { screen, params };
  }
  return { screen: undefined, params: {} };
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash, () => '');
}

export function href(path: string): string {
  return `#${path}`;
}
