import { html, nothing, type TemplateResult } from 'lit-html';
import type { ApiResult } from './api';
import { formState, submitForm, type FormState, type SubmitOptions } from './form';
import { t, type MessageKey } from './i18n';
import { alertBox } from './ui';

/**
 * Saving a record the page holds a version of (If-Match): the shared submit flow, plus the one answer an edit page
 * reads its own way. A 409 or 412 (428: the version was not sent) says someone saved the record meanwhile; that is not
 * a mistake in the form: it keeps what was typed, shows no field errors, and the page offers to load the newer version.
 */

export interface EditState extends FormState {
  /** The last save was refused because the record changed meanwhile. */
  conflict: boolean;
  /** The polite message after a save or a reload. */
  status: string | null;
}

export function editState(): EditState {
  return { ...formState(), conflict: false, status: null };
}

export function isConflict(status: number): boolean {
  return status === 409 || status === 412 || status === 428;
}

export interface EditOptions<T> extends SubmitOptions<T> {
  /** What the form says when the record changed meanwhile. */
  stale: MessageKey;
  /**
   * Whether a 409 means a newer version (the default) rather than a conflict of another kind, such as a name already
   * taken; asked after the failure, so it may read the record again. A 412 or 428 is always a newer version.
   */
  isStale?: (result: Extract<ApiResult<T>, { ok: false }>) => boolean | Promise<boolean>;
}

/** One save of an edit form; resolves with the API's answer. `failed` runs after a conflict too (`state.conflict`). */
export function saveRecord<T>(state: EditState, form: HTMLFormElement | null, options: EditOptions<T>): Promise<ApiResult<T>> {
  state.conflict = false;
  state.status = null;
  let conflict = false;
  return submitForm(state, form, {
    ...options,
    // Decided before the shared flow reads the failure, while the form still shows it is sending.
    send: async () => {
      const result = await options.send();
      conflict =
        !result.ok && isConflict(result.status) && (result.status !== 409 || (await (options.isStale?.(result) ?? true)));
      return result;
    },
    failed: (result) => {
      if (conflict) {
        state.conflict = true;
        state.errors = {};
        state.error = t(options.stale);
      }
      options.failed?.(result);
    },
  });
}

/** After the newer version was loaded: nothing of the refused save is shown any more. */
export function clearConflict(state: EditState, status: string): void {
  state.errors = {};
  state.error = null;
  state.conflict = false;
  state.status = status;
}

/** The form's alert: its message, and after a newer version was met, the button that loads it. */
export function editAlert(
  state: Pick<EditState, 'error' | 'conflict'>,
  reload: () => void,
  label: string,
  disabled = false,
): TemplateResult | typeof nothing {
  return alertBox(
    state.error,
    state.conflict
      ? html`<p><button type="button" class="secondary" ?disabled=${disabled} @click=${() => reload()}>${label}</button></p>`
      : undefined,
  );
}
