import { html, nothing, type TemplateResult } from 'lit-html';
import { normalisePath, type FieldErrors, type FieldNormaliser } from './api';
import { draftInput, organisationField, placeFields, rowsEditor, submitHandler, textValues } from './form-fields';
import { getLang, intlLocale, t } from './i18n';
import { LIMITS, originalText, type EditorPractice, type PracticeInput, type TextBlock } from './practices';
import { checkboxField, checkboxGroup, inputField, selectField, textareaField } from './ui';
import { fieldOptions, languageOptions, targetGroupOptions } from './vocabularies';

/* Form state: what the inputs hold, as strings, until it is sent. */

export interface IndicatorDraft {
  name: string;
  value: string;
}

export interface TextDraft {
  name: string;
  objectives: string;
  description: string;
  budget: string;
  fundingSource: string;
  evaluation: string;
  indicators: IndicatorDraft[];
}

export interface PracticeDraft {
  organisationId: string;
  language: string;
  country: string;
  city: string;
  startYear: string;
  ongoing: boolean;
  endYear: string;
  fields: string[];
  targetGroups: string[];
  budgetAmount: string;
  budgetCurrency: string;
  budgetYear: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  contactVisible: boolean;
  text: TextDraft;
}

export function emptyText(): TextDraft {
  return { name: '', objectives: '', description: '', budget: '', fundingSource: '', evaluation: '', indicators: [] };
}

export function textToDraft(text: Partial<TextBlock> | null | undefined): TextDraft {
  if (!text) return emptyText();
  return {
    name: text.name ?? '',
    objectives: text.objectives ?? '',
    description: text.description ?? '',
    budget: text.budget ?? '',
    fundingSource: text.fundingSource ?? '',
    evaluation: text.evaluation ?? '',
    indicators: (text.indicators ?? []).map((x) => ({ name: x.name ?? '', value: x.value ?? '' })),
  };
}

export function emptyPractice(): PracticeDraft {
  return {
    organisationId: '',
    language: '',
    country: '',
    city: '',
    startYear: '',
    ongoing: false,
    endYear: '',
    fields: [],
    targetGroups: [],
    budgetAmount: '',
    budgetCurrency: 'EUR',
    budgetYear: '',
    contactName: '',
    contactEmail: '',
    contactPhone: '',
    contactVisible: false,
    text: emptyText(),
  };
}

const str = (value: number | null | undefined): string => (value == null ? '' : String(value));

export function practiceToDraft(p: EditorPractice): PracticeDraft {
  return {
    ...textValues(p, [
      'organisationId',
      'language',
      'country',
      'city',
      'budgetCurrency',
      'contactName',
      'contactEmail',
      'contactPhone',
    ]),
    startYear: str(p.startYear),
    ongoing: !!p.ongoing,
    endYear: str(p.endYear),
    fields: [...(p.fields ?? [])],
    targetGroups: [...(p.targetGroups ?? [])],
    budgetAmount: str(p.budgetAmount),
    budgetYear: str(p.budgetYear),
    contactVisible: !!p.contactVisible,
    text: textToDraft(originalText(p.texts)),
  };
}

/* From form state to request bodies. */

const INVALID = Symbol('invalid');

function parseYear(value: string): number | null | typeof INVALID {
  const v = value.trim();
  if (!v) return null;
  return /^\d{4}$/.test(v) ? Number(v) : INVALID;
}

