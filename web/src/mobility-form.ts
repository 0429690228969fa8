import { html, nothing, type TemplateResult } from 'lit-html';
import type { FieldErrors } from './api';
import type { components } from './api/schema';
import { countryOptions } from './countries';
import { draftInput, submitHandler, textValues } from './form-fields';
import { t } from './i18n';
import { MOBILITY_STATUSES, mobilityStatusLabel, type MobilityView } from './mobilities';
import { selectField, textareaField, type InputField } from './ui';
import { languageOptions } from './vocabularies';

export const PROGRAMME_MAX = 4000;

type MobilityBody = components['schemas']['MobilityInput'];
type HostBody = components['schemas']['HostDetailsInput'];

/** The form's draft: every field of the API's input, as the text in its box. */
export type MobilityInput = { [K in keyof MobilityBody]-?: string };

/** Field names the API's validation uses (MobilityRules), so errors land next to the right field. */
export const MOBILITY_FIELDS: (keyof MobilityInput)[] = [
  'participantName',
  'participantEmail',
  'language',
  'profession',
  'homeCountry',
  'sendingOrganisationId',
  'hostOrganisationId',
  'startDate',
  'endDate',
  'status',
  'hostAddress',
  'hostContactName',
  'hostContactEmail',
  'hostContactPhone',
  'programme',
];

export function emptyMobility(sendingOrganisationId = ''): MobilityInput {
  return { ...textValues({}, MOBILITY_FIELDS), sendingOrganisationId, status: 'planned' };
}

/** A stored registration as the form's draft; the host's details, which the host fills in later, empty until then. */
export function toMobilityInput(m: MobilityView): MobilityInput {
  return textValues(m, MOBILITY_FIELDS);
}

/** The host's details: the host organisation's editors (or a coordinator) fill them in. */
export const HOST_FIELDS: (keyof MobilityInput)[] = [
  'hostAddress',
  'hostContactName',
  'hostContactEmail',
  'hostContactPhone',
  'programme',
];

/**
 * Body for POST/PUT: trimmed strings, empty dates as null; the API decides what is required.
 * Without the host's details when the sender may not write them (a sending partner).
 */
export function toMobilityBody(v: MobilityInput, withHostDetails = true): MobilityBody {
  const day = (value: string) => value.trim() || null;
  return {
    participantName: v.participantName.trim(),
    participantEmail: v.participantEmail.trim(),
    language: v.language.trim(),
    profession: v.profession.trim(),
    homeCountry: v.homeCountry.trim(),
    sendingOrganisationId: v.sendingOrganisationId.trim(),
    hostOrganisationId: v.hostOrganisationId.trim(),
    startDate: day(v.startDate),
    endDate: day(v.endDate),
    status: v.status.trim(),
    ...(withHostDetails
      ? toHostBody(v)
      : { hostAddress: null, hostContactName: null, hostContactEmail: null, hostContactPhone: null, programme: null }),
  };
}

export interface MobilityFormProps {
  value: MobilityInput;
  errors: FieldErrors;
  sending: boolean;
  organisations: { value: string; label: string }[];
  /** Only a coordinator registering a new mobility chooses the sending organisation. */
  chooseSending: boolean;
  /** The host's details are part of this form (a coordinator); a sending partner leaves them to the host. */
  withHostDetails: boolean;
  onChange: (patch: Partial<MobilityInput>) => void;
  onSubmit(form: HTMLFormElement): void;
}

