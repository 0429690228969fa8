import { afterEach, beforeAll, vi } from 'vitest';
import { ready } from './i18n';

/** What the tests of the API clients share: the catalogue loaded first, and the real fetch back after each test. */
export function useStubbedFetch(): void {
  beforeAll(() => ready);
  afterEach(() => vi.unstubAllGlobals());
}

/** An answer as the API gives it: JSON, or problem details for a failure. */
export function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}
