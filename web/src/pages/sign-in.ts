import { html } from 'lit-html';
import { api, describeFailure, type FieldErrors } from '../api';
import { getLang, t } from '../i18n';
import type { PageFactory } from '../router';
import { alertBox, focusFirstInvalid, inputField, restoreFocus, statusRegion } from '../ui';

export const signInPage: PageFactory = (ctx) => {
  let email = '';
  let errors: FieldErrors = {};
  let error: string | null = null;
  let status: string | null = null;
  let sending = false;

  async function submit(form: HTMLFormElement): Promise<void> {
    sending = true;
    errors = {};
    error = null;
    status = null;
    ctx.update();
    const result = await api<{ message: string }>('/api/auth/sign-in', {
      method: 'POST',
      body: { email: email.trim(), language: getLang() },
    });
    sending = false;
    if (result.ok) {
      // Same confirmation whatever the address, so accounts cannot be probed.
      status = t('signIn.sent');
    } else {
      ({ errors, message: error } = describeFailure(result, ['email'], { 429: 'signIn.tooMany' }));
    }
    ctx.update();
    if (!result.ok) focusFirstInvalid(form);
    restoreFocus(form);
  }

  return {
    title: () => t('signIn.title'),
    view: () => html`<p class="lead">${t('signIn.intro')}</p>
      <form
        class="form narrow"
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          if (!sending) void submit(e.currentTarget as HTMLFormElement);
        }}
      >
        ${alertBox(error)}
        ${inputField({
          id: 'sign-in-email',
          name: 'email',
          label: t('signIn.email'),
          type: 'email',
          value: email,
          errors,
          required: true,
          autocomplete: 'email',
          onInput: (value) => (email = value),
        })}
        <div class="actions">
          <button type="submit" ?disabled=${sending}>${t('signIn.submit')}</button>
        </div>
        ${statusRegion(status)}
      </form>`,
  };
};
