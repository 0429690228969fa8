import { html, nothing, type TemplateResult } from 'lit-html';
import type { FieldErrors } from './api';
import { countryOptions } from './countries';
import { t } from './i18n';
import { inputField, selectField, type InputField } from './ui';

/**
 * Form pieces the record forms share: a list of rows the author adds to and removes from (a practice's indicators,
 * a material's titles in other languages), each row a group of fields with its own remove button.
 */

function focusLater(id: string): void {
  // The page re-renders synchronously in onChange; focus what is there now.
  document.getElementById(id)?.focus();
}

export interface RowsEditor<R> {
  /** The prefix of the ids: a row's field is `${base}-${index}-${field}`, the add button `${base}-add`. */
  base: string;
  /** The fieldset's class. */
  className: string;
  /** Another class for each row, beside "indicator-row". */
  rowClass?: string;
  legend: string;
  hint: string;
  /** Errors about the list as a whole. */
  errors?: string[];
  rows: R[];
  onChange(rows: R[]): void;
  /** A new, empty row. */
  blank(): R;
  /** The most rows the list takes; the add button is disabled there. */
  max?: number;
  /** The field of a row that takes focus when the row is added, or when a row before it is removed. */
  firstField: string;
  /** The accessible name of a row's group. */
  rowLabel(index: number): string;
  /** A row's fields; `patch` changes this row. */
  fields(row: R, index: number, patch: (change: Partial<R>) => void): TemplateResult;
  /** The remove button's content for a row. */
  removeLabel(row: R, index: number): TemplateResult | string;
  addLabel: string;
}

export function rowsEditor<R>(p: RowsEditor<R>): TemplateResult {
  const { rows, base } = p;
  const bad = !!p.errors?.length;
  const add = () => {
    p.onChange([...rows, p.blank()]);
    focusLater(`${base}-${rows.length}-${p.firstField}`);
  };
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    p.onChange(next);
    focusLater(next.length ? `${base}-${Math.min(index, next.length - 1)}-${p.firstField}` : `${base}-add`);
  };
  const patch = (index: number) => (change: Partial<R>) =>
    p.onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return html`<fieldset class=${p.className} aria-describedby=${`${base}-hint${bad ? ` ${base}-error` : ''}`}>
    <legend>${p.legend}</legend>
    <p class="hint" id=${`${base}-hint`}>${p.hint}</p>
    ${bad ? html`<p class="field-error" id=${`${base}-error`}>${p.errors?.join(' ')}</p>` : nothing}
    ${
      rows.length
        ? html`<ol class="indicator-list">
          ${rows.map(
            (row, i) => html`<li class="indicator-item"><div
                class=${p.rowClass ? `indicator-row ${p.rowClass}` : 'indicator-row'}
                role="group"
                aria-label=${p.rowLabel(i)}
              >
              ${p.fields(row, i, patch(i))}
              <div class="row-action">
                <button type="button" class="secondary" @click=${() => remove(i)}>${p.removeLabel(row, i)}</button>
              </div>
            </div></li>`,
          )}
        </ol>`
        : nothing
    }
    <button
      type="button"
      class="secondary"
      id=${`${base}-add`}
      ?disabled=${p.max !== undefined && rows.length >= p.max}
      @click=${add}
    >
      ${p.addLabel}
    </button>
  </fieldset>`;
}

/** The text fields of a form from a stored record: each value as the record has it, or empty where it has none. */
export function textValues<K extends string>(source: { [P in K]?: string | null }, keys: readonly K[]): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, source[key] ?? ''])) as Record<K, string>;
}

/** Where a record is: its country from the list, and its town. */
export function placeFields(p: {
  idPrefix: string;
  country: string;
  city: string;
  labels: { country: string; city: string };
  errors: FieldErrors;
  cityRequired?: boolean;
  cityAutocomplete: string;
  onChange(patch: { country: string } | { city: string }): void;
}): TemplateResult {
  return html`${selectField({
    id: `${p.idPrefix}-country`,
    name: 'country',
    label: p.labels.country,
    value: p.country,
    placeholder: t('org.chooseCountry'),
    options: countryOptions(),
    errors: p.errors,
    required: true,
    onChange: (country) => p.onChange({ country }),
  })}
  ${inputField({
    id: `${p.idPrefix}-city`,
    name: 'city',
    label: p.labels.city,
    value: p.city,
    errors: p.errors,
    required: p.cityRequired,
    autocomplete: p.cityAutocomplete,
    onInput: (city) => p.onChange({ city }),
  })}`;
}

/** The author's organisation, for a new record: none while the list is not wanted, "loading" until it has arrived. */
export function organisationField(p: {
  idPrefix: string;
  value: string;
  organisations: { value: string; label: string }[] | null;
  errors: FieldErrors;
  onChange(organisationId: string): void;
}): TemplateResult | typeof nothing {
  if (!p.organisations) return nothing;
  return selectField({
    id: `${p.idPrefix}-organisation`,
    name: 'organisationId',
    label: t('practice.organisation'),
    value: p.value,
    placeholder: p.organisations.length ? t('practice.chooseOrganisation') : t('site.loading'),
    options: p.organisations,
    errors: p.errors,
    required: true,
    onChange: (organisationId) => p.onChange(organisationId),
  });
}

/** A form's submit: the page's own sending, never twice at once. */
export function submitHandler(p: { sending: boolean; onSubmit(form: HTMLFormElement): void }): (e: Event) => void {
  return (e) => {
    e.preventDefault();
    if (!p.sending) p.onSubmit(e.currentTarget as HTMLFormElement);
  };
}

/** A text box bound to one field of a form's draft: its text, its errors, and a change that patches the draft. */
export function draftInput<K extends string, D extends Record<K, string>>(
  form: { value: D; errors: FieldErrors; onChange(patch: Partial<D>): void },
  field: { id: string; name: K; label: string } & Partial<InputField>,
): TemplateResult {
  return inputField({
    value: form.value[field.name],
    errors: form.errors,
    onInput: (value) => form.onChange({ [field.name]: value } as Partial<D>),
    ...field,
  });
}
