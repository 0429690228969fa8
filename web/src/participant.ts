import { html, type TemplateResult } from 'lit-html';
import { api, type ApiResult } from './api';
import { t } from './i18n';

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
