import { html, type TemplateResult } from 'lit-html';
import { client, settle } from '../client';
import { editAlert, editState, saveRecord } from '../record-edit';
import { t } from '../i18n';
import {
  ORGANISATION_FIELDS,
  organisationForm,
  toBody,
  toInput,
  type Organisation,
  type OrganisationInput,
} from '../organisations';
import { loadStateView, once, PageLoad } from '../page';
import type { PageFactory } from '../router';
import { coordinatorOnly, statusRegion } from '../ui';

export const adminOrganisationEditPage: PageFactory = (ctx) => {
  const path = { id: ctx.params.id };
  const get = () => settle(client.GET('/api/organisations/{id}', { params: { path } }));
  const record = new PageLoad(get, () => ctx.update());
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load({ keep: true }));
  let etag = '';
  let value: OrganisationInput | null = null;
  const state = editState();

  /** The stored organisation in the form, and its ETag for the next save. */
  function accept(org: Organisation, fallbackEtag: string | null): void {
    etag = org.etag || fallbackEtag || etag;
    value = toInput(org);
  }

  async function load(options: { keep?: boolean } = {}): Promise<boolean> {
    const result = await record.load(options);
    if (result.ok && result.data) accept(result.data, result.etag);
    ctx.update();
    return result.ok;
  }

  async function reload(): Promise<void> {
    if (!(await load({ keep: true }))) return;
    Object.assign(state, editState(), { status: t('org.reloaded') });
    ctx.update();
  }

  function submit(form: HTMLFormElement): Promise<unknown> {
    if (!value) return Promise.resolve();
    const sentEtag = etag;
    const body = toBody(value);
    return saveRecord(state, form, {
      send: () =>
        settle(
          client.PUT('/api/organisations/{id}', {
            params: { path, header: { 'If-Match': sentEtag } },
            body,
          }),
        ),
      fields: ORGANISATION_FIELDS,
      update: () => ctx.update(),
      stale: 'org.stale',
      // 409 means either "stale etag" or "duplicate": tell them apart by whether the stored version still has the ETag sent.
      isStale: async () => {
        const current = await get();
        const currentEtag = current.ok ? current.data?.etag || current.etag : null;
        return !!currentEtag && currentEtag !== sentEtag;
      },
      done: (result) => {
        if (result.data) accept(result.data, result.etag);
        else if (result.etag) etag = result.etag;
        state.status = t('org.saved');
      },
      failed: (result) => {
        if (result.status === 409 && !state.conflict && !Object.keys(state.errors).length)
          state.error = result.problem?.detail || t('org.duplicate');
        if (result.status === 404) record.state = { kind: 'missing' };
      },
    });
  }

  function body(): TemplateResult {
    start();
    return loadStateView(record.state, {
      before: html`<p class="back"><a href="/admin/organisations">${t('orgEdit.back')}</a></p>`,
      missing: t('orgEdit.notFound'),
      ready: (org) => editor(value ?? toInput(org)),
    });
  }

  function editor(current: OrganisationInput): TemplateResult {
    return html`<section class="panel">
        ${editAlert(state, () => void reload(), t('org.reload'))}
        ${organisationForm({
          idPrefix: 'org',
          value: current,
          errors: state.errors,
          sending: state.sending,
          onChange: (patch) => {
            value = { ...(value ?? current), ...patch };
            if ('country' in patch || 'kind' in patch) ctx.update();
          },
          onSubmit: (form) => void submit(form),
        })}
        ${statusRegion(state.status)}
      </section>`;
  }

  return {
    title: () => t('orgEdit.title'),
    view: () => coordinatorOnly(body),
  };
};
