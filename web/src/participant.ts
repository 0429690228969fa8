import { html, type TemplateResult } from 'lit-html';
import { api, type ApiResult } from './api';
import { t, useLang } from './i18n';
import { loadStateView, toLoadState, type LoadState } from './page';
import { alertBox } from './ui';

/**
 * Participants reach their pages with a signed link from a reminder e-mail, without an account.
 * The API answers 401 (expired), 403 (not valid) or 404 (visit gone) with a friendly problem;
 * the page shows its own translated words instead.
 */
export type LinkProblem = 'missing' | 'expired' | 'invalid' | 'unknown';

export function linkProblem(result: { ok: boolean; status: number }): LinkProblem | null {
  if (result.ok) return null;
  if (result.status === 401) return 'expired';
  if (result.status === 403) return 'invalid';
  if (result.status === 404) return 'unknown';
  return null;
}

/** A participant page's record: where every page's stands, or a link that does not open it. */
export type LinkLoadState<T> = LoadState<T> | { kind: 'link'; problem: LinkProblem };

/** The API's answer to a signed link: the link's own problem first (401, 403, 404), else as every page reads it. */
export function toLinkLoadState<T extends { language: string }>(result: ApiResult<T>): LinkLoadState<T> {
  const problem = linkProblem(result);
  if (problem) return { kind: 'link', problem };
  return toLoadState(result, (data) => !!data && typeof data === 'object');
}

/**
 * The participant's own language wins over the browser's on the first answer; the language switch still works
 * afterwards. Returns the function a page calls with each state it receives.
 */
export function participantLanguage(): (state: LinkLoadState<{ language: string }>) => void {
  let applied = false;
  return (state) => {
    if (applied || state.kind !== 'ready') return;
    applied = true;
    void useLang(state.value.language);
  };
}

/** Each state in its usual view; a failure that is not the link's offers to try again. */
export function linkLoadView<T>(state: LinkLoadState<T>, ready: (value: T) => TemplateResult, retry: () => void): TemplateResult {
  if (state.kind === 'link') return linkProblemView(state.problem);
  if (state.kind === 'error') {
    const again = html`<p><button type="button" class="secondary" @click=${retry}>${t('action.retry')}</button></p>`;
    return html`${alertBox(state.message)} ${again}`;
  }
  return loadStateView(state, { ready, missing: t('participant.unknownText') });
}

/** For a URL the page holds with its token; the documented paths go through the typed client. */
export function participantApi<T>(path: string, token: string, method: 'GET' | 'POST' = 'GET'): Promise<ApiResult<T>> {
  return api<T>(`${path}?token=${encodeURIComponent(token)}`, { method });
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
