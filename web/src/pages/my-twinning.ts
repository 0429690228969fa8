import { html, nothing, type TemplateResult } from 'lit-html';
import { api, describeFailure, normalisePath, problemMessage, type FieldErrors } from '../api';
import { formatDateTime, t } from '../i18n';
import { loadOrganisationOptions, organisationOptions } from '../organisations';
import type { PageFactory } from '../router';
import { getMe, loadMe } from '../session';
import {
  attendeesForm,
  emptyAttendee,
  emptyMeeting,
  languageOptionsOfPartnership,
  MEETING_FIELDS,
  meetingBody,
  meetingDraft,
  meetingForm,
  type AttendeeDraft,
  type MeetingDraft,
} from '../twinning-forms';
import {
  adoptionLabel,
  formatLabel,
  meetingWhen,
  seatsText,
  titleOf,
  today,
  twinningHref,
  type MeetingView,
  type OutcomeView,
  type RegistrationView,
  type TwinningView,
  type UpdateView,
} from '../twinnings';
import {
  alertBox,
  checkboxField,
  dataTable,
  editorOnly,
  focusFirstInvalid,
  inputField,
  loading,
  restoreFocus,
  selectField,
  statusRegion,
  textareaField,
} from '../ui';
import { languageName } from '../vocabularies';

interface MeetingUi {
  registrations: RegistrationView[] | null;
  rows: AttendeeDraft[];
  organisationId: string;
  errors: FieldErrors;
  error: string | null;
  status: string | null;
  sending: boolean;
}

interface UpdateDraft {
  date: string;
  language: string;
  title: string;
  body: string;
  published: boolean;
}

interface OutcomeDraft {
  adoption: string;
  language: string;
  practice: string;
  started: string;
  firstResults: string;
  indicators: { name: string; value: string }[];
}

/**
 * A twinning's workspace. The coordinator edits meetings and sees every registration (and the
 * attendance sheet); member organisations' editors register their own people; the mentor posts
 * updates; each learner records its outcome.
 */
