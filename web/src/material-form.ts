import { html, type TemplateResult } from 'lit-html';
import { normalisePath, type FieldErrors, type FieldNormaliser } from './api';
import { organisationField, rowsEditor, submitHandler } from './form-fields';
import { collator, t } from './i18n';
import { categoryOptions, MATERIAL_LIMITS, type MaterialInput, type MaterialView } from './materials';
import { statusLabel, type PracticeSummary } from './practices';
import { checkboxGroup, inputField, selectField, textareaField } from './ui';
import { languageName, languageOptions, licenceOptions } from './vocabularies';

/* Form state: what the inputs hold, as strings, until it is sent. */

export interface TitleDraft {
  language: string;
  title: string;
}

export interface MaterialDraft {
  organisationId: string;
  /** Language of the original. */
  language: string;
  /** The title in the original language. */
  title: string;
  /** Titles in other languages. */
  titles: TitleDraft[];
  description: string;
  category: string;
  year: string;
  licence: string;
  relatedPractices: string[];
}

export function emptyMaterial(defaultLicence: string): MaterialDraft {
  return {
    organisationId: '',
    language: '',
    title: '',
    titles: [],
    description: '',
    category: '',
    year: '',
    licence: defaultLicence,
    relatedPractices: [],
  };
}

export function materialToDraft(m: MaterialView): MaterialDraft {
  const compare = collator().compare;
  const titles = m.titles ?? {};
  return {
    organisationId: m.organisationId ?? '',
    language: m.language ?? '',
    title: titles[m.language] ?? '',
    titles: Object.entries(titles)
      .filter(([language]) => language !== m.language)
      .map(([language, title]) => ({ language, title }))
      .sort((a, b) => compare(languageName(a.language), languageName(b.language))),
    description: m.description ?? '',
    category: m.category ?? '',
    year: m.year ? String(m.year) : '',
    licence: m.licence ?? '',
    relatedPractices: [...(m.relatedPractices ?? [])],
  };
}

export interface PreparedMaterial {
  body: MaterialInput;
  /** Found before sending; the request is not made. */
  errors: FieldErrors;
}

/** The body for POST/PUT, and the mistakes that can be told without asking the server. */
export function prepareMaterial(d: MaterialDraft, withOrganisation: boolean): PreparedMaterial {
  const errors: FieldErrors = {};
  const titles: Record<string, string> = {};
  if (d.language) titles[d.language] = d.title.trim();
  d.titles.forEach((row, i) => {
    const title = row.title.trim();
    if (!row.language && !title) return; // an empty row is left out
    if (!row.language) {
      errors[`titles[${i}].language`] = [t('material.error.titleLanguage')];
    } else if (row.language in titles) {
      errors[`titles[${i}].language`] = [t('material.error.titleDuplicate')];
    } else {
      titles[row.language] = title;
    }
  });
  const yearText = d.year.trim();
  let year: number | null = null;
  if (yearText) {
    if (/^\d{4}$/.test(yearText)) year = Number(yearText);
    else errors.year = [t('practice.error.year')];
  }
  if (d.relatedPractices.length > MATERIAL_LIMITS.relatedPractices) {
    errors.relatedPractices = [t('material.error.related', { max: MATERIAL_LIMITS.relatedPractices })];
  }
  const body: MaterialInput = {
    // Coordinators choose the organisation when creating; otherwise the API keeps the material's own.
    organisationId: withOrganisation ? d.organisationId : null,
    language: d.language,
    titles,
    description: d.description.trim(),
    category: d.category,
    year,
    licence: d.licence.trim() || null,
    relatedPractices: d.relatedPractices,
  };
  return { body, errors };
}

/**
 * Server keys to form names: "titles.it" is the original's title or the row
 * with that language; "relatedPractices[3]" belongs to the whole group.
 */
