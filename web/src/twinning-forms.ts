import { html, nothing, type TemplateResult } from 'lit-html';
import { codeMessage, type FieldErrors } from './api';
import type { components } from './api/schema';
import { submitHandler } from './form-fields';
import { t } from './i18n';
import { formatLabel, PARTNERSHIP_LANGUAGES, type MeetingView } from './twinnings';
import { checkboxField, checkboxGroup, inputField, selectField, textareaField } from './ui';
import { languageName } from './vocabularies';

/** Time zones offered for online meetings: the partnership's countries. */
export const TIME_ZONES: readonly string[] = [
  'Europe/Rome',
  'Europe/Oslo',
  'Europe/Stockholm',
  'Europe/Madrid',
  'Europe/Bucharest',
  'Atlantic/Reykjavik',
  'Europe/Luxembourg',
  'Europe/Brussels',
  'Europe/Helsinki',
  'Europe/Sofia',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/London',
  'UTC',
];

export function languageOptionsOfPartnership(): { value: string; label: string }[] {
  return PARTNERSHIP_LANGUAGES.map((l) => ({ value: l, label: languageName(l) }));
}

export interface MeetingDraft {
  format: string;
  title: string;
  agenda: string;
  materials: string;
  isPublic: boolean;
  capacity: string;
  startsAt: string;
  timeZone: string;
  durationMinutes: string;
  joinUrl: string;
  hostOrganisationId: string;
  address: string;
  city: string;
  firstDay: string;
  lastDay: string;
  invitedOrganisationIds: string[];
}

export const MEETING_FIELDS = [
  'format',
  'title',
  'agenda',
  'materials',
  'isPublic',
  'capacity',
  'startsAt',
  'timeZone',
  'durationMinutes',
  'joinUrl',
  'hostOrganisationId',
  'address',
  'city',
  'firstDay',
  'lastDay',
  'invitedOrganisationIds',
];

export function emptyMeeting(): MeetingDraft {
  return {
    format: 'in-person',
    title: '',
    agenda: '',
    materials: '',
    isPublic: true,
    capacity: '',
    startsAt: '',
    timeZone: 'Europe/Rome',
    durationMinutes: '90',
    joinUrl: '',
    hostOrganisationId: '',
    address: '',
    city: '',
    firstDay: '',
    lastDay: '',
    invitedOrganisationIds: [],
  };
}

export function meetingDraft(m: MeetingView): MeetingDraft {
  return {
    format: m.format,
    title: m.title,
    agenda: m.agenda ?? '',
    materials: m.materials ?? '',
    isPublic: m.isPublic,
    capacity: m.capacity?.toString() ?? '',
    startsAt: m.startsAtLocal ?? '',
    timeZone: m.timeZone,
    durationMinutes: m.durationMinutes?.toString() ?? '',
    joinUrl: m.joinUrl ?? '',
    hostOrganisationId: m.host?.id ?? '',
    address: m.address ?? '',
    city: m.city ?? '',
    firstDay: m.format === 'in-person' ? m.firstDay : '',
    lastDay: m.format === 'in-person' ? m.lastDay : '',
    invitedOrganisationIds: m.invited.map((o) => o.id),
  };
}

type MeetingInput = components['schemas']['MeetingInput'];

/**
 * Only the fields of the chosen format, with everything else null. A number box holding something that is not a
 * whole number is refused here, beside its field, as the API would refuse it.
 */
export function meetingBody(d: MeetingDraft): { body: MeetingInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = (name: 'capacity' | 'durationMinutes', value: string): number | null => {
    const trimmed = value.trim();
    if (!trimmed) return null;
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    errors[name] = [codeMessage('invalid')];
    return null;
  };
  const format = d.format === 'online' || d.format === 'in-person' ? d.format : null;
  const online = format === 'online';
  const body: MeetingInput = {
    format,
    title: d.title.trim(),
    agenda: d.agenda.trim() || null,
    materials: d.materials.trim() || null,
    isPublic: d.isPublic,
    capacity: number('capacity', d.capacity),
    startsAt: online ? d.startsAt || null : null,
    timeZone: online ? d.timeZone || null : null,
    durationMinutes: online ? number('durationMinutes', d.durationMinutes) : null,
    joinUrl: online ? d.joinUrl.trim() || null : null,
    hostOrganisationId: online ? null : d.hostOrganisationId || null,
    address: online ? null : d.address.trim(),
    city: online ? null : d.city.trim(),
    firstDay: online ? null : d.firstDay || null,
    lastDay: online ? null : d.lastDay || null,
    invitedOrganisationIds: online ? null : d.invitedOrganisationIds,
  };
  return { body, errors };
}

