import { html } from 'lit-html';
import { addressForm } from '../address-form';
import { client, settle } from '../client';
import { getLang, t } from '../i18n';
import type { PageFactory } from '../router';

export const signInPage: PageFactory = (ctx) => {
  const form = addressForm({
    send: (email) => settle(client.POST('/api/auth/sign-in', { body: { email, language: getLang() } })),
    // Same confirmation whatever the address, so accounts cannot be probed.
    sent: () => t('signIn.sent'),
    update: () => ctx.update(),
  });

  return {
    title: () => t('signIn.title'),
    view: () => html`<p class="lead">${t('signIn.intro')}</p>
      ${form.view({ id: 'sign-in-email', label: t('signIn.email'), button: t('signIn.submit'), statusInside: true })}`,
  };
};
