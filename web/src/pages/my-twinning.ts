import { html, nothing, type TemplateResult } from 'lit-html';
import { normalisePath, problemMessage } from '../api';
import type { UpdateTextView } from '../api/schema';
import { client, settle } from '../client';
import { draftHooks } from '../draft';
import { formState, refuseInvalid, submitForm, type FormState } from '../form';
import { formatDateTime, t } from '../i18n';
import { loadOrganisationOptions, organisationOptions } from '../organisations';
import { followSession, loadStateView, once, toLoadState, type LoadState } from '../page';
import type { PageFactory } from '../router';
import { getMe } from '../session';
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
import { alertBox, checkboxField, dataTable, editorOnly, inputField, selectField, statusRegion, textareaField } from '../ui';
import { languageName } from '../vocabularies';

/** A meeting's registrations and the form to register more people. */
interface MeetingUi extends FormState {
  registrations: RegistrationView[] | null;
  rows: AttendeeDraft[];
  organisationId: string;
  status: string | null;
}

/** A form open on one record (null: a new one), with the ETag of the version it was opened on. */
interface Editing<T> extends FormState {
  id: string | null;
  etag: string;
  draft: T;
}

interface TranslationDraft {
  language: string;
  title: string;
  body: string;
}

/** The original text of an update: the one its translations follow. */
function originalOf(u: UpdateView): UpdateTextView | undefined {
  return u.texts.find((x) => x.isOriginal) ?? u.texts[0];
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
  const path = { id };
  const update = () => ctx.update();
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());
  let state: LoadState<TwinningView> = { kind: 'loading' };
  const meetingUi = new Map<string, MeetingUi>();

  let meetingEdit: Editing<MeetingDraft> | null = null;
  let meetingsStatus: string | null = null;

  let updateEdit: Editing<UpdateDraft> | null = null;
  let translation: Editing<TranslationDraft> | null = null;
  let updatesStatus: string | null = null;

  let outcomeOrg = '';
  let outcome: OutcomeDraft | null = null;
  let outcomeEtag: string | null = null;
  const outcomeForm = formState();
  let outcomeStatus: string | null = null;

  function editing<T>(recordId: string | null, etag: string | null, draft: T): Editing<T> {
    return { ...formState(), id: recordId, etag: etag ?? '', draft };
  }

  function current(): TwinningView | null {
    return state.kind === 'ready' ? state.value : null;
  }

  async function load(): Promise<void> {
    const [result] = await Promise.all([
      settle(client.GET('/api/twinnings/{id}', { params: { path } })),
      loadOrganisationOptions(),
    ]);
    state = toLoadState(result, (data) => !!data?.id);
    followSession(result);
    if (state.kind === 'ready') {
      const twinning = state.value;
      if (!outcomeOrg) outcomeOrg = twinning.viewer.role === 'learner' ? (twinning.viewer.organisationId ?? '') : '';
      if (outcomeOrg) takeOutcome(twinning.outcomes.find((o) => o.organisation.id === outcomeOrg) ?? null);
    }
    ctx.update();
  }

  function ui(m: MeetingView): MeetingUi {
    let state = meetingUi.get(m.id);
    if (!state) {
      state = { ...formState(), registrations: null, rows: [emptyAttendee()], organisationId: '', status: null };
      meetingUi.set(m.id, state);
    }
    return state;
  }

  async function loadRegistrations(m: MeetingView): Promise<void> {
    const state = ui(m);
    const result = await settle(
      client.GET('/api/twinnings/{id}/meetings/{meetingId}/registrations', { params: { path: { id, meetingId: m.id } } }),
    );
    if (result.ok && Array.isArray(result.data)) state.registrations = result.data;
    else state.error = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  }

  function register(m: MeetingView, form: HTMLFormElement): Promise<unknown> {
    const state = ui(m);
    state.status = null;
    const body = {
      organisationId: current()?.viewer.canEdit ? state.organisationId || null : null,
      attendees: state.rows.map((r) => ({
        name: r.name.trim(),
        role: r.role.trim(),
        email: r.email.trim(),
        language: r.language || null,
      })),
    };
    return submitForm(state, form, {
      send: () =>
        settle(
          client.POST('/api/twinnings/{id}/meetings/{meetingId}/registrations', {
            params: { path: { id, meetingId: m.id } },
            body,
          }),
        ),
      fields: [
        'organisationId',
        'attendees',
        ...state.rows.flatMap((_, i) => ['name', 'role', 'email', 'language'].map((f) => `attendees[${i}].${f}`)),
      ],
      overrides: { 409: 'twin.register.full' },
      normalise: normalisePath,
      update,
      done: () => {
        state.status = t('twin.register.done', { count: state.rows.length });
        state.rows = [emptyAttendee()];
        void Promise.all([loadRegistrations(m), load()]);
      },
      failed: (result) => {
        if (result.status === 409 && result.problem?.detail) state.error = `${t('twin.register.full')} ${result.problem.detail}`;
      },
    });
  }

  async function withdraw(m: MeetingView, r: RegistrationView): Promise<void> {
    const state = ui(m);
    const result = await settle(
      client.DELETE('/api/twinnings/{id}/meetings/{meetingId}/registrations/{registrationId}', {
        params: { path: { id, meetingId: m.id, registrationId: r.id }, header: { 'If-Match': r.etag } },
      }),
    );
    state.status = result.ok ? t('twin.register.withdrawn', { name: r.name }) : null;
    state.error = result.ok ? null : problemMessage(result);
    await Promise.all([loadRegistrations(m), load()]);
  }

  function saveMeeting(edit: Editing<MeetingDraft>, form: HTMLFormElement): Promise<unknown> {
    const { body, errors } = meetingBody(edit.draft);
    if (refuseInvalid(edit, form, errors, update)) return Promise.resolve();
    const meetingId = edit.id;
    return submitForm(edit, form, {
      send: () =>
        settle(
          meetingId
            ? client.PUT('/api/twinnings/{id}/meetings/{meetingId}', {
                params: { path: { id, meetingId }, header: { 'If-Match': edit.etag } },
                body,
              })
            : client.POST('/api/twinnings/{id}/meetings', { params: { path }, body }),
        ),
      fields: MEETING_FIELDS,
      overrides: { 409: 'twin.edit.stale' },
      normalise: normalisePath,
      update,
      done: () => {
        meetingEdit = null;
        meetingsStatus = t('twin.meeting.saved');
        void load();
        return 'left';
      },
    });
  }

  async function cancelMeeting(m: MeetingView): Promise<void> {
    if (!window.confirm(t('twin.meeting.confirmCancel', { title: m.title }))) return;
    const result = await settle(
      client.POST('/api/twinnings/{id}/meetings/{meetingId}/cancel', {
        params: { path: { id, meetingId: m.id }, header: { 'If-Match': m.etag ?? '' } },
      }),
    );
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
    const memberOptions = [tw.mentor, ...tw.learners, ...m.invited].map((o) => ({ value: o.id, label: o.name }));
    return html`<li class="card meeting-admin">
      <h3>${m.title}</h3>
      <p>
        <span class="badge">${formatLabel(m.format)}</span> ${meetingWhen(m)}${m.city ? ` · ${m.city}` : ''}
        ${m.status === 'cancelled' ? html`<span class="badge warning">${t('twin.meeting.cancelled')}</span>` : nothing}
        ${m.capacity != null ? html` · ${seatsText(m)}` : nothing}
      </p>
      ${
        tw.viewer.canEdit && m.status !== 'cancelled' && meetingEdit?.id !== m.id
          ? html`<p class="row-buttons">
            <button type="button" class="secondary small" @click=${() => {
              meetingEdit = editing(m.id, m.etag, meetingDraft(m));
              ctx.update();
            }}>${t('twin.meeting.edit', { title: m.title })}</button>
            <button type="button" class="secondary small" @click=${() => cancelMeeting(m)}>${t('twin.meeting.cancel', { title: m.title })}</button>
            <a class="button-link secondary small" href=${`/api/twinnings/${encodeURIComponent(id)}/meetings/${encodeURIComponent(m.id)}/registrations.csv`} download>${t('twin.register.csv')}</a>
          </p>`
          : nothing
      }
      ${meetingEdit?.id === m.id ? meetingEditor(meetingEdit) : nothing}
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

  function meetingEditor(edit: Editing<MeetingDraft>): TemplateResult {
    return html`<div class="panel">
      ${alertBox(edit.error)}
      ${meetingForm({
        idPrefix: edit.id ? `mt-${edit.id}` : 'mt-new',
        value: edit.draft,
        errors: edit.errors,
        sending: edit.sending,
        organisations: organisationOptions(),
        submitLabel: edit.id ? t('twin.meeting.save') : t('twin.meeting.create'),
        ...draftHooks(
          edit.draft,
          (next) => (edit.draft = next),
          update,
          (form) => saveMeeting(edit, form),
        ),
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
              meetingEdit = editing(null, null, emptyMeeting());
              ctx.update();
            }}>${t('twin.meeting.add')}</button></p>`
          : nothing
      }
      ${meetingEdit && meetingEdit.id === null ? html`<h3>${t('twin.meeting.new')}</h3>${meetingEditor(meetingEdit)}` : nothing}
      ${statusRegion(meetingsStatus)}
      ${tw.meetings.length ? html`<ul class="plain meetings">${tw.meetings.map((m) => meetingCard(tw, m))}</ul>` : html`<p class="muted">${t('twin.noMeetings')}</p>`}
    </section>`;
  }

  // Updates
  function saveUpdate(edit: Editing<UpdateDraft>, form: HTMLFormElement): Promise<unknown> {
    const body = { ...edit.draft, date: edit.draft.date || null, language: edit.draft.language || null };
    const updateId = edit.id;
    return submitForm(edit, form, {
      send: () =>
        settle(
          updateId
            ? client.PUT('/api/twinnings/{id}/updates/{updateId}', {
                params: { path: { id, updateId }, header: { 'If-Match': edit.etag } },
                body,
              })
            : client.POST('/api/twinnings/{id}/updates', { params: { path }, body }),
        ),
      fields: ['date', 'language', 'title', 'body'],
      overrides: { 409: 'twin.edit.stale' },
      update,
      done: () => {
        updateEdit = null;
        updatesStatus = t('twin.update.saved');
        void load();
        return 'left';
      },
    });
  }

  async function togglePublished(u: UpdateView, original: UpdateTextView): Promise<void> {
    const result = await settle(
      client.PUT('/api/twinnings/{id}/updates/{updateId}', {
        params: { path: { id, updateId: u.id }, header: { 'If-Match': u.etag ?? '' } },
        body: { date: u.date, language: original.language, title: original.title, body: original.body, published: !u.published },
      }),
    );
    updatesStatus = result.ok
      ? u.published
        ? t('twin.update.unpublishedDone')
        : t('twin.update.publishedDone')
      : problemMessage(result, { 409: 'twin.edit.stale' });
    await load();
  }

  function saveTranslation(tr: Editing<TranslationDraft>, form: HTMLFormElement): Promise<unknown> {
    const updateId = tr.id ?? '';
    return submitForm(tr, form, {
      send: () =>
        settle(
          client.PUT('/api/twinnings/{id}/updates/{updateId}/translations/{language}', {
            params: { path: { id, updateId, language: tr.draft.language || '-' }, header: { 'If-Match': tr.etag } },
            body: { title: tr.draft.title, body: tr.draft.body },
          }),
        ),
      fields: ['language', 'title', 'body'],
      overrides: { 409: 'twin.edit.stale' },
      update,
      done: () => {
        translation = null;
        updatesStatus = t('twin.update.translated');
        void load();
        return 'left';
      },
    });
  }

  function updateForm(edit: Editing<UpdateDraft>): TemplateResult {
    const set = (patch: Partial<UpdateDraft>) => {
      edit.draft = { ...edit.draft, ...patch };
      ctx.update();
    };
    return html`<div class="panel">
      ${alertBox(edit.error)}
      <form class="form" novalidate @submit=${(e: Event) => {
        e.preventDefault();
        if (!edit.sending) void saveUpdate(edit, e.currentTarget as HTMLFormElement);
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

  function translationForm(tr: Editing<TranslationDraft>, original: UpdateTextView): TemplateResult {
    const set = (patch: Partial<TranslationDraft>) => {
      tr.draft = { ...tr.draft, ...patch };
      ctx.update();
    };
    return html`<div class="panel">
      ${alertBox(tr.error)}
      <form class="form" novalidate @submit=${(e: Event) => {
        e.preventDefault();
        if (!tr.sending) void saveTranslation(tr, e.currentTarget as HTMLFormElement);
      }}>
        ${selectField({ id: 'tr-language', name: 'language', label: t('twin.update.translationLanguage'), value: tr.draft.language, placeholder: t('mobForm.choose'), required: true, errors: tr.errors, options: languageOptionsOfPartnership().filter((o) => o.value !== original.language), onChange: (language) => set({ language }) })}
        ${inputField({ id: 'tr-title', name: 'title', label: t('twin.update.title'), value: tr.draft.title, errors: tr.errors, required: true, maxlength: 200, lang: tr.draft.language || undefined, onInput: (title) => set({ title }) })}
        ${textareaField({ id: 'tr-body', name: 'body', label: t('twin.update.body'), value: tr.draft.body, errors: tr.errors, rows: 6, maxlength: 8000, lang: tr.draft.language || undefined, onInput: (body) => set({ body }) })}
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

  function updateItem(u: UpdateView): TemplateResult | typeof nothing {
    const original = originalOf(u);
    if (!original) return nothing;
    return html`<li class="card">
      <h3 lang=${original.language}>${original.title}</h3>
      <p class="muted">
        ${u.date} · ${u.published ? t('twin.update.isPublished') : t('twin.update.draft')} ·
        ${u.texts.map((x) => html`<span class="badge ${x.outOfDate ? 'warning' : ''}">${languageName(x.language)}${x.outOfDate ? ` (${t('practice.outOfDate')})` : ''}</span> `)}
      </p>
      <p class="row-buttons">
        <button type="button" class="secondary small" @click=${() => {
          updateEdit = editing(u.id, u.etag, {
            date: u.date,
            language: original.language,
            title: original.title,
            body: original.body,
            published: u.published,
          });
          ctx.update();
        }}>${t('twin.update.edit', { title: original.title })}</button>
        <button type="button" class="secondary small" @click=${() => togglePublished(u, original)}>${u.published ? t('twin.update.unpublish') : t('twin.update.publishNow')}</button>
        <button type="button" class="secondary small" @click=${() => {
          translation = editing(u.id, u.etag, { language: '', title: '', body: '' });
          ctx.update();
        }}>${t('twin.update.translate', { title: original.title })}</button>
      </p>
      ${updateEdit?.id === u.id ? updateForm(updateEdit) : nothing}
      ${translation?.id === u.id ? translationForm(translation, original) : nothing}
    </li>`;
  }

  function updatesSection(tw: TwinningView): TemplateResult | typeof nothing {
    if (!tw.viewer.canPostUpdates) return nothing;
    return html`<section aria-labelledby="ws-updates">
      <h2 id="ws-updates">${t('twin.updates')}</h2>
      ${
        !updateEdit
          ? html`<p><button type="button" @click=${() => {
              updateEdit = editing(null, null, { date: today(), language: '', title: '', body: '', published: true });
              ctx.update();
            }}>${t('twin.update.new')}</button></p>`
          : nothing
      }
      ${updateEdit && updateEdit.id === null ? updateForm(updateEdit) : nothing} ${statusRegion(updatesStatus)}
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

  function saveOutcome(draft: OutcomeDraft, form: HTMLFormElement): Promise<unknown> {
    outcomeStatus = null;
    const organisationId = outcomeOrg;
    const etag = outcomeEtag;
    return submitForm(outcomeForm, form, {
      send: () =>
        settle(
          client.PUT('/api/twinnings/{id}/outcomes/{organisationId}', {
            params: { path: { id, organisationId }, header: etag ? { 'If-Match': etag } : {} },
            body: {
              ...draft,
              adoption: draft.adoption === 'adopted' || draft.adoption === 'adapted' ? draft.adoption : null,
              language: draft.language || null,
              indicators: draft.indicators.map((x) => ({ name: x.name, value: x.value || null })),
            },
          }),
        ),
      fields: [
        'adoption',
        'language',
        'practice',
        'started',
        'firstResults',
        'indicators',
        ...draft.indicators.flatMap((_, i) => [`indicators[${i}].name`, `indicators[${i}].value`]),
      ],
      overrides: { 409: 'twin.edit.stale' },
      normalise: normalisePath,
      update,
      done: (result) => {
        if (!result.data) return false;
        takeOutcome(result.data);
        outcomeStatus = t('twin.outcome.saved');
      },
    });
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
      if (outcome) outcome = { ...outcome, ...patch };
      ctx.update();
    };
    return html`<section aria-labelledby="ws-outcome">
      <h2 id="ws-outcome">${t('twin.outcome.title')}</h2>
      <p class="note">${t('twin.outcome.intro')}</p>
      ${chooser}
      ${
        outcomeOrg && o
          ? html`${alertBox(outcomeForm.error)}
            <form class="form outcome-form" novalidate @submit=${(e: Event) => {
              e.preventDefault();
              if (!outcomeForm.sending) void saveOutcome(o, e.currentTarget as HTMLFormElement);
            }}>
              <div class="field-row two">
                ${selectField({ id: 'oc-adoption', name: 'adoption', label: t('twin.outcome.adoption'), value: o.adoption, placeholder: t('mobForm.choose'), required: true, errors: outcomeForm.errors, options: (['adopted', 'adapted'] as const).map((a) => ({ value: a, label: adoptionLabel(a) })), onChange: (adoption) => set({ adoption }) })}
                ${selectField({ id: 'oc-language', name: 'language', label: t('twin.update.language'), value: o.language, placeholder: t('mobForm.choose'), required: true, errors: outcomeForm.errors, options: languageOptionsOfPartnership(), onChange: (language) => set({ language }) })}
              </div>
              ${textareaField({ id: 'oc-practice', name: 'practice', label: t('twin.outcome.practice'), value: o.practice, errors: outcomeForm.errors, rows: 3, maxlength: 4000, onInput: (practice) => set({ practice }) })}
              ${textareaField({ id: 'oc-started', name: 'started', label: t('twin.outcome.started'), value: o.started, errors: outcomeForm.errors, rows: 3, maxlength: 4000, onInput: (started) => set({ started }) })}
              ${textareaField({ id: 'oc-results', name: 'firstResults', label: t('twin.outcome.firstResults'), value: o.firstResults, errors: outcomeForm.errors, rows: 3, maxlength: 4000, onInput: (firstResults) => set({ firstResults }) })}
              <fieldset class="group">
                <legend>${t('practice.indicators')}</legend>
                ${o.indicators.map(
                  (x, i) => html`<div class="field-row two indicator-row">
                    ${inputField({ id: `oc-ind-name-${i}`, name: `indicators[${i}].name`, label: t('twin.outcome.indicatorName', { n: i + 1 }), value: x.name, errors: outcomeForm.errors, maxlength: 200, onInput: (name) => set({ indicators: o.indicators.map((y, j) => (j === i ? { ...y, name } : y)) }) })}
                    ${inputField({ id: `oc-ind-value-${i}`, name: `indicators[${i}].value`, label: t('twin.outcome.indicatorValue', { n: i + 1 }), value: x.value, errors: outcomeForm.errors, maxlength: 100, onInput: (value) => set({ indicators: o.indicators.map((y, j) => (j === i ? { ...y, value } : y)) }) })}
                  </div>`,
                )}
                <button type="button" class="secondary small" @click=${() => set({ indicators: [...o.indicators, { name: '', value: '' }] })}>${t('twin.outcome.addIndicator')}</button>
              </fieldset>
              <div class="actions"><button type="submit" ?disabled=${outcomeForm.sending}>${t('twin.outcome.save')}</button></div>
            </form>
            ${statusRegion(outcomeStatus)}`
          : nothing
      }
    </section>`;
  }

  function body(): TemplateResult {
    start();
    const back = html`<p class="back"><a href="/my/twinnings">${t('twin.my.title')}</a> · <a href=${twinningHref(id)}>${t('twin.edit.publicPage')}</a></p>`;
    return loadStateView(state, { before: back, missing: t('twin.notFound'), ready: workspace });
  }

  function workspace(tw: TwinningView): TemplateResult {
    const me = getMe();
    const part = tw.viewer.canEdit
      ? t('twin.role.coordinator')
      : tw.viewer.role
        ? t(tw.viewer.role === 'mentor' ? 'twin.role.mentor' : 'twin.role.learner')
        : null;
    return html`<p class="lead">${part ?? (me && me.signedIn ? t('twin.role.invitedOnly') : '')}</p>
      ${tw.viewer.canEdit ? html`<p><a class="button-link secondary" href=${`/admin/twinnings/${encodeURIComponent(tw.id)}/edit`}>${t('twin.edit.link')}</a></p>` : nothing}
      ${meetingsSection(tw)} ${updatesSection(tw)} ${outcomeSection(tw)}`;
  }

  return {
    title: () => (state.kind === 'ready' ? titleOf(state.value.texts).title : t('twin.my.title')),
    titleLang: () => (state.kind === 'ready' ? titleOf(state.value.texts).language : undefined),
    view: () => editorOnly(body),
  };
};