export interface MeetingFormProps {
  idPrefix: string;
  value: MeetingDraft;
  errors: FieldErrors;
  sending: boolean;
  organisations: { value: string; label: string }[];
  submitLabel: string;
  onChange(patch: Partial<MeetingDraft>): void;
  onSubmit(form: HTMLFormElement): void;
  onCancel?(): void;
}

export function meetingForm(p: MeetingFormProps): TemplateResult {
  const v = p.value;
  const id = (name: string) => `${p.idPrefix}-${name}`;
  const errors = p.errors;
  return html`<form class="form meeting-form" novalidate @submit=${submitHandler(p)}>
    ${selectField({
      id: id('format'),
      name: 'format',
      label: t('twin.meeting.format'),
      value: v.format,
      placeholder: t('mobForm.choose'),
      required: true,
      errors,
      options: (['in-person', 'online'] as const).map((f) => ({ value: f, label: formatLabel(f) })),
      onChange: (format) => p.onChange({ format }),
    })}
    ${inputField({ id: id('title'), name: 'title', label: t('twin.meeting.title'), value: v.title, errors, required: true, maxlength: 200, onInput: (title) => p.onChange({ title }) })}
    ${
      v.format === 'online'
        ? html`<div class="field-row two">
            ${inputField({ id: id('startsAt'), name: 'startsAt', label: t('twin.meeting.startsAt'), type: 'datetime-local', value: v.startsAt, errors, required: true, onInput: (startsAt) => p.onChange({ startsAt }) })}
            ${selectField({
              id: id('timeZone'),
              name: 'timeZone',
              label: t('twin.meeting.timeZone'),
              value: v.timeZone,
              placeholder: t('mobForm.choose'),
              required: true,
              errors,
              options: TIME_ZONES.map((z) => ({ value: z, label: z })),
              onChange: (timeZone) => p.onChange({ timeZone }),
            })}
          </div>
          ${inputField({ id: id('duration'), name: 'durationMinutes', label: t('twin.meeting.duration'), type: 'number', inputmode: 'numeric', value: v.durationMinutes, errors, required: true, onInput: (durationMinutes) => p.onChange({ durationMinutes }) })}
          ${inputField({ id: id('join'), name: 'joinUrl', label: t('twin.meeting.joinUrl'), type: 'url', value: v.joinUrl, errors, hint: t('twin.meeting.joinUrlHint'), onInput: (joinUrl) => p.onChange({ joinUrl }) })}`
        : html`${selectField({
            id: id('host'),
            name: 'hostOrganisationId',
            label: t('twin.meeting.host'),
            value: v.hostOrganisationId,
            placeholder: t('mobForm.choose'),
            required: true,
            errors,
            options: p.organisations,
            onChange: (hostOrganisationId) => p.onChange({ hostOrganisationId }),
          })}
          ${textareaField({ id: id('address'), name: 'address', label: t('twin.meeting.address'), value: v.address, errors, rows: 2, maxlength: 500, onInput: (address) => p.onChange({ address }) })}
          ${inputField({ id: id('city'), name: 'city', label: t('twin.meeting.city'), value: v.city, errors, required: true, maxlength: 100, onInput: (city) => p.onChange({ city }) })}
          <div class="field-row two">
            ${inputField({ id: id('first'), name: 'firstDay', label: t('twin.meeting.firstDay'), type: 'date', value: v.firstDay, errors, required: true, onInput: (firstDay) => p.onChange({ firstDay }) })}
            ${inputField({ id: id('last'), name: 'lastDay', label: t('twin.meeting.lastDay'), type: 'date', value: v.lastDay, errors, required: true, onInput: (lastDay) => p.onChange({ lastDay }) })}
          </div>
          <details class="invited">
            <summary>${t('twin.meeting.invite')}</summary>
            ${checkboxGroup({
              id: id('invited'),
              name: 'invitedOrganisationIds',
              legend: t('twin.meeting.invited'),
              errors,
              options: p.organisations,
              selected: v.invitedOrganisationIds,
              onChange: (invitedOrganisationIds) => p.onChange({ invitedOrganisationIds }),
            })}
          </details>`
    }
    ${inputField({ id: id('capacity'), name: 'capacity', label: t('twin.meeting.capacity'), type: 'number', inputmode: 'numeric', value: v.capacity, errors, hint: t('twin.meeting.capacityHint'), onInput: (capacity) => p.onChange({ capacity }) })}
    ${textareaField({ id: id('agenda'), name: 'agenda', label: t('twin.meeting.agenda'), value: v.agenda, errors, rows: 4, maxlength: 4000, onInput: (agenda) => p.onChange({ agenda }) })}
    ${textareaField({ id: id('materials'), name: 'materials', label: t('twin.meeting.materials'), value: v.materials, errors, rows: 2, maxlength: 4000, onInput: (materials) => p.onChange({ materials }) })}
    ${checkboxField({ id: id('public'), name: 'isPublic', label: t('twin.meeting.public'), checked: v.isPublic, errors, onChange: (isPublic) => p.onChange({ isPublic }) })}
    <div class="actions">
      <button type="submit" ?disabled=${p.sending}>${p.sending ? t('mobForm.saving') : p.submitLabel}</button>
      ${p.onCancel ? html`<button type="button" class="secondary" @click=${() => p.onCancel!()}>${t('twin.cancelEdit')}</button>` : nothing}
    </div>
  </form>`;
}

