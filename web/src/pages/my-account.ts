import { html, nothing, type TemplateResult } from 'lit-html';
import { navigate } from '../router';
import { problemMessage } from '../api';
import type { CoordinatorPreferences as Preferences, DigestSettingView } from '../api/schema';
import { client, settle } from '../client';
import { getLang, t } from '../i18n';
import { once } from '../page';
import type { PageFactory } from '../router';
import { getMe, isCoordinator, loadMe } from '../session';
import { alertBox, checkboxField, editorOnly, loading, statusRegion } from '../ui';

/** Who the signed-in person is here: their address, role and organisation; a coordinator also chooses their mail. */
export const myAccountPage: PageFactory = (ctx) => {
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void loadPreferences());
  let preferences: Preferences | null = null;
  let error: string | null = null;
  let status: string | null = null;
  let saving = false;

  async function loadPreferences(): Promise<void> {
    const result = await settle(client.GET('/api/me/preferences'));
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
    const result = await settle(client.PUT('/api/me/preferences', { body: { ...preferences, language: getLang() } }));
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

  // A partner organisation's daily digest of new comments on its practices and twinnings.
  let digest: Pick<DigestSettingView, 'digestOn' | 'etag'> | null = null;
  let digestStarted = false;
  let digestStatus: string | null = null;

  async function loadDigest(organisationId: string): Promise<void> {
    const result = await settle(
      client.GET('/api/discussion/settings/{organisationId}', { params: { path: { organisationId } } }),
    );
    digest = result.ok && result.data ? result.data : { digestOn: true, etag: null };
    ctx.update();
  }

  async function saveDigest(organisationId: string): Promise<void> {
    if (!digest) return;
    const result = await settle(
      client.PUT('/api/discussion/settings/{organisationId}', {
        params: { path: { organisationId }, header: { 'If-Match': digest.etag ?? undefined } },
        body: { digestOn: digest.digestOn },
      }),
    );
    if (result.ok && result.data) {
      digest = result.data;
      digestStatus = t('account.saved');
    } else if (!result.ok) digestStatus = problemMessage(result);
    ctx.update();
  }

  function digestChoice(organisationId: string | null): TemplateResult | typeof nothing {
    if (!organisationId) return nothing;
    if (!digestStarted) {
      digestStarted = true;
      void loadDigest(organisationId);
    }
    if (!digest) return loading();
    const d = digest;
    return html`<section aria-labelledby="account-comments">
      <h2 id="account-comments">${t('discussion.digestTitle')}</h2>
      ${statusRegion(digestStatus)}
      <form class="form" novalidate @submit=${(e: Event) => (e.preventDefault(), void saveDigest(organisationId))}>
        ${checkboxField({
          id: 'account-comment-digest',
          name: 'digestOn',
          label: t('discussion.digestLabel'),
          hint: t('discussion.digestHint'),
          checked: d.digestOn,
          errors: {},
          onChange: (checked) => (digest = { ...d, digestOn: checked }),
        })}
        <div class="actions"><button type="submit">${t('discussion.digestSave')}</button></div>
      </form>
    </section>`;
  }

  let confirmDelete = false;
  let deleting = false;
  let deleteError: string | null = null;

  async function deleteAccount(): Promise<void> {
    if (!confirmDelete) {
      deleteError = t('account.deleteNeedsConfirm');
      ctx.update();
      document.getElementById('account-delete-confirm')?.focus();
      return;
    }
    deleting = true;
    deleteError = null;
    ctx.update();
    const result = await settle(client.DELETE('/api/me'));
    deleting = false;
    if (result.ok) {
      await loadMe();
      navigate('/', { flash: 'flash.accountDeleted' });
      return;
    }
    deleteError = problemMessage(result);
    ctx.update();
  }

  function yourData(role: string): TemplateResult {
    return html`<section aria-labelledby="account-data">
        <h2 id="account-data">${t('account.privacyTitle')}</h2>
        <p>${t('account.downloadHint')}</p>
        <p><a class="button-link" href="/api/me/export" download="personal-data.zip">${t('account.download')}</a></p>
      </section>
      ${
        role === 'partner'
          ? html`<section aria-labelledby="account-delete">
            <h2 id="account-delete">${t('account.deleteTitle')}</h2>
            <p>${t('account.deleteText')}</p>
            ${alertBox(deleteError)}
            <form class="form" novalidate @submit=${(e: Event) => (e.preventDefault(), void deleteAccount())}>
              ${checkboxField({
                id: 'account-delete-confirm',
                name: 'confirm',
                label: t('account.deleteConfirm'),
                checked: confirmDelete,
                errors: {},
                onChange: (checked) => (confirmDelete = checked),
              })}
              <div class="actions"><button type="submit" class="danger" ?disabled=${deleting}>${t('account.deleteButton')}</button></div>
            </form>
          </section>`
          : nothing
      }`;
  }

  function body(): TemplateResult {
    const me = getMe();
    if (!me?.signedIn) return loading();
    return html`<dl class="facts account-facts">
        <div><dt>${t('account.email')}</dt><dd>${me.email}</dd></div>
        <div><dt>${t('account.role')}</dt><dd>${me.role === 'coordinator' ? t('role.coordinator') : t('role.partner')}</dd></div>
        ${
          me.role === 'partner'
            ? html`<div><dt>${t('account.organisation')}</dt><dd>${me.organisationName ?? me.organisationId ?? ''}</dd></div>`
            : nothing
        }
      </dl>
      <p>${me.role === 'coordinator' ? t('account.coordinatorText') : t('account.partnerText')}</p>
      ${mailChoices()} ${me.role === 'partner' ? digestChoice(me.organisationId) : nothing} ${yourData(me.role)}`;
  }

  return {
    title: () => t('account.title'),
    view: () => editorOnly(body),
  };
};
