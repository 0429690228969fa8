import { html, nothing, type TemplateResult } from 'lit-html';
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

/**
 * A page's record and the way to (re)load it: "loading" until the API answers, then the answer as a load state.
 * The page calls `load` when first shown (or through `once`) and again to retry.
 */
export class PageLoad<T> {
  state: LoadState<T> = { kind: 'loading' };
  private sequence = 0;

  constructor(
    private readonly send: () => Promise<ApiResult<T>>,
    private readonly update: () => void,
    private readonly isValid?: (data: T) => boolean,
  ) {}

  /**
   * Loads the record; an answer to an older call that arrives after a newer one is dropped. With `keep`, what is on
   * screen stays there until the answer arrives (a reload in another language, started while rendering).
   */
  async load(options: { keep?: boolean } = {}): Promise<ApiResult<T>> {
    const mine = ++this.sequence;
    if (!options.keep) {
      this.state = { kind: 'loading' };
      this.update();
    }
    const result = await this.send();
    if (mine !== this.sequence) return result;
    this.state = toLoadState(result, this.isValid);
    followSession(result);
    this.update();
    return result;
  }

  /** The record, once loaded. */
  get value(): T | null {
    return this.state.kind === 'ready' ? this.state.value : null;
  }
}

/** A failed load the visitor can try again: what failed (when the page names it), why, and a retry button. */
export function retryNotice(message: string, retry: () => void, lead?: string): TemplateResult {
  return html`<div class="notice" role="alert">
    ${lead ? html`<p><strong>${lead}</strong></p>` : nothing}
    <p>${message}</p>
    <p><button type="button" class="secondary" @click=${() => retry()}>${t('action.retry')}</button></p>
  </div>`;
}

export interface LoadStateViews<T> {
  ready: (value: T) => TemplateResult;
  missing: string;
  before?: TemplateResult;
  /** Offer a retry on an error (instead of a plain alert), with an optional lead line naming what failed. */
  retry?: () => void;
  errorLead?: string;
}

/** The usual view of each state: a "loading" line, a notice, an alert, or the page's own content. */
export function loadStateView<T>(state: LoadState<T>, views: LoadStateViews<T>): TemplateResult {
  const before = views.before ?? html``;
  switch (state.kind) {
    case 'loading':
      return html`${before}${loading()}`;
    case 'missing':
      return html`${before}<p class="notice">${views.missing}</p>`;
    case 'error':
      return html`${before}${views.retry ? retryNotice(state.message, views.retry, views.errorLead) : alertBox(state.message)}`;
    case 'ready':
      return html`${before}${views.ready(state.value)}`;
  }
}