export interface AttendeeDraft {
  name: string;
  role: string;
  email: string;
  language: string;
}

export function emptyAttendee(): AttendeeDraft {
  return { name: '', role: '', email: '', language: '' };
}

export interface AttendeesFormProps {
  idPrefix: string;
  rows: AttendeeDraft[];
  errors: FieldErrors;
  sending: boolean;
  /** For the coordinator: whose people these are. */
  organisations?: { value: string; label: string }[];
  organisationId?: string;
  onOrganisation?(id: string): void;
  onChange(rows: AttendeeDraft[]): void;
  onSubmit(form: HTMLFormElement): void;
}

export function attendeesForm(p: AttendeesFormProps): TemplateResult {
  const set = (i: number, patch: Partial<AttendeeDraft>) => p.onChange(p.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const errors = p.errors;
  return html`<form class="form attendees-form" novalidate @submit=${submitHandler(p)}>
    ${
      p.organisations
        ? selectField({
            id: `${p.idPrefix}-org`,
            name: 'organisationId',
            label: t('twin.register.organisation'),
            value: p.organisationId ?? '',
            placeholder: t('mobForm.choose'),
            required: true,
            errors,
            options: p.organisations,
            onChange: (id) => p.onOrganisation?.(id),
          })
        : nothing
    }
    ${errors['attendees'] ? html`<p class="field-error">${errors['attendees'].join(' ')}</p>` : nothing}
    ${p.rows.map(
      (r, i) => html`<fieldset class="group attendee-row">
        <legend>${t('twin.register.person', { n: i + 1 })}</legend>
        ${inputField({ id: `${p.idPrefix}-name-${i}`, name: `attendees[${i}].name`, label: t('twin.register.nameOf', { n: i + 1 }), value: r.name, errors, required: true, autocomplete: 'off', maxlength: 200, onInput: (name) => set(i, { name }) })}
        ${inputField({ id: `${p.idPrefix}-role-${i}`, name: `attendees[${i}].role`, label: t('twin.register.roleOf', { n: i + 1 }), value: r.role, errors, required: true, maxlength: 200, onInput: (role) => set(i, { role }) })}
        ${inputField({ id: `${p.idPrefix}-email-${i}`, name: `attendees[${i}].email`, label: t('twin.register.emailOf', { n: i + 1 }), type: 'email', value: r.email, errors, required: true, autocomplete: 'off', onInput: (email) => set(i, { email }) })}
        ${selectField({
          id: `${p.idPrefix}-language-${i}`,
          name: `attendees[${i}].language`,
          label: t('twin.register.languageOf', { n: i + 1 }),
          value: r.language,
          placeholder: t('mobForm.choose'),
          required: true,
          errors,
          options: languageOptionsOfPartnership(),
          onChange: (language) => set(i, { language }),
        })}
        ${
          p.rows.length > 1
            ? html`<button type="button" class="secondary small" @click=${() => p.onChange(p.rows.filter((_, j) => j !== i))}>${t('twin.register.remove', { n: i + 1 })}</button>`
            : nothing
        }
      </fieldset>`,
    )}
    <div class="actions">
      <button type="button" class="secondary" @click=${() => p.onChange([...p.rows, emptyAttendee()])}>${t('twin.register.addPerson')}</button>
      <button type="submit" ?disabled=${p.sending}>${p.sending ? t('mobForm.saving') : t('twin.register.submit')}</button>
    </div>
  </form>`;
}
