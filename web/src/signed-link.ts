import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage, type ApiResult } from './api';
import { t, useLang } from './i18n';
import { alertBox, loading } from './ui';

/**
 * The life cycle of a page reached by a signed link from a mail, without an account (a participant's essay or
 * reminders, a person's own data): it reads its record with the link's token, and the API's 401 (expired),
 * 403 (not valid) or 404 (gone) gets the page's own translated words rather than an error.
 */

export type LinkProblem = 'expired' | 'invalid' | 'unknown';

export function linkProblem(result: { ok: boolean; status: number }): LinkProblem | null {
  if (result.ok) return null;
  if (result.status === 401) return 'expired';
  if (result.status === 403) return 'invalid';
  if (result.status === 404) return 'unknown';
  return null;
}

/** Where such a page stands. */
export type LinkState<T> =
  { kind: 'loading' } | { kind: 'link'; problem: LinkProblem } | { kind: 'error'; message: string } | { kind: 'ready'; value: T };

/** Before anything is read: a link without a token is not valid, whatever else it says. */
export function initialLinkState<T>(token: string): LinkState<T> {
  return token ? { kind: 'loading' } : { kind: 'link', problem: 'invalid' };
}

/** The API's answer as the page's state: the link's problem, the record, or an error in the reader's words. */
export function toLinkState<T>(result: ApiResult<T>, isValid: (data: T) => boolean = (data) => !!data): LinkState<T> {
  const problem = linkProblem(result);
  if (problem) return { kind: 'link', problem };
  if (result.ok && isValid(result.data)) return { kind: 'ready', value: result.data };
  return { kind: 'error', message: result.ok ? t('error.generic') : problemMessage(result) };
}

/**
 * The participant's own language wins over the browser's on the first answer; the language switch still works
 * afterwards. Returns the function a page calls with each state it receives.
 */
export function participantLanguage(): (state: LinkState<{ language: string }>) => void {
  let applied = false;
  return (state) => {
    if (applied || state.kind !== 'ready') return;
    applied = true;
    void useLang(state.value.language);
  };
}

/** The usual view of each state; with `retry`, an error offers to try again. */
export function linkStateView<T>(
  state: LinkState<T>,
  views: { ready: (value: T) => TemplateResult; retry?: () => void },
): TemplateResult {
  switch (state.kind) {
    case 'loading':
      return loading();
    case 'link':
      return linkProblemView(state.problem);
    case 'error': {
      const retry = views.retry;
      return html`${alertBox(state.message)}${
        retry
          ? html`<p><button type="button" class="secondary" @click=${() => retry()}>${t('action.retry')}</button></p>`
          : nothing
      }`;
    }
    case 'ready':
      return views.ready(state.value);
  }
}

export function linkProblemView(problem: LinkProblem): TemplateResult {
  const title =
    problem === 'expired'
      ? t('participant.expiredTitle')
      : problem === 'unknown'
        ? t('participant.unknownTitle')
        : t('participant.invalidTitle');
  const text =
    problem === 'expired'
      ? t('participant.expiredText')
      : problem === 'unknown'
        ? t('participant.unknownText')
        : t('participant.invalidText');
  return html`<div class="notice link-problem">
    <h2>${title}</h2>
    <p>${text}</p>
    <p>${t('participant.askCoordinator')}</p>
  </div>`;
}