export function materialErrorNormaliser(d: MaterialDraft): FieldNormaliser {
  return (key) => {
    const path = normalisePath(key).replace(/^(body|input|request)\./, '');
    const title = /^titles\.(.+)$/.exec(path);
    if (title) {
      const code = title[1].toLowerCase();
      if (code === d.language) return 'title';
      const row = d.titles.findIndex((x) => x.language === code);
      return row >= 0 ? `titles[${row}].title` : 'title';
    }
    if (path === 'titles') return 'title';
    if (/^relatedPractices\[\d+\]$/.test(path)) return 'relatedPractices';
    return path;
  };
}

export function materialFieldNames(d: MaterialDraft): string[] {
  return [
    'organisationId',
    'language',
    'title',
    'description',
    'category',
    'year',
    'licence',
    'relatedPractices',
    ...d.titles.flatMap((_, i) => [`titles[${i}].language`, `titles[${i}].title`]),
  ];
}

/* Rendering. */

export interface MaterialFormProps {
  idPrefix: string;
  value: MaterialDraft;
  errors: FieldErrors;
  sending: boolean;
  /** Organisations to choose from (coordinators creating a material); null hides the choice. */
  organisations: { value: string; label: string }[] | null;
  /** Files are uploaded: the original language can no longer change. */
  languageLocked: boolean;
  /** Practices the material may be related to; null while they load. */
  practices: PracticeSummary[] | null;
  submitLabel: string;
  onChange(patch: Partial<MaterialDraft>): void;
  onSubmit(form: HTMLFormElement): void;
}

function otherTitles(p: MaterialFormProps): TemplateResult {
  const base = `${p.idPrefix}-titles`;
  const options = languageOptions().filter((o) => o.value !== p.value.language);
  return rowsEditor<TitleDraft>({
    base,
    className: 'titles',
    rowClass: 'title-row',
    legend: t('material.otherTitles'),
    hint: t('material.otherTitlesHint'),
    rows: p.value.titles,
    onChange: (titles) => p.onChange({ titles }),
    blank: () => ({ language: '', title: '' }),
    firstField: 'language',
    rowLabel: (i) => t('material.titleNumber', { number: i + 1 }),
    fields: (row, i, patch) => html`${selectField({
      id: `${base}-${i}-language`,
      name: `titles[${i}].language`,
      label: t('material.titleLanguage'),
      value: row.language,
      placeholder: t('practice.chooseLanguage'),
      options:
        row.language && !options.some((o) => o.value === row.language)
          ? [...options, { value: row.language, label: languageName(row.language) }]
          : options,
      errors: p.errors,
      onChange: (language) => patch({ language }),
    })}
    ${inputField({
      id: `${base}-${i}-title`,
      name: `titles[${i}].title`,
      label: t('material.translatedTitle'),
      value: row.title,
      errors: p.errors,
      maxlength: MATERIAL_LIMITS.title,
      lang: row.language || undefined,
      onInput: (title) => patch({ title }),
    })}`,
    removeLabel: (row, i) =>
      html`${t('material.removeTitle')}<span class="visually-hidden">
          ${row.language ? languageName(row.language) : t('material.titleNumber', { number: i + 1 })}</span
        >`,
    addLabel: t('material.addTitle'),
  });
}

