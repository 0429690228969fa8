import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage, type ApiResult } from './api';
import { t } from './i18n';
import { linkProblem, linkProblemView, type LinkProblem } from './participant';
import { alertBox, loading } from './ui';

/**
 * The life cycle of a page reached by a signed link from a mail, without an account: it reads its record with the
 * link's token, and an expired, forged or outdated link gets the page's own words rather than an error.
 */

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
