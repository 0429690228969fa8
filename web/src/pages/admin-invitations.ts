import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage, type ApiResult } from '../api';
import type { EditorDto, InvitationDto, InvitationsOverview } from '../api/schema';
import { client, settle } from '../client';
import { formState, submitForm } from '../form';
import { collator, formatDateTime, getLang, t } from '../i18n';
import { fetchOrganisations, type Organisation } from '../organisations';
import { followSession, once } from '../page';
import type { PageFactory } from '../router';
import { alertBox, coordinatorOnly, dataTable, inputField, loading, selectField, statusRegion } from '../ui';

type Invitation = InvitationDto;
type Editor = EditorDto;

const FIELDS = ['email', 'organisationId'];

function roleLabel(role: string): string {
  if (role === 'coordinator') return t('role.coordinator');
  if (role === 'partner') return t('role.partner');
  return role;
}

const time = (iso: string): TemplateResult => html`<time datetime=${iso}>${formatDateTime(iso)}</time>`;

export const adminInvitationsPage: PageFactory = (ctx) => {
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => {
    void loadOrganisations();
    void loadInvitations();
  });
  let organisations: Organisation[] | null = null;
  let data: InvitationsOverview | null = null;
  let loadError: string | null = null;

  let email = '';
  let organisationId = '';
  let status: string | null = null;
  const state = formState();
  /** The row whose action is under way, or whose removal waits for a second click. */
  let busy: string | null = null;
  let confirmRemove: string | null = null;
  let listStatus: string | null = null;
  let listError: string | null = null;

  async function loadInvitations(): Promise<void> {
    const result = await settle(client.GET('/api/invitations'));
    if (result.ok && result.data) {
      data = { invitations: result.data.invitations ?? [], editors: result.data.editors ?? [] };
    } else {
      loadError = result.ok ? t('error.generic') : problemMessage(result);
      followSession(result);
    }
    ctx.update();
  }

  async function loadOrganisations(): Promise<void> {
    const result = await fetchOrganisations();
    if (result.ok && Array.isArray(result.data)) organisations = result.data;
    else loadError = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  }

  function submit(form: HTMLFormElement): Promise<unknown> {
    status = null;
    return submitForm(state, form, {
      send: () => settle(client.POST('/api/invitations', { body: { email: email.trim(), organisationId, language: getLang() } })),
      fields: FIELDS,
      overrides: { 409: 'error.409' },
      update: () => ctx.update(),
      done: () => {
        status = t('inv.sent');
        email = '';
        organisationId = '';
        void loadInvitations();
      },
      failed: (result) => {
        // A conflict here is about the invitation (e.g. already invited): the server knows best.
        if (result.status === 409 && !Object.keys(state.errors).length && result.problem?.detail)
          state.error = result.problem.detail;
      },
    });
  }

  /** Withdraw or resend a pending invitation, or remove an editor (after a confirming second click). */
  async function act(key: string, send: () => Promise<ApiResult<unknown>>, done: string): Promise<void> {
    busy = key;
    listStatus = null;
    listError = null;
    ctx.update();
    const result = await send();
    busy = null;
    confirmRemove = null;
    if (result.ok) {
      listStatus = done;
      await loadInvitations();
    } else {
      listError = problemMessage(result);
      if (result.status === 404) await loadInvitations();
      ctx.update();
    }
  }

  function invitationActions(i: Invitation): TemplateResult {
    return html`<span class="row-buttons">
      <button type="button" class="secondary small" ?disabled=${busy === i.id}
        @click=${() => act(i.id, () => settle(client.POST('/api/invitations/{id}/resend', { params: { path: { id: i.id } } })), t('inv.resent', { email: i.email }))}>
        ${t('inv.resend')}<span class="visually-hidden"> (${i.email})</span>
      </button>
      <button type="button" class="secondary small" ?disabled=${busy === i.id}
        @click=${() => act(i.id, () => settle(client.DELETE('/api/invitations/{id}', { params: { path: { id: i.id } } })), t('inv.withdrawn', { email: i.email }))}>
        ${t('inv.withdraw')}<span class="visually-hidden"> (${i.email})</span>
      </button>
    </span>`;
  }

  function editorActions(e: Editor): TemplateResult | string {
    if (e.role !== 'partner') return '';
    if (confirmRemove !== e.email) {
      return html`<button type="button" class="secondary small" @click=${() => ((confirmRemove = e.email), ctx.update())}>
        ${t('inv.remove')}<span class="visually-hidden"> (${e.email})</span>
      </button>`;
    }
    return html`<span class="row-buttons" role="group" aria-label=${t('inv.removeConfirm', { email: e.email })}>
      <span>${t('inv.removeConfirm', { email: e.email })}</span>
      <button type="button" class="danger small" ?disabled=${busy === e.email}
        @click=${() => act(e.email, () => settle(client.DELETE('/api/editors/{email}', { params: { path: { email: e.email } } })), t('inv.removed', { email: e.email }))}>
        ${t('inv.removeYes')}
      </button>
      <button type="button" class="secondary small" @click=${() => ((confirmRemove = null), ctx.update())}>${t('inv.removeNo')}</button>
    </span>`;
  }

  function organisationOptions(): { value: string; label: string }[] {
    const compare = collator().compare;
    return [...(organisations ?? [])].sort((a, b) => compare(a.name, b.name)).map((o) => ({ value: o.id, label: o.name }));
  }

  function form(): TemplateResult {
    return html`<section class="panel" aria-labelledby="inv-form">
      <h2 id="inv-form">${t('inv.form')}</h2>
      ${alertBox(state.error)}
      <form
        class="form"
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          if (!state.sending) void submit(e.currentTarget as HTMLFormElement);
        }}
      >
        ${inputField({
          id: 'inv-email',
          name: 'email',
          label: t('inv.email'),
          type: 'email',
          value: email,
          errors: state.errors,
          required: true,
          autocomplete: 'off',
          onInput: (value) => (email = value),
        })}
        ${selectField({
          id: 'inv-organisation',
          name: 'organisationId',
          label: t('inv.organisation'),
          value: organisationId,
          placeholder: organisations ? t('inv.chooseOrganisation') : t('site.loading'),
          options: organisationOptions(),
          errors: state.errors,
          required: true,
          onChange: (value) => {
            organisationId = value;
            ctx.update();
          },
        })}
        ${
          organisations && !organisations.length
            ? html`<p><a href="/admin/organisations">${t('inv.noOrganisations')}</a></p>`
            : nothing
        }
        <div class="actions">
          <button type="submit" ?disabled=${state.sending}>${t('inv.submit')}</button>
        </div>
      </form>
      ${statusRegion(status)}
    </section>`;
  }

  function lists(): TemplateResult {
    if (loadError && !data) return alertBox(loadError) as TemplateResult;
    if (!data) return loading();
    const none = t('inv.none');
    return html`${alertBox(listError)} ${statusRegion(listStatus)}
      <section aria-labelledby="inv-pending">
        <h2 id="inv-pending">${t('inv.pending')}</h2>
        ${
          data.invitations.length
            ? dataTable<Invitation>(
                [
                  { label: t('inv.colEmail'), cell: (i) => i.email },
                  { label: t('inv.colOrganisation'), cell: (i) => i.organisationName || none },
                  { label: t('inv.colInvited'), cell: (i) => time(i.invitedAt) },
                  { label: t('inv.colExpires'), cell: (i) => time(i.expiresAt) },
                  { label: t('inv.colActions'), cell: invitationActions },
                ],
                data.invitations,
                t('inv.pending'),
              )
            : html`<p class="notice">${t('inv.pendingEmpty')}</p>`
        }
      </section>
      <section aria-labelledby="inv-editors">
        <h2 id="inv-editors">${t('inv.editors')}</h2>
        ${
          data.editors.length
            ? dataTable<Editor>(
                [
                  { label: t('inv.colEmail'), cell: (e) => e.email },
                  { label: t('inv.colRole'), cell: (e) => roleLabel(e.role) },
                  { label: t('inv.colOrganisation'), cell: (e) => e.organisationName || none },
                  { label: t('inv.colActions'), cell: editorActions },
                ],
                data.editors,
                t('inv.editors'),
              )
            : html`<p class="notice">${t('inv.editorsEmpty')}</p>`
        }
      </section>`;
  }

  return {
    title: () => t('inv.title'),
    view: () =>
      coordinatorOnly(() => {
        start();
        return html`<p class="lead">${t('inv.intro')}</p>
          ${form()} ${lists()}`;
      }),
  };
};
