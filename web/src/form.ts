import { describeFailure, type ApiResult, type FieldErrors, type FieldNormaliser, type Problem } from './api';
import { t, type MessageKey } from './i18n';
import { followSession } from './page';
import { focusFirstInvalid, restoreFocus } from './ui';

/**
 * The submit flow the forms share: clear the last errors → mark the form as sending → send → on success let the
 * page move on; on failure put each error beside its field and the rest in one message, reload the session if it
 * ended, and move focus to the first field to fix.
 */

/** What a form shows about its last submission. */
export interface FormState {
  errors: FieldErrors;
  /** The message for the form as a whole (an alert above it). */
  error: string | null;
  sending: boolean;
}

export function formState(): FormState {
  return { errors: {}, error: null, sending: false };
}

/** Before sending: no errors shown, the submit button busy. */
export function beginSubmit(state: FormState): void {
  state.errors = {};
  state.error = null;
  state.sending = true;
}

/** After a failed submission: errors beside the fields the form has, the rest in the form's message. */
export function failSubmit(
  state: FormState,
  result: { status: number; problem: Problem | null },
  fields: readonly string[],
  options: { overrides?: Partial<Record<number, MessageKey>>; normalise?: FieldNormaliser } = {},
): void {
  state.sending = false;
  ({ errors: state.errors, message: state.error } = describeFailure(result, [...fields], options.overrides, options.normalise));
}

/**
 * The form's own check found errors before anything was sent: show them as the server's would be shown.
 * Returns true when there were any (the caller then does not send).
 */
export function refuseInvalid(state: FormState, form: HTMLFormElement | null, errors: FieldErrors, update: () => void): boolean {
  state.errors = errors;
  state.error = null;
  if (!Object.keys(errors).length) return false;
  state.error = t('error.checkFields');
  update();
  focusFirstInvalid(form);
  return true;
}

export interface SubmitOptions<T> {
  /** The request itself. */
  send: () => Promise<ApiResult<T>>;
  /** The form's field names, to tell field errors from the rest. */
  fields: readonly string[];
  /** Re-render the page. */
  update: () => void;
  /**
   * The answer was a success: take the saved record, or navigate away (then return 'left'). Returning false treats
   * it as a failure (an answer without what the page needs).
   */
  done: (result: Extract<ApiResult<T>, { ok: true }>) => false | 'left' | void;
  /** After a failure has been put in the state: a page's own reading of it (a 409 the server explains best). */
  failed?: (result: Extract<ApiResult<T>, { ok: false }>) => void;
  overrides?: Partial<Record<number, MessageKey>>;
  normalise?: FieldNormaliser;
}

/** One submission, start to end; resolves with the API's answer. */
export async function submitForm<T>(
  state: FormState,
  form: HTMLFormElement | null,
  options: SubmitOptions<T>,
): Promise<ApiResult<T>> {
  beginSubmit(state);
  options.update();
  const result = await options.send();
  state.sending = false;
  if (result.ok) {
    const outcome = options.done(result);
    if (outcome === 'left') return result;
    if (outcome !== false) {
      options.update();
      restoreFocus(form);
      return result;
    }
    state.error = t('error.generic');
  } else {
    failSubmit(state, result, options.fields, options);
    options.failed?.(result);
    followSession(result);
  }
  options.update();
  focusFirstInvalid(form);
  restoreFocus(form);
  return result;
}