function relatedPractices(p: MaterialFormProps): TemplateResult {
  const id = `${p.idPrefix}-related`;
  const v = p.value;
  if (!v.organisationId) {
    return html`<fieldset class="choices">
      <legend>${t('material.related')}</legend>
      <p class="hint">${t('material.relatedChooseOrganisation')}</p>
    </fieldset>`;
  }
  if (!p.practices) {
    return html`<fieldset class="choices">
      <legend>${t('material.related')}</legend>
      <p class="muted">${t('site.loading')}</p>
    </fieldset>`;
  }
  const compare = collator().compare;
  const own = p.practices
    .filter((x) => x.organisationId === v.organisationId)
    .sort((a, b) => compare(a.name || '', b.name || ''));
  const options = own.map((x) => ({
    value: x.id,
    label: `${x.name || t('my.untitled')} (${statusLabel(x.status)})`,
  }));
  // A related practice that is not in the list (another organisation's) stays chosen.
  for (const chosen of v.relatedPractices) {
    if (!options.some((o) => o.value === chosen)) {
      const known = p.practices.find((x) => x.id === chosen);
      options.push({ value: chosen, label: known ? `${known.name} – ${known.organisationName}` : chosen });
    }
  }
  if (!options.length) {
    return html`<fieldset class="choices">
      <legend>${t('material.related')}</legend>
      <p class="hint">${t('material.relatedNone')}</p>
    </fieldset>`;
  }
  return checkboxGroup({
    id,
    name: 'relatedPractices',
    legend: t('material.related'),
    hint: t('material.relatedHint', { max: MATERIAL_LIMITS.relatedPractices }),
    options,
    selected: v.relatedPractices,
    errors: p.errors,
    onChange: (relatedPractices) => p.onChange({ relatedPractices }),
  });
}

/** The facts of a material: titles, description, category, year, licence, related practices. */
export function materialForm(p: MaterialFormProps): TemplateResult {
  const v = p.value;
  const id = (name: string) => `${p.idPrefix}-${name}`;
  const submit = submitHandler(p);
  return html`<form class="form material-form" novalidate @submit=${submit}>
    ${organisationField({
      idPrefix: p.idPrefix,
      value: v.organisationId,
      organisations: p.organisations,
      errors: p.errors,
      onChange: (organisationId) => p.onChange({ organisationId, relatedPractices: [] }),
    })}
    ${selectField({
      id: id('language'),
      name: 'language',
      label: t('material.language'),
      hint: p.languageLocked ? t('material.languageLocked') : t('material.languageHint'),
      value: v.language,
      placeholder: t('practice.chooseLanguage'),
      options: languageOptions(v.language),
      errors: p.errors,
      required: true,
      disabled: p.languageLocked,
      onChange: (language) => p.onChange({ language }),
    })}
    ${inputField({
      id: id('title'),
      name: 'title',
      label: t('material.title'),
      hint: t('material.titleHint'),
      value: v.title,
      errors: p.errors,
      required: true,
      maxlength: MATERIAL_LIMITS.title,
      lang: v.language || undefined,
      onInput: (title) => p.onChange({ title }),
    })}
    ${otherTitles(p)}
    ${textareaField({
      id: id('description'),
      name: 'description',
      label: t('material.description'),
      hint: t('material.descriptionHint'),
      value: v.description,
      errors: p.errors,
      required: true,
      rows: 5,
      maxlength: MATERIAL_LIMITS.description,
      counter: true,
      onInput: (description) => p.onChange({ description }),
    })}
    <div class="field-row">
      ${selectField({
        id: id('category'),
        name: 'category',
        label: t('material.category'),
        value: v.category,
        placeholder: t('material.chooseCategory'),
        options: categoryOptions(),
        errors: p.errors,
        required: true,
        onChange: (category) => p.onChange({ category }),
      })}
      ${inputField({
        id: id('year'),
        name: 'year',
        label: t('material.year'),
        hint: t('material.yearHint'),
        value: v.year,
        errors: p.errors,
        required: true,
        inputmode: 'numeric',
        autocomplete: 'off',
        maxlength: 4,
        onInput: (year) => p.onChange({ year }),
      })}
      ${selectField({
        id: id('licence'),
        name: 'licence',
        label: t('material.licence'),
        hint: t('material.licenceHint'),
        value: v.licence,
        placeholder: t('material.chooseLicence'),
        options: licenceOptions(v.licence),
        errors: p.errors,
        required: true,
        onChange: (licence) => p.onChange({ licence }),
      })}
    </div>
    ${relatedPractices(p)}
    <div class="actions">
      <button type="submit" ?disabled=${p.sending}>${p.submitLabel}</button>
    </div>
  </form>`;
}
