import { html, type TemplateResult } from 'lit-html';
import { describeFailure, problemMessage, type ApiResult, type FieldErrors } from '../api';
import type { AuditEntry } from '../api/schema';
import { client, settle } from '../client';
import { formatDateTime, getLang, t, type MessageKey } from '../i18n';
import { once } from '../page';
import type { PageFactory } from '../router';
import { alertBox, checkboxField, coordinatorOnly, dataTable, inputField, loading, selectField, statusRegion } from '../ui';

const ACTIONS = [
  'invitation',
  'invitation-cancelled',
  'invitation-resent',
  'editor-removed',
  'organisation-created',
  'organisation-changed',
  'practice-published',
  'practice-unpublished',
  'essay-published',
  'essay-unpublished',
  'reminder-retried',
  'export',
  'erasure',
  'retention-settings',
] as const;

function actionLabel(action: string): string {
  return (ACTIONS as readonly string[]).includes(action) ? t(`audit.${action}` as MessageKey) : action;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The coordinator's privacy desk: requests about an address, the retention mark, and the audit log. */
export const adminPrivacyPage: PageFactory = (ctx) => {
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => {
    void loadSettings();
    void loadAudit();
  });
  let email = '';
  let keepEssay = false;
  let confirmErase = false;
  let errors: FieldErrors = {};
  let error: string | null = null;
  let status: string | null = null;
  let busy = false;
  let keepRecords: boolean | null = null;
  let keepStatus: string | null = null;
  let entries: AuditEntry[] | null = null;
  let auditError: string | null = null;
  let action = '';
  let from = isoDay(new Date(Date.now() - 30 * 86_400_000));
  let to = isoDay(new Date());

  async function loadSettings(): Promise<void> {
    const result = await settle(client.GET('/api/privacy/settings'));
    if (result.ok && result.data) keepRecords = result.data.keepProjectRecords;
    ctx.update();
  }

  async function loadAudit(): Promise<void> {
    auditError = null;
    const result = await settle(client.GET('/api/audit', { params: { query: { from, to, action: action || undefined } } }));
    if (result.ok && result.data) entries = result.data;
    else auditError = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  }

  /** One request about the person named in the form: the buttons busy meanwhile, its errors beside the e-mail, the audit read again after. */
  async function personRequest<T>(
    send: () => Promise<ApiResult<T>>,
    succeeded: (data: T) => void,
    noAnswer?: string,
  ): Promise<void> {
    busy = true;
    errors = {};
    error = null;
    status = null;
    ctx.update();
    const result = await send();
    busy = false;
    if (result.ok) succeeded(result.data);
    else if (result.status === 0 && noAnswer) error = noAnswer;
    else ({ errors, message: error } = describeFailure(result, ['email']));
    ctx.update();
    void loadAudit();
  }

  function exportData(): Promise<void> {
    // The answer is the zip itself.
    return personRequest(
      () =>
        settle(
          client.POST('/api/privacy/exports', {
            body: { email: email.trim() },
            headers: { Accept: 'application/zip, application/problem+json' },
            parseAs: 'blob',
          }),
        ),
      (zip) => {
        const url = URL.createObjectURL(zip);
        const link = document.createElement('a');
        link.href = url;
        link.download = 'personal-data.zip';
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        status = t('adminPrivacy.exported');
      },
      t('error.generic'),
    );
  }

  async function erase(): Promise<void> {
    if (!confirmErase) {
      errors = { confirm: [t('account.deleteNeedsConfirm')] };
      ctx.update();
      return;
    }
    await personRequest(
      () =>
        settle(
          client.POST('/api/privacy/erasures', {
            body: { email: email.trim(), keepEssayPublished: keepEssay, language: getLang() },
          }),
        ),
      () => {
        status = t('adminPrivacy.erased');
        confirmErase = false;
      },
    );
  }

  async function saveKeep(): Promise<void> {
    keepStatus = null;
    const result = await settle(client.PUT('/api/privacy/settings', { body: { keepProjectRecords: keepRecords } }));
    keepStatus = result.ok ? t('adminPrivacy.saved') : problemMessage(result);
    ctx.update();
    void loadAudit();
  }

  function requests(): TemplateResult {
    return html`<section aria-labelledby="privacy-requests">
      <h2 id="privacy-requests">${t('adminPrivacy.requestsTitle')}</h2>
      <p>${t('adminPrivacy.requestsHint')}</p>
      ${alertBox(error)}
      <form class="form narrow" novalidate @submit=${(e: Event) => e.preventDefault()}>
        ${inputField({ id: 'privacy-address', name: 'email', label: t('adminPrivacy.email'), type: 'email', value: email, errors, required: true, onInput: (v) => (email = v) })}
        <div class="actions"><button type="button" ?disabled=${busy} @click=${() => void exportData()}>${t('adminPrivacy.export')}</button></div>
        ${checkboxField({ id: 'privacy-keep-essay', name: 'keepEssayPublished', label: t('adminPrivacy.keepEssay'), checked: keepEssay, errors: {}, onChange: (c) => (keepEssay = c) })}
        ${checkboxField({ id: 'privacy-confirm', name: 'confirm', label: t('adminPrivacy.eraseConfirm'), checked: confirmErase, errors, onChange: (c) => (confirmErase = c) })}
        <div class="actions"><button type="button" class="danger" ?disabled=${busy} @click=${() => void erase()}>${t('adminPrivacy.erase')}</button></div>
      </form>
      ${statusRegion(status)}
    </section>`;
  }

  function retention(): TemplateResult {
    return html`<section aria-labelledby="privacy-keep">
      <h2 id="privacy-keep">${t('adminPrivacy.keepTitle')}</h2>
      ${
        keepRecords === null
          ? loading()
          : html`<form class="form" novalidate @submit=${(e: Event) => (e.preventDefault(), void saveKeep())}>
            ${checkboxField({
              id: 'privacy-keep-records',
              name: 'keepProjectRecords',
              label: t('adminPrivacy.keepLabel'),
              hint: t('adminPrivacy.keepHint'),
              checked: keepRecords,
              errors: {},
              onChange: (c) => (keepRecords = c),
            })}
            <div class="actions"><button type="submit">${t('adminPrivacy.save')}</button></div>
          </form>
          ${statusRegion(keepStatus)}`
      }
      <p><a href="/privacy">${t('nav.privacy')}</a></p>
    </section>`;
  }

  function audit(): TemplateResult {
    return html`<section aria-labelledby="privacy-audit">
      <h2 id="privacy-audit">${t('adminPrivacy.auditTitle')}</h2>
      <form class="form filters" novalidate @submit=${(e: Event) => (e.preventDefault(), void loadAudit())}>
        ${selectField({
          id: 'audit-action',
          name: 'action',
          label: t('adminPrivacy.action'),
          value: action,
          errors: {},
          placeholder: t('adminPrivacy.allActions'),
          options: ACTIONS.map((a) => ({ value: a, label: actionLabel(a) })),
          onChange: (v: string) => (action = v),
        })}
        ${inputField({ id: 'audit-from', name: 'from', label: t('adminPrivacy.from'), type: 'date', value: from, errors: {}, onInput: (v) => (from = v) })}
        ${inputField({ id: 'audit-to', name: 'to', label: t('adminPrivacy.to'), type: 'date', value: to, errors: {}, onInput: (v) => (to = v) })}
        <div class="actions"><button type="submit">${t('adminPrivacy.show')}</button></div>
      </form>
      ${alertBox(auditError)}
      ${
        entries === null
          ? loading()
          : entries.length === 0
            ? html`<p class="muted">${t('adminPrivacy.noEntries')}</p>`
            : dataTable<AuditEntry>(
                [
                  { label: t('adminPrivacy.when'), cell: (e) => formatDateTime(e.at) },
                  { label: t('adminPrivacy.who'), cell: (e) => e.actor },
                  { label: t('adminPrivacy.what'), cell: (e) => actionLabel(e.action) },
                  { label: t('adminPrivacy.target'), cell: (e) => e.target ?? '' },
                ],
                entries,
                t('adminPrivacy.auditTitle'),
              )
      }
    </section>`;
  }

  return {
    title: () => t('adminPrivacy.title'),
    view: () =>
      coordinatorOnly(() => {
        start();
        return html`${requests()} ${retention()} ${audit()}`;
      }),
  };
};