export function mobilityForm(p: MobilityFormProps): TemplateResult {
  const v = p.value;
  const id = (name: string) => `mob-${name}`;
  const submit = submitHandler(p);
  const text = (name: keyof MobilityInput, label: string, extra: Partial<InputField> = {}) =>
    draftInput(p, { id: id(name), name, label, ...extra });
  const choose = (
    name: keyof MobilityInput,
    label: string,
    options: { value: string; label: string }[],
    extra: Partial<Parameters<typeof selectField>[0]> = {},
  ) =>
    selectField({
      id: id(name),
      name,
      label,
      value: v[name],
      placeholder: t('mobForm.choose'),
      options,
      errors: p.errors,
      onChange: (value) => p.onChange({ [name]: value }),
      ...extra,
    });
  return html`<form class="form mobility-form" novalidate @submit=${submit}>
    <fieldset class="group">
      <legend>${t('mobForm.participant')}</legend>
      ${text('participantName', t('mobForm.participantName'), { required: true, autocomplete: 'off', maxlength: 200 })}
      ${text('participantEmail', t('mobForm.participantEmail'), { type: 'email', required: true, autocomplete: 'off' })}
      ${choose('language', t('mobForm.language'), languageOptions(v.language || undefined), {
        required: true,
        hint: t('mobForm.languageHint'),
      })}
      ${text('profession', t('mobForm.profession'), { required: true, maxlength: 200 })}
      ${choose('homeCountry', t('mobForm.homeCountry'), countryOptions(), {
        hint: t('mobForm.homeCountryHint'),
        placeholder: t('mobForm.sameAsSending'),
      })}
    </fieldset>
    <fieldset class="group">
      <legend>${t('mobForm.visit')}</legend>
      ${choose('sendingOrganisationId', t('mobForm.sending'), p.organisations, {
        required: true,
        disabled: !p.chooseSending,
      })}
      ${choose(
        'hostOrganisationId',
        t('mobForm.host'),
        p.organisations.filter((o) => o.value !== v.sendingOrganisationId),
        { required: true },
      )}
      <div class="field-row two">
        ${text('startDate', t('mobForm.startDate'), { type: 'date', required: true })}
        ${text('endDate', t('mobForm.endDate'), { type: 'date', required: true })}
      </div>
      ${choose(
        'status',
        t('mobForm.status'),
        MOBILITY_STATUSES.map((s) => ({ value: s, label: mobilityStatusLabel(s) })),
        { required: true },
      )}
    </fieldset>
    ${p.withHostDetails ? hostFieldset(v, p.errors, p.onChange) : nothing}
    <div class="actions">
      <button type="submit" ?disabled=${p.sending}>${p.sending ? t('mobForm.saving') : t('mobForm.submit')}</button>
    </div>
  </form>`;
}

function hostFieldset(v: MobilityInput, errors: FieldErrors, onChange: (patch: Partial<MobilityInput>) => void): TemplateResult {
  const id = (name: string) => `mob-${name}`;
  const hostText = (name: keyof MobilityInput, label: string, extra: Partial<InputField> = {}) =>
    draftInput({ value: v, errors, onChange }, { id: id(name), name, label, ...extra });
  return html`<fieldset class="group">
      <legend>${t('mobForm.hostDetails')}</legend>
      ${textareaField({
        id: id('hostAddress'),
        name: 'hostAddress',
        label: t('mobForm.hostAddress'),
        value: v.hostAddress,
        errors: errors,
        rows: 2,
        maxlength: 500,
        onInput: (hostAddress) => onChange({ hostAddress }),
      })}
      ${hostText('hostContactName', t('mobForm.hostContactName'), { maxlength: 200 })}
      ${hostText('hostContactEmail', t('mobForm.hostContactEmail'), { type: 'email' })}
      ${hostText('hostContactPhone', t('mobForm.hostContactPhone'), { type: 'tel', maxlength: 40 })}
      ${textareaField({
        id: id('programme'),
        name: 'programme',
        label: t('mobForm.programme'),
        hint: t('mobForm.programmeHint'),
        value: v.programme,
        errors: errors,
        rows: 8,
        maxlength: PROGRAMME_MAX,
        counter: true,
        onInput: (programme) => onChange({ programme }),
      })}
    </fieldset>`;
}

export interface HostDetailsFormProps {
  value: MobilityInput;
  errors: FieldErrors;
  sending: boolean;
  onChange: (patch: Partial<MobilityInput>) => void;
  onSubmit(form: HTMLFormElement): void;
}

/** The host organisation's part of a mobility: what it tells the visitor. */
export function hostDetailsForm(p: HostDetailsFormProps): TemplateResult {
  const submit = submitHandler(p);
  return html`<form class="form mobility-form" novalidate @submit=${submit}>
    ${hostFieldset(p.value, p.errors, p.onChange)}
    <div class="actions">
      <button type="submit" ?disabled=${p.sending}>${p.sending ? t('mobForm.saving') : t('mobForm.saveHost')}</button>
    </div>
  </form>`;
}

/** Body for PUT …/host. */
export function toHostBody(v: MobilityInput): HostBody {
  return {
    hostAddress: v.hostAddress.trim(),
    hostContactName: v.hostContactName.trim(),
    hostContactEmail: v.hostContactEmail.trim(),
    hostContactPhone: v.hostContactPhone.trim(),
    programme: v.programme.trim(),
  };
}
