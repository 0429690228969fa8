import { html, type TemplateResult } from 'lit-html';
import { client, settle } from '../client';
import { formState, submitForm } from '../form';
import { collator, countryName, t } from '../i18n';
import { kindLabel } from '../kinds';
import {
  emptyOrganisation,
  fetchOrganisations,
  ORGANISATION_FIELDS,
  organisationForm,
  toBody,
  type Organisation,
  type OrganisationInput,
} from '../organisations';
import { loadStateView, once, PageLoad } from '../page';
import type { PageFactory } from '../router';
import { alertBox, coordinatorOnly, dataTable, statusRegion } from '../ui';

export const adminOrganisationsPage: PageFactory = (ctx) => {
  const organisations = new PageLoad(fetchOrganisations, () => ctx.update(), Array.isArray);
  // Loads on the first render, once the sign-in guard has let the page through; after a save the list stays on screen.
  const load = () => organisations.load({ keep: true });
  const start = once(() => void load());

  let value: OrganisationInput = emptyOrganisation();
  let status: string | null = null;
  const state = formState();

  function submit(form: HTMLFormElement): Promise<unknown> {
    status = null;
    return submitForm(state, form, {
      send: () => settle(client.POST('/api/organisations', { body: toBody(value) })),
      fields: ORGANISATION_FIELDS,
      update: () => ctx.update(),
      done: (result) => {
        status = t('org.saved');
        value = emptyOrganisation();
        const list = organisations.value;
        if (list && result.data) organisations.state = { kind: 'ready', value: [...list, result.data] };
        void load();
      },
      failed: (result) => {
        if (result.status === 409 && !Object.keys(state.errors).length)
          state.error = result.problem?.detail || t('org.duplicate');
      },
    });
  }

  function table(list: Organisation[]): TemplateResult {
    if (!list.length) return html`<p class="notice">${t('orgs.empty')}</p>`;
    const compare = collator().compare;
    const rows = [...list].sort((a, b) => compare(countryName(a.country), countryName(b.country)) || compare(a.name, b.name));
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
        start();
        return html`<section aria-labelledby="orgs-create" class="panel">
            <h2 id="orgs-create">${t('orgs.create')}</h2>
            ${alertBox(state.error)}
            ${organisationForm({
              idPrefix: 'org',
              value,
              errors: state.errors,
              sending: state.sending,
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
            ${loadStateView(organisations.state, { ready: table, missing: t('orgs.empty') })}
          </section>`;
      }),
  };
};