export const myTwinningPage: PageFactory = (ctx) => {
  const id = ctx.params.id;
  const base = `/api/twinnings/${encodeURIComponent(id)}`;
  let twinning: TwinningView | null = null;
  let missing = false;
  let loadError: string | null = null;
  const meetingUi = new Map<string, MeetingUi>();

  let meetingEdit: {
    id: string | null;
    draft: MeetingDraft;
    etag: string;
    errors: FieldErrors;
    error: string | null;
    sending: boolean;
  } | null = null;
  let meetingsStatus: string | null = null;

  let updateEdit: {
    id: string | null;
    draft: UpdateDraft;
    etag: string;
    errors: FieldErrors;
    error: string | null;
    sending: boolean;
  } | null = null;
  let translation: {
    id: string;
    etag: string;
    language: string;
    title: string;
    body: string;
    errors: FieldErrors;
    error: string | null;
    sending: boolean;
  } | null = null;
  let updatesStatus: string | null = null;

  let outcomeOrg = '';
  let outcome: OutcomeDraft | null = null;
  let outcomeEtag: string | null = null;
  let outcomeErrors: FieldErrors = {};
  let outcomeError: string | null = null;
  let outcomeStatus: string | null = null;
  let outcomeSending = false;

  async function load(): Promise<void> {
    const [result] = await Promise.all([api<TwinningView>(base), loadOrganisationOptions()]);
    if (result.ok && result.data?.id) {
      twinning = result.data;
      if (!outcomeOrg) outcomeOrg = twinning.viewer.role === 'learner' ? (twinning.viewer.organisationId ?? '') : '';
      if (outcomeOrg) takeOutcome(twinning.outcomes.find((o) => o.organisation.id === outcomeOrg) ?? null);
    } else if (!result.ok && result.status === 404) missing = true;
    else {
      loadError = result.ok ? t('error.generic') : problemMessage(result);
      if (!result.ok && result.status === 401) void loadMe();
    }
    ctx.update();
  }
  void load();

  function ui(m: MeetingView): MeetingUi {
    let state = meetingUi.get(m.id);
    if (!state) {
      state = {
        registrations: null,
        rows: [emptyAttendee()],
        organisationId: '',
        errors: {},
        error: null,
        status: null,
        sending: false,
      };
      meetingUi.set(m.id, state);
    }
    return state;
  }

  async function loadRegistrations(m: MeetingView): Promise<void> {
    const state = ui(m);
    const result = await api<RegistrationView[]>(`${base}/meetings/${encodeURIComponent(m.id)}/registrations`);
    if (result.ok && Array.isArray(result.data)) state.registrations = result.data;
    else state.error = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  }

  async function register(m: MeetingView, form: HTMLFormElement): Promise<void> {
    const state = ui(m);
    state.sending = true;
    state.errors = {};
    state.error = null;
    state.status = null;
    ctx.update();
    const body: Record<string, unknown> = {
      attendees: state.rows.map((r) => ({
        name: r.name.trim(),
        role: r.role.trim(),
        email: r.email.trim(),
        language: r.language || null,
      })),
    };
    if (twinning?.viewer.canEdit) body.organisationId = state.organisationId || null;
    const result = await api<RegistrationView[]>(`${base}/meetings/${encodeURIComponent(m.id)}/registrations`, {
      method: 'POST',
      body,
    });
    state.sending = false;
    if (result.ok) {
      state.status = t('twin.register.done', { count: state.rows.length });
      state.rows = [emptyAttendee()];
      await Promise.all([loadRegistrations(m), load()]);
    } else {
      const fields = [
        'organisationId',
        'attendees',
        ...state.rows.flatMap((_, i) => ['name', 'role', 'email', 'language'].map((f) => `attendees[${i}].${f}`)),
      ];
      ({ errors: state.errors, message: state.error } = describeFailure(
        result,
        fields,
        { 409: 'twin.register.full' },
        normalisePath,
      ));
      if (result.status === 409 && result.problem?.detail) state.error = `${t('twin.register.full')} ${result.problem.detail}`;
    }
    ctx.update();
    if (!result.ok) focusFirstInvalid(form);
    restoreFocus(form);
  }

  async function withdraw(m: MeetingView, r: RegistrationView): Promise<void> {
    const state = ui(m);
    const result = await api<RegistrationView>(
      `${base}/meetings/${encodeURIComponent(m.id)}/registrations/${encodeURIComponent(r.id)}`,
      {
        method: 'DELETE',
        headers: { 'If-Match': r.etag },
      },
    );
    state.status = result.ok ? t('twin.register.withdrawn', { name: r.name }) : null;
    state.error = result.ok ? null : problemMessage(result);
    await Promise.all([loadRegistrations(m), load()]);
  }

  async function saveMeeting(form: HTMLFormElement): Promise<void> {
    if (!meetingEdit) return;
    const edit = meetingEdit;
    edit.sending = true;
    edit.errors = {};
    edit.error = null;
    ctx.update();
    const result = edit.id
      ? await api<MeetingView>(`${base}/meetings/${encodeURIComponent(edit.id)}`, {
          method: 'PUT',
          body: meetingBody(edit.draft),
          headers: { 'If-Match': edit.etag },
        })
      : await api<MeetingView>(`${base}/meetings`, { method: 'POST', body: meetingBody(edit.draft) });
    edit.sending = false;
    if (result.ok) {
      meetingEdit = null;
      meetingsStatus = t('twin.meeting.saved');
      await load();
      return;
    }
    ({ errors: edit.errors, message: edit.error } = describeFailure(
      result,
      MEETING_FIELDS,
      { 409: 'twin.edit.stale' },
      normalisePath,
    ));
    ctx.update();
    focusFirstInvalid(form);
    restoreFocus(form);
  }

  async function cancelMeeting(m: MeetingView): Promise<void> {
    if (!window.confirm(t('twin.meeting.confirmCancel', { title: m.title }))) return;
    const result = await api<MeetingView>(`${base}/meetings/${encodeURIComponent(m.id)}/cancel`, {
      method: 'POST',
      headers: { 'If-Match': m.etag ?? '' },
    });
    meetingsStatus = result.ok
      ? t('twin.meeting.cancelledDone', { title: m.title })
      : problemMessage(result, { 409: 'twin.edit.stale' });
    await load();
  }

  function registrationsTable(m: MeetingView, state: MeetingUi): TemplateResult {
    if (!state.registrations)
      return html`<p><button type="button" class="secondary" @click=${() => loadRegistrations(m)}>${t('twin.register.show')}</button></p>`;
    const coming = state.registrations.filter((r) => r.status === 'registered');
    if (!coming.length) return html`<p class="muted">${t('twin.register.none')}</p>`;
    return dataTable<RegistrationView>(
      [
        { label: t('twin.register.name'), cell: (r) => r.name },
        { label: t('twin.register.organisation'), cell: (r) => r.organisation.name },
        { label: t('twin.register.role'), cell: (r) => r.role },
        { label: t('twin.register.email'), cell: (r) => r.email },
        { label: t('twin.register.language'), cell: (r) => languageName(r.language) },
        { label: t('twin.register.when'), cell: (r) => formatDateTime(r.registeredAt) },
        {
          label: t('reminder.actions'),
          cell: (r) =>
            m.isPast
              ? ''
              : html`<button type="button" class="secondary small" @click=${() => withdraw(m, r)}>${t('twin.register.withdraw', { name: r.name })}</button>`,
        },
      ],
      coming,
      t('twin.register.listCaption', { title: m.title }),
    );
  }

  function meetingCard(tw: TwinningView, m: MeetingView): TemplateResult {
    const state = ui(m);
    const editing = meetingEdit?.id === m.id;
    const memberOptions = [tw.mentor, ...tw.learners, ...m.invited].map((o) => ({ value: o.id, label: o.name }));
    return html`<li class="card meeting-admin">
      <h3>${m.title}</h3>
      <p>
        <span class="badge">${formatLabel(m.format)}</span> ${meetingWhen(m)}${m.city ? ` · ${m.city}` : ''}
        ${m.status === 'cancelled' ? html`<span class="badge warning">${t('twin.meeting.cancelled')}</span>` : nothing}
        ${m.capacity != null ? html` · ${seatsText(m)}` : nothing}
      </p>
      ${
        tw.viewer.canEdit && m.status !== 'cancelled' && !editing
          ? html`<p class="row-buttons">
            <button type="button" class="secondary small" @click=${() => {
              meetingEdit = { id: m.id, draft: meetingDraft(m), etag: m.etag ?? '', errors: {}, error: null, sending: false };
              ctx.update();
            }}>${t('twin.meeting.edit', { title: m.title })}</button>
            <button type="button" class="secondary small" @click=${() => cancelMeeting(m)}>${t('twin.meeting.cancel', { title: m.title })}</button>
            <a class="button-link secondary small" href=${`${base}/meetings/${encodeURIComponent(m.id)}/registrations.csv`} download>${t('twin.register.csv')}</a>
          </p>`
          : nothing
      }
      ${editing ? meetingEditor() : nothing}
      <h4>${t('twin.register.title')}</h4>
      ${registrationsTable(m, state)}
      ${
        m.canRegister
          ? html`<details class="register" ?open=${state.rows.some((r) => r.name || r.email)}>
            <summary>${t('twin.register.open', { title: m.title })}</summary>
            ${alertBox(state.error)}
            ${attendeesForm({
              idPrefix: `reg-${m.id}`,
              rows: state.rows,
              errors: state.errors,
              sending: state.sending,
              organisations: tw.viewer.canEdit ? memberOptions : undefined,
              organisationId: state.organisationId,
              onOrganisation: (organisationId) => {
                state.organisationId = organisationId;
                ctx.update();
              },
              onChange: (rows) => {
                state.rows = rows;
                ctx.update();
              },
              onSubmit: (form) => void register(m, form),
            })}
          </details>`
          : nothing
      }
      ${statusRegion(state.status)}
    </li>`;
  }

  function meetingEditor(): TemplateResult {
    const edit = meetingEdit!;
    return html`<div class="panel">
      ${alertBox(edit.error)}
      ${meetingForm({
        idPrefix: edit.id ? `mt-${edit.id}` : 'mt-new',
        value: edit.draft,
        errors: edit.errors,
        sending: edit.sending,
        organisations: organisationOptions(),
        submitLabel: edit.id ? t('twin.meeting.save') : t('twin.meeting.create'),
        onChange: (patch) => {
          edit.draft = { ...edit.draft, ...patch };
          ctx.update();
        },
        onSubmit: (form) => void saveMeeting(form),
        onCancel: () => {
          meetingEdit = null;
          ctx.update();
        },
      })}
    </div>`;
  }

  function meetingsSection(tw: TwinningView): TemplateResult {
    return html`<section aria-labelledby="ws-meetings">
      <h2 id="ws-meetings">${t('twin.meetings')}</h2>
      ${
        tw.viewer.canEdit && !meetingEdit
          ? html`<p><button type="button" @click=${() => {
              meetingEdit = { id: null, draft: emptyMeeting(), etag: '', errors: {}, error: null, sending: false };
              ctx.update();
            }}>${t('twin.meeting.add')}</button></p>`
          : nothing
      }
      ${meetingEdit && meetingEdit.id === null ? html`<h3>${t('twin.meeting.new')}</h3>${meetingEditor()}` : nothing}
      ${statusRegion(meetingsStatus)}
      ${tw.meetings.length ? html`<ul class="plain meetings">${tw.meetings.map((m) => meetingCard(tw, m))}</ul>` : html`<p class="muted">${t('twin.noMeetings')}</p>`}
    </section>`;
  }

  // Updates
  async function saveUpdate(form: HTMLFormElement): Promise<void> {
    if (!updateEdit) return;
    const edit = updateEdit;
    edit.sending = true;
    edit.errors = {};
    edit.error = null;
    ctx.update();
    const body = { ...edit.draft, date: edit.draft.date || null, language: edit.draft.language || null };
    const result = edit.id
      ? await api<UpdateView>(`${base}/updates/${encodeURIComponent(edit.id)}`, {
          method: 'PUT',
          body,
          headers: { 'If-Match': edit.etag },
        })
      : await api<UpdateView>(`${base}/updates`, { method: 'POST', body });
    edit.sending = false;
    if (result.ok) {
      updateEdit = null;
      updatesStatus = t('twin.update.saved');
      await load();
      return;
    }
    ({ errors: edit.errors, message: edit.error } = describeFailure(result, ['date', 'language', 'title', 'body'], {
      409: 'twin.edit.stale',
    }));
    ctx.update();
    focusFirstInvalid(form);
    restoreFocus(form);
  }

  async function togglePublished(u: UpdateView): Promise<void> {
    const original = u.texts.find((x) => x.isOriginal)!;
    const result = await api<UpdateView>(`${base}/updates/${encodeURIComponent(u.id)}`, {
      method: 'PUT',
      body: { date: u.date, language: original.language, title: original.title, body: original.body, published: !u.published },
      headers: { 'If-Match': u.etag ?? '' },
    });
    updatesStatus = result.ok
      ? u.published
        ? t('twin.update.unpublishedDone')
        : t('twin.update.publishedDone')
      : problemMessage(result, { 409: 'twin.edit.stale' });
    await load();
  }

  async function saveTranslation(form: HTMLFormElement): Promise<void> {
    if (!translation) return;
    const tr = translation;
    tr.sending = true;
    tr.errors = {};
    tr.error = null;
    ctx.update();
    const result = await api<UpdateView>(
      `${base}/updates/${encodeURIComponent(tr.id)}/translations/${encodeURIComponent(tr.language || '-')}`,
      {
        method: 'PUT',
        body: { title: tr.title, body: tr.body },
        headers: { 'If-Match': tr.etag },
      },
    );
    tr.sending = false;
    if (result.ok) {
      translation = null;
      updatesStatus = t('twin.update.translated');
      await load();
      return;
    }
    ({ errors: tr.errors, message: tr.error } = describeFailure(result, ['language', 'title', 'body'], {
      409: 'twin.edit.stale',
    }));
    ctx.update();
    focusFirstInvalid(form);
    restoreFocus(form);
  }

  function updateForm(): TemplateResult {
    const edit = updateEdit!;
    const set = (patch: Partial<UpdateDraft>) => {
      edit.draft = { ...edit.draft, ...patch };
      ctx.update();
    };
    return html`<div class="panel">
      ${alertBox(edit.error)}
      <form class="form" novalidate @submit=${(e: Event) => {
        e.preventDefault();
        if (!edit.sending) void saveUpdate(e.currentTarget as HTMLFormElement);
      }}>
        <div class="field-row two">
          ${inputField({ id: 'up-date', name: 'date', label: t('twin.update.date'), type: 'date', value: edit.draft.date, errors: edit.errors, required: true, onInput: (date) => set({ date }) })}
          ${selectField({ id: 'up-language', name: 'language', label: t('twin.update.language'), value: edit.draft.language, placeholder: t('mobForm.choose'), required: true, errors: edit.errors, options: languageOptionsOfPartnership(), onChange: (language) => set({ language }) })}
        </div>
        ${inputField({ id: 'up-title', name: 'title', label: t('twin.update.title'), value: edit.draft.title, errors: edit.errors, required: true, maxlength: 200, lang: edit.draft.language || undefined, onInput: (title) => set({ title }) })}
        ${textareaField({ id: 'up-body', name: 'body', label: t('twin.update.body'), value: edit.draft.body, errors: edit.errors, rows: 6, maxlength: 8000, counter: true, lang: edit.draft.language || undefined, onInput: (body) => set({ body }) })}
        ${checkboxField({ id: 'up-published', name: 'published', label: t('twin.update.publish'), checked: edit.draft.published, errors: edit.errors, onChange: (published) => set({ published }) })}
        <div class="actions">
          <button type="submit" ?disabled=${edit.sending}>${edit.id ? t('twin.update.save') : t('twin.update.post')}</button>
          <button type="button" class="secondary" @click=${() => {
            updateEdit = null;
            ctx.update();
          }}>${t('twin.cancelEdit')}</button>
        </div>
      </form>
    </div>`;
  }

  function translationForm(u: UpdateView): TemplateResult {
    const tr = translation!;
    const original = u.texts.find((x) => x.isOriginal)!;
    const set = (patch: Partial<typeof tr>) => {
      Object.assign(tr, patch);
      ctx.update();
    };
    return html`<div class="panel">
      ${alertBox(tr.error)}
      <form class="form" novalidate @submit=${(e: Event) => {
        e.preventDefault();
        if (!tr.sending) void saveTranslation(e.currentTarget as HTMLFormElement);
      }}>
        ${selectField({ id: 'tr-language', name: 'language', label: t('twin.update.translationLanguage'), value: tr.language, placeholder: t('mobForm.choose'), required: true, errors: tr.errors, options: languageOptionsOfPartnership().filter((o) => o.value !== original.language), onChange: (language) => set({ language }) })}
        ${inputField({ id: 'tr-title', name: 'title', label: t('twin.update.title'), value: tr.title, errors: tr.errors, required: true, maxlength: 200, lang: tr.language || undefined, onInput: (title) => set({ title }) })}
        ${textareaField({ id: 'tr-body', name: 'body', label: t('twin.update.body'), value: tr.body, errors: tr.errors, rows: 6, maxlength: 8000, lang: tr.language || undefined, onInput: (body) => set({ body }) })}
        <div class="actions">
          <button type="submit" ?disabled=${tr.sending}>${t('twin.update.saveTranslation')}</button>
          <button type="button" class="secondary" @click=${() => {
            translation = null;
            ctx.update();
          }}>${t('twin.cancelEdit')}</button>
        </div>
      </form>
    </div>`;
  }

  function updateItem(u: UpdateView): TemplateResult {
    const original = u.texts.find((x) => x.isOriginal)!;
    return html`<li class="card">
      <h3 lang=${original.language}>${original.title}</h3>
      <p class="muted">
        ${u.date} · ${u.published ? t('twin.update.isPublished') : t('twin.update.draft')} ·
        ${u.texts.map((x) => html`<span class="badge ${x.outOfDate ? 'warning' : ''}">${languageName(x.language)}${x.outOfDate ? ` (${t('practice.outOfDate')})` : ''}</span> `)}
      </p>
      <p class="row-buttons">
        <button type="button" class="secondary small" @click=${() => {
          updateEdit = {
            id: u.id,
            etag: u.etag ?? '',
            draft: {
              date: u.date,
              language: original.language,
              title: original.title,
              body: original.body,
              published: u.published,
            },
            errors: {},
            error: null,
            sending: false,
          };
          ctx.update();
        }}>${t('twin.update.edit', { title: original.title })}</button>
        <button type="button" class="secondary small" @click=${() => togglePublished(u)}>${u.published ? t('twin.update.unpublish') : t('twin.update.publishNow')}</button>
        <button type="button" class="secondary small" @click=${() => {
          translation = {
            id: u.id,
            etag: u.etag ?? '',
            language: '',
            title: '',
            body: '',
            errors: {},
            error: null,
            sending: false,
          };
          ctx.update();
        }}>${t('twin.update.translate', { title: original.title })}</button>
      </p>
      ${updateEdit?.id === u.id ? updateForm() : nothing} ${translation?.id === u.id ? translationForm(u) : nothing}
    </li>`;
  }

  function updatesSection(tw: TwinningView): TemplateResult | typeof nothing {
    if (!tw.viewer.canPostUpdates) return nothing;
    return html`<section aria-labelledby="ws-updates">
      <h2 id="ws-updates">${t('twin.updates')}</h2>
      ${
        !updateEdit
          ? html`<p><button type="button" @click=${() => {
              updateEdit = {
                id: null,
                etag: '',
                draft: { date: today(), language: '', title: '', body: '', published: true },
                errors: {},
                error: null,
                sending: false,
              };
              ctx.update();
            }}>${t('twin.update.new')}</button></p>`
          : nothing
      }
      ${updateEdit && updateEdit.id === null ? updateForm() : nothing} ${statusRegion(updatesStatus)}
      ${tw.updates.length ? html`<ul class="plain">${tw.updates.map(updateItem)}</ul>` : html`<p class="muted">${t('twin.noUpdates')}</p>`}
    </section>`;
  }

  // Outcomes
  function takeOutcome(o: OutcomeView | null): void {
    outcomeEtag = o?.etag ?? null;
    outcome = o
      ? {
          adoption: o.adoption,
          language: o.language,
          practice: o.practice,
          started: o.started,
          firstResults: o.firstResults,
          indicators: o.indicators.map((x) => ({ name: x.name, value: x.value ?? '' })),
        }
      : { adoption: '', language: '', practice: '', started: '', firstResults: '', indicators: [] };
  }

  async function saveOutcome(form: HTMLFormElement): Promise<void> {
    if (!outcome) return;
    outcomeSending = true;
    outcomeErrors = {};
    outcomeError = null;
    outcomeStatus = null;
    ctx.update();
    const result = await api<OutcomeView>(`${base}/outcomes/${encodeURIComponent(outcomeOrg)}`, {
      method: 'PUT',
      body: {
        ...outcome,
        adoption: outcome.adoption || null,
        language: outcome.language || null,
        indicators: outcome.indicators.map((x) => ({ name: x.name, value: x.value || null })),
      },
      headers: outcomeEtag ? { 'If-Match': outcomeEtag } : {},
    });
    outcomeSending = false;
    if (result.ok && result.data) {
      takeOutcome(result.data);
      outcomeStatus = t('twin.outcome.saved');
    } else if (!result.ok) {
      const fields = [
        'adoption',
        'language',
        'practice',
        'started',
        'firstResults',
        'indicators',
        ...outcome.indicators.flatMap((_, i) => [`indicators[${i}].name`, `indicators[${i}].value`]),
      ];
      ({ errors: outcomeErrors, message: outcomeError } = describeFailure(
        result,
        fields,
        { 409: 'twin.edit.stale' },
        normalisePath,
      ));
    }
    ctx.update();
    if (!result.ok) focusFirstInvalid(form);
    restoreFocus(form);
  }

  function outcomeSection(tw: TwinningView): TemplateResult | typeof nothing {
    if (!tw.viewer.canRecordOutcome) return nothing;
    const chooser = tw.viewer.canEdit
      ? selectField({
          id: 'oc-org',
          name: 'organisationId',
          label: t('twin.outcome.for'),
          value: outcomeOrg,
          placeholder: t('mobForm.choose'),
          errors: {},
          options: tw.learners.map((l) => ({ value: l.id, label: l.name })),
          onChange: (org) => {
            outcomeOrg = org;
            takeOutcome(tw.outcomes.find((o) => o.organisation.id === org) ?? null);
            ctx.update();
          },
        })
      : nothing;
    const o = outcome;
    const set = (patch: Partial<OutcomeDraft>) => {
      outcome = { ...outcome!, ...patch };
      ctx.update();
    };
    return html`<section aria-labelledby="ws-outcome">
      <h2 id="ws-outcome">${t('twin.outcome.title')}</h2>
      <p class="note">${t('twin.outcome.intro')}</p>
      ${chooser}
      ${
        outcomeOrg && o
          ? html`${alertBox(outcomeError)}
            <form class="form outcome-form" novalidate @submit=${(e: Event) => {
              e.preventDefault();
              if (!outcomeSending) void saveOutcome(e.currentTarget as HTMLFormElement);
            }}>
              <div class="field-row two">
                ${selectField({ id: 'oc-adoption', name: 'adoption', label: t('twin.outcome.adoption'), value: o.adoption, placeholder: t('mobForm.choose'), required: true, errors: outcomeErrors, options: (['adopted', 'adapted'] as const).map((a) => ({ value: a, label: adoptionLabel(a) })), onChange: (adoption) => set({ adoption }) })}
                ${selectField({ id: 'oc-language', name: 'language', label: t('twin.update.language'), value: o.language, placeholder: t('mobForm.choose'), required: true, errors: outcomeErrors, options: languageOptionsOfPartnership(), onChange: (language) => set({ language }) })}
              </div>
              ${textareaField({ id: 'oc-practice', name: 'practice', label: t('twin.outcome.practice'), value: o.practice, errors: outcomeErrors, rows: 3, maxlength: 4000, onInput: (practice) => set({ practice }) })}
              ${textareaField({ id: 'oc-started', name: 'started', label: t('twin.outcome.started'), value: o.started, errors: outcomeErrors, rows: 3, maxlength: 4000, onInput: (started) => set({ started }) })}
              ${textareaField({ id: 'oc-results', name: 'firstResults', label: t('twin.outcome.firstResults'), value: o.firstResults, errors: outcomeErrors, rows: 3, maxlength: 4000, onInput: (firstResults) => set({ firstResults }) })}
              <fieldset class="group">
                <legend>${t('practice.indicators')}</legend>
                ${o.indicators.map(
                  (x, i) => html`<div class="field-row two indicator-row">
                    ${inputField({ id: `oc-ind-name-${i}`, name: `indicators[${i}].name`, label: t('twin.outcome.indicatorName', { n: i + 1 }), value: x.name, errors: outcomeErrors, maxlength: 200, onInput: (name) => set({ indicators: o.indicators.map((y, j) => (j === i ? { ...y, name } : y)) }) })}
                    ${inputField({ id: `oc-ind-value-${i}`, name: `indicators[${i}].value`, label: t('twin.outcome.indicatorValue', { n: i + 1 }), value: x.value, errors: outcomeErrors, maxlength: 100, onInput: (value) => set({ indicators: o.indicators.map((y, j) => (j === i ? { ...y, value } : y)) }) })}
                  </div>`,
                )}
                <button type="button" class="secondary small" @click=${() => set({ indicators: [...o.indicators, { name: '', value: '' }] })}>${t('twin.outcome.addIndicator')}</button>
              </fieldset>
              <div class="actions"><button type="submit" ?disabled=${outcomeSending}>${t('twin.outcome.save')}</button></div>
            </form>
            ${statusRegion(outcomeStatus)}`
          : nothing
      }
    </section>`;
  }

  function body(): TemplateResult {
    const back = html`<p class="back"><a href="/my/twinnings">${t('twin.my.title')}</a> · <a href=${twinningHref(id)}>${t('twin.edit.publicPage')}</a></p>`;
    if (missing) return html`${back}<p class="notice">${t('twin.notFound')}</p>`;
    if (loadError) return html`${back}${alertBox(loadError)}`;
    if (!twinning) return html`${back}${loading()}`;
    const tw = twinning;
    const me = getMe();
    const part = tw.viewer.canEdit
      ? t('twin.role.coordinator')
      : tw.viewer.role
        ? t(tw.viewer.role === 'mentor' ? 'twin.role.mentor' : 'twin.role.learner')
        : null;
    return html`${back}
      <p class="lead">${part ?? (me && me.signedIn ? t('twin.role.invitedOnly') : '')}</p>
      ${tw.viewer.canEdit ? html`<p><a class="button-link secondary" href=${`/admin/twinnings/${encodeURIComponent(tw.id)}/edit`}>${t('twin.edit.link')}</a></p>` : nothing}
      ${meetingsSection(tw)} ${updatesSection(tw)} ${outcomeSection(tw)}`;
  }

  return {
    title: () => (twinning ? titleOf(twinning.texts).title : t('twin.my.title')),
    titleLang: () => (twinning ? titleOf(twinning.texts).language : undefined),
    view: () => editorOnly(body),
  };
};
