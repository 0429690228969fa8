import { html, type TemplateResult } from 'lit-html';
import { api, describeFailure, problemMessage, type FieldErrors } from '../api';
import { t } from '../i18n';
import {
  ORGANISATION_FIELDS,
  organisationForm,
  toBody,
  toInput,
  type Organisation,
  type OrganisationInput,
} from '../organisations';
import { once } from '../page';
import type { PageFactory } from '../router';
import { loadMe } from '../session';
import { alertBox, coordinatorOnly, focusFirstInvalid, loading, restoreFocus, statusRegion } from '../ui';

type Load = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ready' };

export const adminOrganisationEditPage: PageFactory = (ctx) => {
  const id = ctx.params.id;
  const url = `/api/organisations/${encodeURIComponent(id)}`;
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());
  let loadState: Load = { kind: 'loading' };
  let etag = '';
  let value: OrganisationInput | null = null;

  let errors: FieldErrors = {};
  let error: string | null = null;
  let stale = false;
  let status: string | null = null;
  let sending = false;

  async function fetchOrganisation(): Promise<Organisation | null> {
    const result = await api<Organisation>(url);
    if (result.ok && result.data) {
      etag = result.data.etag || result.etag || '';
      return result.data;
    }
    if (!result.ok && result.status === 404) loadState = { kind: 'missing' };
    else loadState = { kind: 'error', message: result.ok ? t('error.generic') : problemMessage(result) };
    return null;
  }

  async function load(): Promise<void> {
    const org = await fetchOrganisation();
    if (org) {
      value = toInput(org);
      loadState = { kind: 'ready' };
    }
    ctx.update();
  }

  async function reload(): Promise<void> {
    const org = await fetchOrganisation();
    if (org) {
      value = toInput(org);
      loadState = { kind: 'ready' };
      errors = {};
      error = null;
      stale = false;
      status = t('org.reloaded');
    }
    ctx.update();
  }

  async function submit(form: HTMLFormElement): Promise<void> {
    if (!value) return;
    sending = true;
    errors = {};
    error = null;
    stale = false;
    status = null;
    ctx.update();
    const sentEtag = etag;
    const result = await api<Organisation>(url, {
      method: 'PUT',
      body: toBody(value),
      headers: { 'If-Match': sentEtag },
    });
    if (result.ok) {
      sending = false;
      if (result.data) {
        etag = result.data.etag || result.etag || etag;
        value = toInput(result.data);
      } else if (result.etag) {
        etag = result.etag;
      }
      status = t('org.saved');
    } else if (result.status === 409 || result.status === 412) {
      // 409 means either "stale etag" or "duplicate". Tell them apart by
      // checking whether the stored version still has the etag we sent.
      const failure = describeFailure(result, ORGANISATION_FIELDS);
      const current = await api<Organisation>(url);
      sending = false;
      const currentEtag = current.ok ? current.data?.etag || current.etag : null;
      if (result.status === 412 || (currentEtag && currentEtag !== sentEtag)) {
        stale = true;
        error = t('org.stale');
      } else {
        errors = failure.errors;
        error = Object.keys(errors).length ? failure.message : result.problem?.detail || t('org.duplicate');
      }
    } else {
      sending = false;
      ({ errors, message: error } = describeFailure(result, ORGANISATION_FIELDS));
      if (result.status === 404) loadState = { kind: 'missing' };
      if (result.status === 401 || result.status === 403) void loadMe();
    }
    ctx.update();
    if (!result.ok) focusFirstInvalid(form);
    restoreFocus(form);
  }

  function body(): TemplateResult {
    start();
    const back = html`<p class="back"><a href="/admin/organisations">${t('orgEdit.back')}</a></p>`;
    switch (loadState.kind) {
      case 'loading':
        return html`${back}${loading()}`;
      case 'missing':
        return html`${back}<p class="notice">${t('orgEdit.notFound')}</p>`;
      case 'error':
        return html`${back}${alertBox(loadState.message)}`;
    }
    const current = value!;
    return html`${back}
      <section class="panel">
        ${alertBox(
          error,
          stale
            ? html`<p><button type="button" class="secondary" @click=${() => reload()}>${t('org.reload')}</button></p>`
            : undefined,
        )}
        ${organisationForm({
          idPrefix: 'org',
          value: current,
          errors,
          sending,
          onChange: (patch) => {
            value = { ...(value ?? current), ...patch };
            if ('country' in patch || 'kind' in patch) ctx.update();
          },
          onSubmit: (form) => void submit(form),
        })}
        ${statusRegion(status)}
      </section>`;
  }

  return {
    title: () => t('orgEdit.title'),
    view: () => coordinatorOnly(body),
  };
};
