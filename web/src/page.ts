import { html, type TemplateResult } from 'lit-html';
import { problemMessage, type ApiResult } from './api';
import { t } from './i18n';
import { loadMe } from './session';
import { alertBox, loading } from './ui';

/**
 * The page life cycle the pages share: a page that needs a record starts loading it on its first render
 * (after the sign-in guard lets it through, so a signed-out visitor triggers no request), shows one state
 * at a time, and reloads the session when the API says it has ended.
 */

/** Where a page's record stands. */
export type LoadState<T> =
  { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ready'; value: T };

/** A function that runs its body on the first call only: the page's "start loading when first shown". */
export function once(run: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    run();
  };
}

/** The API's answer as a load state: 404 is "missing", any other failure an error in the visitor's words. */
export function toLoadState<T>(result: ApiResult<T>, isValid: (data: T) => boolean = (data) => !!data): LoadState<T> {
  if (result.ok)
    return isValid(result.data) ? { kind: 'ready', value: result.data } : { kind: 'error', message: t('error.generic') };
  if (result.status === 404) return { kind: 'missing' };
  return { kind: 'error', message: problemMessage(result) };
}

/** A 401 or 403 means the session ended or changed: read it again, so the shell and guards follow. */
export function followSession(result: { ok: boolean; status: number }): void {
  if (!result.ok && (result.status === 401 || result.status === 403)) void loadMe();
}

/** The usual view of each state: a "loading" line, a notice, an alert, or the page's own content. */
export function loadStateView<T>(
  state: LoadState<T>,
  views: { ready: (value: T) => TemplateResult; missing: string; before?: TemplateResult },
): TemplateResult {
  const before = views.before ?? html``;
  switch (state.kind) {
    case 'loading':
      return html`${before}${loading()}`;
    case 'missing':
      return html`${before}<p class="notice">${views.missing}</p>`;
    case 'error':
      return html`${before}${alertBox(state.message)}`;
    case 'ready':
      return html`${before}${views.ready(state.value)}`;
  }
}