/** Accepts "211000", "211000.50", "211.000,50", "211 000"; the last separator followed by 1–2 digits is decimal. */
export function parseAmount(value: string): number | null | typeof INVALID {
  let v = value.replace(/[\s\u00a0\u202f'’_]/g, '');
  if (!v) return null;
  const comma = v.lastIndexOf(',');
  const dot = v.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    const decimal = comma > dot ? ',' : '.';
    v = v
      .split(decimal === ',' ? '.' : ',')
      .join('')
      .replace(decimal, '.');
  } else if (comma >= 0) {
    v = v.split(',').length > 2 ? v.split(',').join('') : v.replace(',', '.');
  } else if (v.split('.').length > 2) {
    v = v.split('.').join('');
  }
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : INVALID;
}

const orNull = (value: string): string | null => value.trim() || null;

export interface PreparedText {
  text: TextBlock;
  /** For each indicator sent, its row in the form (empty rows are not sent). */
  rows: number[];
}

export function prepareText(d: TextDraft): PreparedText {
  const rows: number[] = [];
  const indicators = d.indicators.flatMap((x, i) => {
    if (!x.name.trim() && !x.value.trim()) return [];
    rows.push(i);
    return [{ name: x.name.trim(), value: orNull(x.value) }];
  });
  return {
    text: {
      name: d.name.trim(),
      objectives: d.objectives.trim(),
      description: d.description.trim(),
      budget: orNull(d.budget),
      fundingSource: orNull(d.fundingSource),
      evaluation: d.evaluation.trim(),
      indicators,
    },
    rows,
  };
}

export interface PreparedPractice {
  body: PracticeInput;
  rows: number[];
  /** Numbers that cannot be sent as JSON numbers; the request is not made. */
  errors: FieldErrors;
}

export function preparePractice(d: PracticeDraft, withOrganisation: boolean): PreparedPractice {
  const errors: FieldErrors = {};
  const year = (name: 'startYear' | 'endYear' | 'budgetYear'): number | null => {
    const parsed = parseYear(d[name]);
    if (parsed === INVALID) {
      errors[name] = [t('practice.error.year')];
      return null;
    }
    return parsed;
  };
  const amount = parseAmount(d.budgetAmount);
  if (amount === INVALID) errors.budgetAmount = [t('practice.error.amount')];
  const { text, rows } = prepareText(d.text);
  const body: PracticeInput = {
    organisationId: withOrganisation ? d.organisationId : null,
    language: d.language,
    country: d.country,
    city: d.city.trim(),
    startYear: year('startYear'),
    endYear: d.ongoing ? null : year('endYear'),
    ongoing: d.ongoing,
    fields: d.fields,
    targetGroups: d.targetGroups,
    budgetAmount: amount === INVALID ? null : amount,
    // A currency means nothing without an amount.
    budgetCurrency: amount === null || amount === INVALID ? null : d.budgetCurrency || null,
    budgetYear: year('budgetYear'),
    contactVisible: d.contactVisible,
    contactName: orNull(d.contactName),
    contactEmail: orNull(d.contactEmail),
    contactPhone: orNull(d.contactPhone),
    text,
  };
  return { body, rows, errors };
}

/**
 * Server keys ("text.indicators[2].name", "Text.Name", "fields") to form names:
 * the text block's fields lose their "text." prefix and indicator numbers
 * point at form rows again.
 */
export function errorNormaliser(rows: number[]): FieldNormaliser {
  return (key) =>
    normalisePath(key)
      .replace(/^(body|input|request)\./, '')
      .replace(/^text\./, '')
      .replace(/^indicators\[(\d+)\]/, (_, n: string) => `indicators[${rows[Number(n)] ?? n}]`);
}

const TEXT_FIELDS = ['name', 'objectives', 'description', 'budget', 'fundingSource', 'evaluation', 'indicators'];

export function textFieldNames(d: TextDraft): string[] {
  return [...TEXT_FIELDS, ...d.indicators.flatMap((_, i) => [`indicators[${i}].name`, `indicators[${i}].value`])];
}

export function practiceFieldNames(d: PracticeDraft): string[] {
  return [
    'organisationId',
    'language',
    'country',
    'city',
    'startYear',
    'ongoing',
    'endYear',
    'fields',
    'targetGroups',
    'budgetAmount',
    'budgetCurrency',
    'budgetYear',
    'contactName',
    'contactEmail',
    'contactPhone',
    'contactVisible',
    ...textFieldNames(d.text),
  ];
}

/* Rendering. */

export interface TextFieldsProps {
  idPrefix: string;
  value: TextDraft;
  errors: FieldErrors;
  /** Language of the text being written (for spell checking and screen readers). */
  lang?: string;
  onChange(patch: Partial<TextDraft>): void;
}

type LongField = 'objectives' | 'description' | 'budget' | 'fundingSource' | 'evaluation';

/** The text block's fields, one renderer each, so forms can place them in the template's order. */
export function textFields(p: TextFieldsProps) {
  const id = (name: string) => `${p.idPrefix}-${name}`;
  const long = (name: LongField, label: string, rows: number, required: boolean, hint?: string) =>
    textareaField({
      id: id(name),
      name,
      label,
      value: p.value[name],
      errors: p.errors,
      required,
      hint,
      rows,
      maxlength: LIMITS[name],
      counter: true,
      lang: p.lang,
      onInput: (value) => p.onChange({ [name]: value }),
    });
  return {
    name: () =>
      inputField({
        id: id('name'),
        name: 'name',
        label: t('practice.name'),
        value: p.value.name,
        errors: p.errors,
        required: true,
        maxlength: LIMITS.name,
        lang: p.lang,
        onInput: (name) => p.onChange({ name }),
      }),
    objectives: () => long('objectives', t('practice.objectives'), 6, true),
    description: () => long('description', t('practice.description'), 10, true),
    budget: () => long('budget', t('practice.budget'), 3, false, t('practice.budgetHint')),
    fundingSource: () => long('fundingSource', t('practice.fundingSource'), 2, false),
    evaluation: () => long('evaluation', t('practice.evaluation'), 8, true),
    indicators: () => indicatorsEditor(p),
  };
}

function indicatorsEditor(p: TextFieldsProps): TemplateResult {
  return rowsEditor<IndicatorDraft>({
    base: `${p.idPrefix}-ind`,
    className: 'indicators',
    legend: t('practice.indicators'),
    hint: t('practice.indicatorsHint', { max: LIMITS.indicators }),
    errors: p.errors.indicators,
    rows: p.value.indicators,
    onChange: (indicators) => p.onChange({ indicators }),
    blank: () => ({ name: '', value: '' }),
    max: LIMITS.indicators,
    firstField: 'name',
    rowLabel: (i) => t('practice.indicatorNumber', { number: i + 1 }),
    fields: (row, i, patch) => html`${inputField({
      id: `${p.idPrefix}-ind-${i}-name`,
      name: `indicators[${i}].name`,
      label: t('practice.indicator'),
      value: row.name,
      errors: p.errors,
      maxlength: LIMITS.indicatorName,
      lang: p.lang,
      onInput: (name) => patch({ name }),
    })}
    ${inputField({
      id: `${p.idPrefix}-ind-${i}-value`,
      name: `indicators[${i}].value`,
      label: t('practice.value'),
      value: row.value,
      errors: p.errors,
      maxlength: LIMITS.indicatorValue,
      lang: p.lang,
      onInput: (value) => patch({ value }),
    })}`,
    removeLabel: () => t('practice.removeIndicator'),
    addLabel: t('practice.addIndicator'),
  });
}

/** Currencies of the partnership's countries and their neighbours; a stored other code is kept. */
const CURRENCIES = ['EUR', 'BGN', 'CHF', 'CZK', 'DKK', 'GBP', 'HUF', 'ISK', 'NOK', 'PLN', 'RON', 'SEK', 'USD'];

function currencyOptions(current: string): { value: string; label: string }[] {
  const codes = current && !CURRENCIES.includes(current) ? [...CURRENCIES, current] : CURRENCIES;
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([intlLocale(), getLang()], { type: 'currency' });
  } catch {
    names = null;
  }
  return codes.map((code) => {
    let name = '';
    try {
      name = names?.of(code) ?? '';
    } catch {
      name = '';
    }
    return { value: code, label: name && name !== code ? `${code} – ${name}` : code };
  });
}

