import type { Me as SessionAnswer } from './api/schema';
import { client, settle } from './client';

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
  const result = await settle(client.GET('/api/me'));
  if (version !== started) return;
  setMe(result.ok ? toMe(result.data) : { signedIn: false });
}

/** The API's answer as the site's session: signed in only with an address and a role the site knows. */
export function toMe(answer: SessionAnswer | null | undefined): Me {
  if (!answer || typeof answer !== 'object' || !answer.signedIn || !answer.email) return { signedIn: false };
  if (answer.role !== 'coordinator' && answer.role !== 'partner') return { signedIn: false };
  return {
    signedIn: true,
    email: answer.email,
    role: answer.role,
    organisationId: answer.organisationId ?? null,
    organisationName: answer.organisationName ?? null,
  };
}

export async function signOut(): Promise<boolean> {
  const result = await settle(client.POST('/api/auth/sign-out'));
  if (result.ok || result.status === 401) {
    setMe({ signedIn: false });
    return true;
  }
  return false;
}
