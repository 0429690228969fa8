import type { ApiResult } from './api';
import { formState, submitForm, type FormState, type SubmitOptions } from './form';
import { t, type MessageKey } from './i18n';

/**
 * Saving a record the page holds a version of (If-Match): the shared submit flow, plus the one answer an edit page
 * reads its own way. A 409 or 412 (428: the version was not sent) says someone saved the record meanwhile; the form
 * keeps what was typed, shows no field errors, and the page offers to load the newer version.
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

/** One save of an edit form; `stale` is what the form says when the record changed meanwhile. */
export function saveRecord<T>(
  state: EditState,
  form: HTMLFormElement | null,
  options: SubmitOptions<T> & { stale: MessageKey },
): Promise<ApiResult<T>> {
  state.conflict = false;
  state.status = null;
  return submitForm(state, form, {
    ...options,
    failed: (result) => {
      if (isConflict(result.status)) {
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
