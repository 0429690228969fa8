import { html } from 'lit-html';
import { client, settle } from '../client';
import { formState, submitForm } from '../form';
import { getLang, t } from '../i18n';
import type { PageFactory } from '../router';
import { alertBox, inputField, statusRegion } from '../ui';

export const signInPage: PageFactory = (ctx) => {
  let email = '';
  let status: string | null = null;
  const state = formState();

  function submit(form: HTMLFormElement): Promise<unknown> {
    status = null;
    return submitForm(state, form, {
      send: () => settle(client.POST('/api/auth/sign-in', { body: { email: email.trim(), language: getLang() } })),
      fields: ['email'],
      overrides: { 429: 'signIn.tooMany' },
      update: () => ctx.update(),
      done: () => {
        // Same confirmation whatever the address, so accounts cannot be probed.
        status = t('signIn.sent');
      },
    });
  }

  return {
    title: () => t('signIn.title'),
    view: () => html`<p class="lead">${t('signIn.intro')}</p>
      <form
        class="form narrow"
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          if (!state.sending) void submit(e.currentTarget as HTMLFormElement);
        }}
      >
        ${alertBox(state.error)}
        ${inputField({
          id: 'sign-in-email',
          name: 'email',
          label: t('signIn.email'),
          type: 'email',
          value: email,
          errors: state.errors,
          required: true,
          autocomplete: 'email',
          onInput: (value) => (email = value),
        })}
        <div class="actions">
          <button type="submit" ?disabled=${state.sending}>${t('signIn.submit')}</button>
        </div>
        ${statusRegion(status)}
      </form>`,
  };
};
