import { html, nothing, type TemplateResult } from 'lit-html';
import type { ApiResult } from './api';
import { beginSubmit, failSubmit, type FormState, type SubmitOptions } from './form';
import { followSession } from './page';
import { alertBox, focusFirstInvalid, restoreFocus } from './ui';

/**
 * The save of an edit page: the record goes back under the ETag it was read with, and a 409 or 412 that says someone
 * else saved first is not a mistake in the form: the page says so and offers to load their version.
 */

/** What an edit form shows: its last submission, whether that met a newer version, and a polite confirmation. */
export interface EditState extends FormState {
  stale: boolean;
  status: string | null;
}

export function editState(): EditState {
  return { errors: {}, error: null, sending: false, stale: false, status: null };
}

export interface EditOptions<T> extends SubmitOptions<T> {
  /** The message when someone else saved first. */
  staleMessage: string;
  /**
   * Whether a 409 means a newer version (the default) rather than a conflict of another kind, such as a name already
   * taken; asked after the failure, so it may read the record again. A 412 is always a newer version.
   */
  isStale?: (result: Extract<ApiResult<T>, { ok: false }>) => boolean | Promise<boolean>;
}

/** One save, start to end; resolves with the API's answer. */
export async function submitEdit<T>(
  state: EditState,
  form: HTMLFormElement | null,
  options: EditOptions<T>,
): Promise<ApiResult<T>> {
  beginSubmit(state);
  state.stale = false;
  state.status = null;
  options.update();
  const result = await options.send();
  if (result.ok) {
    state.sending = false;
    if (options.done(result) === 'left') return result;
  } else if (result.status === 412 || (result.status === 409 && (await (options.isStale?.(result) ?? true)))) {
    state.sending = false;
    state.stale = true;
    state.error = options.staleMessage;
  } else {
    failSubmit(state, result, options.fields, options);
    options.failed?.(result);
    followSession(result);
  }
  options.update();
  if (!result.ok) focusFirstInvalid(form);
  restoreFocus(form);
  return result;
}

/** The form's alert: its message, and after a newer version was met, the button that loads it. */
export function editAlert(
  state: Pick<EditState, 'error' | 'stale'>,
  reload: () => void,
  label: string,
  disabled = false,
): TemplateResult | typeof nothing {
  return alertBox(
    state.error,
    state.stale
      ? html`<p><button type="button" class="secondary" ?disabled=${disabled} @click=${() => reload()}>${label}</button></p>`
      : undefined,
  );
}
