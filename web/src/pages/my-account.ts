import { html, nothing, type TemplateResult } from 'lit-html';
import { api, problemMessage } from '../api';
import { getLang, t } from '../i18n';
import { once } from '../page';
import type { PageFactory } from '../router';
import { getMe, isCoordinator } from '../session';
import { alertBox, checkboxField, editorOnly, loading, statusRegion } from '../ui';

interface Preferences {
  submissionMails: boolean;
  weeklyDigest: boolean;
  language: string;
}

/** Who the signed-in person is here: their address, role and organisation; a coordinator also chooses their mail. */
export const myAccountPage: PageFactory = (ctx) => {
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void loadPreferences());
  let preferences: Preferences | null = null;
  let error: string | null = null;
  let status: string | null = null;
  let saving = false;

  async function loadPreferences(): Promise<void> {
    const result = await api<Preferences>('/api/me/preferences');
    if (result.ok && result.data) preferences = result.data;
    else error = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  }

  async function save(): Promise<void> {
    if (!preferences) return;
    saving = true;
    status = null;
    error = null;
    ctx.update();
    // The mails go out in the language the coordinator uses the site in.
    const result = await api<Preferences>('/api/me/preferences', { method: 'PUT', body: { ...preferences, language: getLang() } });
    saving = false;
    if (result.ok && result.data) {
      preferences = result.data;
      status = t('account.saved');
    } else error = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  }

  function mailChoices(): TemplateResult | typeof nothing {
    if (!isCoordinator()) return nothing;
    start();
    if (!preferences) return error ? alertBox(error) : loading();
    const p = preferences;
    return html`<section aria-labelledby="account-mail">
      <h2 id="account-mail">${t('account.mailTitle')}</h2>
      ${alertBox(error)}
      <form class="form" novalidate @submit=${(e: Event) => (e.preventDefault(), void save())}>
        ${checkboxField({
          id: 'account-submissions',
          name: 'submissionMails',
          label: t('account.submissionMails'),
          hint: t('account.submissionMailsHint'),
          checked: p.submissionMails,
          errors: {},
          onChange: (checked) => (preferences = { ...p, submissionMails: checked }),
        })}
        ${checkboxField({
          id: 'account-digest',
          name: 'weeklyDigest',
          label: t('account.weeklyDigest'),
          hint: t('account.weeklyDigestHint'),
          checked: p.weeklyDigest,
          errors: {},
          onChange: (checked) => (preferences = { ...p, weeklyDigest: checked }),
        })}
        <div class="actions"><button type="submit" ?disabled=${saving}>${t('account.save')}</button></div>
      </form>
      ${statusRegion(status)}
    </section>`;
  }

  function body(): TemplateResult {
    const me = getMe();
    if (!me?.signedIn) return loading();
    return html`<dl class="facts account-facts">
        <div><dt>${t('account.email')}</dt><dd>${me.email}</dd></div>
        <div><dt>${t('account.role')}</dt><dd>${me.role === 'coordinator' ? t('role.coordinator') : t('role.partner')}</dd></div>
        ${me.role === 'partner'
          ? html`<div><dt>${t('account.organisation')}</dt><dd>${me.organisationName ?? me.organisationId ?? ''}</dd></div>`
          : nothing}
      </dl>
      <p>${me.role === 'coordinator' ? t('account.coordinatorText') : t('account.partnerText')}</p>
      ${mailChoices()}`;
  }

  return {
    title: () => t('account.title'),
    view: () => editorOnly(body),
  };
};
