import { html, nothing, type TemplateResult } from 'lit-html';
import type { ApiResult } from './api';
import { formState, submitForm } from './form';
import { alertBox, inputField, statusRegion } from './ui';

/**
 * A form that sends one e-mail address and then says, the same whatever the address, that a mail is on its way:
 * the sign-in link and a privacy request. Too many requests get the sign-in's own words.
 */
export function addressForm(options: {
  send: (email: string) => Promise<ApiResult<unknown>>;
  /** The confirmation, in the reader's language at the time it is shown. */
  sent: () => string;
  update: () => void;
}) {
  let email = '';
  let status: string | null = null;
  const state = formState();

  function submit(form: HTMLFormElement): Promise<unknown> {
    status = null;
    return submitForm(state, form, {
      send: () => options.send(email.trim()),
      fields: ['email'],
      overrides: { 429: 'signIn.tooMany' },
      update: options.update,
      done: () => {
        status = options.sent();
      },
    });
  }

  return {
    /** The form; the confirmation is announced inside it, or after it when the page puts `status()` there itself. */
    view(p: { id: string; label: string; button: string; labelledBy?: string; statusInside?: boolean }): TemplateResult {
      return html`<form
        class="form narrow"
        novalidate
        aria-labelledby=${p.labelledBy ?? nothing}
        @submit=${(e: Event) => {
          e.preventDefault();
          if (!state.sending) void submit(e.currentTarget as HTMLFormElement);
        }}
      >
        ${alertBox(state.error)}
        ${inputField({
          id: p.id,
          name: 'email',
          label: p.label,
          type: 'email',
          value: email,
          errors: state.errors,
          required: true,
          autocomplete: 'email',
          onInput: (value) => (email = value),
        })}
        <div class="actions"><button type="submit" ?disabled=${state.sending}>${p.button}</button></div>
        ${p.statusInside ? statusRegion(status) : nothing}
      </form>`;
    },
    status: () => statusRegion(status),
  };
}