export interface PracticeFormProps {
  idPrefix: string;
  value: PracticeDraft;
  errors: FieldErrors;
  sending: boolean;
  /** Organisations to choose from (coordinators); null hides the choice. */
  organisations: { value: string; label: string }[] | null;
  onChange(patch: Partial<PracticeDraft>): void;
  onSubmit(form: HTMLFormElement): void;
  /** More buttons after "Save draft". */
  actions?: TemplateResult;
}

/** The practice template, in its order. */
export function practiceForm(p: PracticeFormProps): TemplateResult {
  const v = p.value;
  const id = (name: string) => `${p.idPrefix}-${name}`;
  const text = textFields({
    idPrefix: p.idPrefix,
    value: v.text,
    errors: p.errors,
    lang: v.language || undefined,
    onChange: (patch) => p.onChange({ text: { ...v.text, ...patch } }),
  });
  const year = (name: 'startYear' | 'endYear' | 'budgetYear', label: string, disabled = false) =>
    draftInput(p, {
      id: id(name),
      name,
      label,
      required: name === 'startYear' || (name === 'endYear' && !disabled),
      inputmode: 'numeric',
      autocomplete: 'off',
      maxlength: 4,
      disabled,
    });
  const submit = submitHandler(p);

  return html`<form class="form practice-form" novalidate @submit=${submit}>
    <fieldset>
      <legend>${t('practice.section.about')}</legend>
      ${text.name()}
      ${organisationField({
        idPrefix: p.idPrefix,
        value: v.organisationId,
        organisations: p.organisations,
        errors: p.errors,
        onChange: (organisationId) => p.onChange({ organisationId }),
      })}
      ${selectField({
        id: id('language'),
        name: 'language',
        label: t('practice.language'),
        hint: t('practice.languageHint'),
        value: v.language,
        placeholder: t('practice.chooseLanguage'),
        options: languageOptions(v.language),
        errors: p.errors,
        required: true,
        onChange: (language) => p.onChange({ language }),
      })}
    </fieldset>

    <fieldset>
      <legend>${t('practice.section.place')}</legend>
      ${placeFields({
        idPrefix: p.idPrefix,
        country: v.country,
        city: v.city,
        labels: { country: t('practice.country'), city: t('practice.city') },
        errors: p.errors,
        cityRequired: true,
        cityAutocomplete: 'off',
        onChange: (patch) => p.onChange(patch),
      })}
      <div class="field-row">
        ${year('startYear', t('practice.startYear'))}
        ${checkboxField({
          id: id('ongoing'),
          name: 'ongoing',
          label: t('practice.ongoing'),
          checked: v.ongoing,
          errors: p.errors,
          onChange: (ongoing) => p.onChange({ ongoing }),
        })}
        ${year('endYear', t('practice.endYear'), v.ongoing)}
      </div>
    </fieldset>

    <fieldset>
      <legend>${t('practice.section.content')}</legend>
      ${text.objectives()} ${text.description()}
    </fieldset>

    ${checkboxGroup({
      id: id('fields'),
      name: 'fields',
      legend: t('practice.fields'),
      hint: t('practice.choicesHint'),
      options: fieldOptions(),
      selected: v.fields,
      errors: p.errors,
      onChange: (fields) => p.onChange({ fields }),
    })}
    ${checkboxGroup({
      id: id('target-groups'),
      name: 'targetGroups',
      legend: t('practice.targetGroups'),
      hint: t('practice.choicesHint'),
      options: targetGroupOptions(),
      selected: v.targetGroups,
      errors: p.errors,
      onChange: (targetGroups) => p.onChange({ targetGroups }),
    })}

    <fieldset>
      <legend>${t('practice.section.budget')}</legend>
      ${text.budget()}
      <div class="field-row">
        ${inputField({
          id: id('amount'),
          name: 'budgetAmount',
          label: t('practice.amount'),
          hint: t('practice.amountHint'),
          value: v.budgetAmount,
          errors: p.errors,
          inputmode: 'decimal',
          autocomplete: 'off',
          onInput: (budgetAmount) => p.onChange({ budgetAmount }),
        })}
        ${selectField({
          id: id('currency'),
          name: 'budgetCurrency',
          label: t('practice.currency'),
          value: v.budgetCurrency,
          placeholder: t('practice.chooseCurrency'),
          options: currencyOptions(v.budgetCurrency),
          errors: p.errors,
          onChange: (budgetCurrency) => p.onChange({ budgetCurrency }),
        })}
        ${year('budgetYear', t('practice.budgetYear'))}
      </div>
      ${text.fundingSource()}
    </fieldset>

    <fieldset>
      <legend>${t('practice.section.evaluation')}</legend>
      ${text.evaluation()} ${text.indicators()}
    </fieldset>

    <fieldset>
      <legend>${t('practice.section.contact')}</legend>
      <p class="hint">${t('practice.contactHint')}</p>
      ${inputField({
        id: id('contact-name'),
        name: 'contactName',
        label: t('practice.contactName'),
        value: v.contactName,
        errors: p.errors,
        autocomplete: 'name',
        onInput: (contactName) => p.onChange({ contactName }),
      })}
      ${inputField({
        id: id('contact-email'),
        name: 'contactEmail',
        label: t('practice.contactEmail'),
        type: 'email',
        value: v.contactEmail,
        errors: p.errors,
        autocomplete: 'email',
        onInput: (contactEmail) => p.onChange({ contactEmail }),
      })}
      ${inputField({
        id: id('contact-phone'),
        name: 'contactPhone',
        label: t('practice.contactPhone'),
        type: 'tel',
        value: v.contactPhone,
        errors: p.errors,
        autocomplete: 'tel',
        onInput: (contactPhone) => p.onChange({ contactPhone }),
      })}
      ${checkboxField({
        id: id('contact-visible'),
        name: 'contactVisible',
        label: t('practice.contactVisible'),
        checked: v.contactVisible,
        errors: p.errors,
        onChange: (contactVisible) => p.onChange({ contactVisible }),
      })}
    </fieldset>

    <div class="actions">
      <button type="submit" ?disabled=${p.sending}>${t('practice.saveDraft')}</button>
      ${p.actions ?? nothing}
    </div>
  </form>`;
}
