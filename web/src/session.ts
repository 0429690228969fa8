import { api } from './api';

export type Role = 'coordinator' | 'partner';

export type Me =
  | { signedIn: false }
  | { signedIn: true; email: string; role: Role; organisationId: string | null; organisationName?: string | null };

/** null while the first GET /api/me is in flight. */
let me: Me | null = null;
/** Bumped on every change, so a slow GET /api/me cannot overwrite a newer state. */
let version = 0;
const listeners = new Set<() => void>();

export function getMe(): Me | null {
  return me;
}

export function isCoordinator(): boolean {
  return !!me && me.signedIn && me.role === 'coordinator';
}

/** Signed in as a partner editor or a coordinator: may edit practices. */
export function isEditor(): boolean {
  return !!me && me.signedIn;
}

export function setMe(value: Me): void {
  version++;
  me = value.signedIn ? value : { signedIn: false };
  listeners.forEach((fn) => fn());
}

export function onSessionChange(fn: () => void): void {
  listeners.add(fn);
}

/** Load the session; when the API is unreachable, treat the visitor as signed out. */
export async function loadMe(): Promise<void> {
  const started = version;
  const result = await api<Me>('/api/me');
  if (version !== started) return;
  setMe(result.ok && result.data && typeof result.data === 'object' ? result.data : { signedIn: false });
}

export async function signOut(): Promise<boolean> {
  const result = await api<void>('/api/auth/sign-out', { method: 'POST' });
  if (result.ok || result.status === 401) {
    setMe({ signedIn: false });
    return true;
  }
  return false;
}
