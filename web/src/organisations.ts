import { html, type TemplateResult } from 'lit-html';
import type { FieldErrors } from './api';
import type { OrganisationDto } from './api/schema';
import { client, settle } from './client';
import { placeFields, submitHandler, textValues } from './form-fields';
import { collator, t } from './i18n';
import { kindOptions } from './kinds';
import { inputField, selectField, textareaField } from './ui';

/** A partner organisation, as the API describes it. */
export type Organisation = OrganisationDto;

export type OrganisationInput = Pick<Organisation, 'name' | 'country' | 'city' | 'kind'> & {
  website: string;
  description: string;
};

export function emptyOrganisation(): OrganisationInput {
  return { name: '', country: '', city: '', kind: '', website: '', description: '' };
}

export function toInput(org: Organisation): OrganisationInput {
  return textValues(org, ['name', 'country', 'city', 'kind', 'website', 'description']);
}

/** Body for POST/PUT: trimmed strings; the API decides what is required. */
export function toBody(input: OrganisationInput): OrganisationInput {
  return {
    name: input.name.trim(),
    country: input.country,
    city: input.city.trim(),
    kind: input.kind,
    website: input.website.trim(),
    description: input.description.trim(),
  };
}

export interface OrganisationFormProps {
  idPrefix: string;
  value: OrganisationInput;
  errors: FieldErrors;
  sending: boolean;
  onChange(patch: Partial<OrganisationInput>): void;
  onSubmit(form: HTMLFormElement): void;
}

export function organisationForm(p: OrganisationFormProps): TemplateResult {
  const id = (name: string) => `${p.idPrefix}-${name}`;
  const submit = submitHandler(p);
  return html`<form class="form" novalidate @submit=${submit}>
    ${inputField({
      id: id('name'),
      name: 'name',
      label: t('org.name'),
      value: p.value.name,
      errors: p.errors,
      required: true,
      autocomplete: 'organization',
      onInput: (name) => p.onChange({ name }),
    })}
    ${placeFields({
      idPrefix: p.idPrefix,
      country: p.value.country,
      city: p.value.city,
      labels: { country: t('org.country'), city: t('org.city') },
      errors: p.errors,
      cityAutocomplete: 'address-level2',
      onChange: (patch) => p.onChange(patch),
    })}
    ${selectField({
      id: id('kind'),
      name: 'kind',
      label: t('org.kind'),
      value: p.value.kind,
      placeholder: t('org.chooseKind'),
      options: kindOptions(),
      errors: p.errors,
      required: true,
      onChange: (kind) => p.onChange({ kind }),
    })}
    ${inputField({
      id: id('website'),
      name: 'website',
      label: t('org.website'),
      type: 'url',
      value: p.value.website,
      errors: p.errors,
      autocomplete: 'url',
      onInput: (website) => p.onChange({ website }),
    })}
    ${textareaField({
      id: id('description'),
      name: 'description',
      label: t('org.description'),
      value: p.value.description,
      errors: p.errors,
      rows: 6,
      onInput: (description) => p.onChange({ description }),
    })}
    <div class="actions">
      <button type="submit" ?disabled=${p.sending}>${t('org.submit')}</button>
    </div>
  </form>`;
}

/** Field names the organisation form can show errors next to. */
export const ORGANISATION_FIELDS = ['name', 'country', 'city', 'kind', 'website', 'description'];

let options: { value: string; label: string }[] = [];

/** Organisations for a coordinator's <select>, by name; empty until loaded. */
export function organisationOptions(): { value: string; label: string }[] {
  return options;
}

/** GET /api/organisations: every partner organisation. */
export function fetchOrganisations() {
  return settle(client.GET('/api/organisations'));
}

/** (Re)load the organisations for organisationOptions(). */
export async function loadOrganisationOptions(): Promise<void> {
  const result = await fetchOrganisations();
  if (!result.ok || !Array.isArray(result.data)) return;
  const compare = collator().compare;
  options = result.data.map((o) => ({ value: o.id, label: o.name })).sort((a, b) => compare(a.label, b.label));
}
