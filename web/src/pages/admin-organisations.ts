import { html, type TemplateResult } from 'lit-html';
import { api, describeFailure, problemMessage, type FieldErrors } from '../api';
import { collator, countryName, t } from '../i18n';
import { kindLabel } from '../kinds';
import {
  emptyOrganisation,
  ORGANISATION_FIELDS,
  organisationForm,
  toBody,
  type Organisation,
  type OrganisationInput,
} from '../organisations';
import type { PageFactory } from '../router';
import { loadMe } from '../session';
import { alertBox, coordinatorOnly, dataTable, focusFirstInvalid, loading, restoreFocus, statusRegion } from '../ui';

export const adminOrganisationsPage: PageFactory = (ctx) => {
  let list: Organisation[] | null = null;
  let listError: string | null = null;
  let started = false;

  let value: OrganisationInput = emptyOrganisation();
  let errors: FieldErrors = {};
  let error: string | null = null;
  let status: string | null = null;
  let sending = false;

  async function load(): Promise<void> {
    listError = null;
    const result = await api<Organisation[]>('/api/organisations');
    if (result.ok && Array.isArray(result.data)) list = result.data;
    else listError = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  }

  async function submit(form: HTMLFormElement): Promise<void> {
    sending = true;
    errors = {};
    error = null;
    status = null;
    ctx.update();
    const result = await api<Organisation>('/api/organisations', { method: 'POST', body: toBody(value) });
    sending = false;
    if (result.ok) {
      status = t('org.saved');
      value = emptyOrganisation();
      if (list && result.data) list = [...list, result.data];
      void load();
    } else {
      ({ errors, message: error } = describeFailure(result, ORGANISATION_FIELDS));
      if (result.status === 409 && !Object.keys(errors).length) error = result.problem?.detail || t('org.duplicate');
      if (result.status === 401 || result.status === 403) void loadMe();
    }
    ctx.update();
    if (!result.ok) focusFirstInvalid(form);
    restoreFocus(form);
  }

  function table(): TemplateResult {
    if (listError) return alertBox(listError) as TemplateResult;
    if (!list) return loading();
    if (!list.length) return html`<p class="notice">${t('orgs.empty')}</p>`;
    const compare = collator().compare;
    const rows = [...list].sort(
      (a, b) => compare(countryName(a.country), countryName(b.country)) || compare(a.name, b.name),
    );
    return dataTable<Organisation>(
      [
        {
          label: t('org.name'),
          cell: (o) => html`<a href=${`/admin/organisations/${encodeURIComponent(o.id)}`}>${o.name}</a>`,
        },
        { label: t('org.country'), cell: (o) => countryName(o.country) },
        { label: t('org.city'), cell: (o) => o.city ?? '' },
        { label: t('org.kind'), cell: (o) => kindLabel(o.kind) },
      ],
      rows,
      t('orgs.list'),
    );
  }

  return {
    title: () => t('orgs.title'),
    view: () =>
      coordinatorOnly(() => {
        if (!started) {
          started = true;
          void load();
        }
        return html`<section aria-labelledby="orgs-create" class="panel">
            <h2 id="orgs-create">${t('orgs.create')}</h2>
            ${alertBox(error)}
            ${organisationForm({
              idPrefix: 'org',
              value,
              errors,
              sending,
              onChange: (patch) => {
                value = { ...value, ...patch };
                // Re-render only for selects; inputs keep their own DOM value.
                if ('country' in patch || 'kind' in patch) ctx.update();
              },
              onSubmit: (form) => void submit(form),
            })}
            ${statusRegion(status)}
          </section>
          <section aria-labelledby="orgs-list">
            <h2 id="orgs-list">${t('orgs.list')}</h2>
            ${table()}
          </section>`;
      }),
  };
};
