import { html, nothing, type TemplateResult } from 'lit-html';
import { normalisePath } from '../api';
import type { components } from '../api/schema';
import { client, settle } from '../client';
import { t } from '../i18n';
import { loadOrganisationOptions, organisationOptions } from '../organisations';
import { followSession, loadStateView, once, toLoadState, type LoadState } from '../page';
import { editAlert, editState, saveRecord } from '../record-edit';
import { navigate, type PageFactory } from '../router';
import {
  cachedServices,
  loadServices,
  PARTNERSHIP_LANGUAGES,
  serviceLabel,
  statusLabel,
  titleOf,
  TWINNING_STATUSES,
  twinningHref,
  workspaceHref,
  type Phase,
  type TwinningText,
  type TwinningView,
} from '../twinnings';
import { checkboxField, checkboxGroup, coordinatorOnly, inputField, selectField, statusRegion, textareaField } from '../ui';
import { languageName, languageNameInline } from '../vocabularies';

interface Draft {
  texts: TwinningText[];
  service: string;
  mentorOrganisationId: string;
  learnerOrganisationIds: string[];
  practiceId: string;
  regions: string;
  status: string;
  phases: Phase[];
}

function empty(): Draft {
  return {
    texts: [
      { language: 'en', title: '', description: '' },
      { language: 'it', title: '', description: '' },
    ],
    service: '',
    mentorOrganisationId: '',
    learnerOrganisationIds: [],
    practiceId: '',
    regions: '',
    status: 'planned',
    phases: [],
  };
}

function fromView(v: TwinningView): Draft {
  return {
    texts: v.texts.map((x) => ({ ...x })),
    service: v.service.id,
    mentorOrganisationId: v.mentor.id,
    learnerOrganisationIds: v.learners.map((l) => l.id),
    practiceId: v.practiceId ?? '',
    regions: v.regions.join(', '),
    status: v.status,
    phases: v.phases.map((p) => ({ ...p })),
  };
}

function toBody(d: Draft): components['schemas']['TwinningInput'] {
  const status = TWINNING_STATUSES.find((s) => s === d.status) ?? null;
  return {
    texts: d.texts
      .filter((x) => x.title.trim() || x.description.trim())
      .map((x) => ({ language: x.language, title: x.title.trim(), description: x.description.trim() })),
    service: d.service,
    mentorOrganisationId: d.mentorOrganisationId,
    learnerOrganisationIds: d.learnerOrganisationIds,
    practiceId: d.practiceId || null,
    regions: d.regions
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
    status,
    phases: d.phases.map((p) => ({
      name: p.name.trim(),
      startDate: p.startDate || null,
      endDate: p.endDate || null,
      purpose: p.purpose.trim(),
      done: p.done,
    })),
  };
}

/** The coordinator creates a twinning (no id) or edits one: texts, service, members, practice, regions, status and phases. */
export const twinningEditPage: PageFactory = (ctx) => {
  const id = ctx.params.id as string | undefined;
  /** A new twinning's form shows at once; an existing one's once it is loaded. */
  let loadState: LoadState<TwinningView | null> = id ? { kind: 'loading' } : { kind: 'ready', value: null };
  let draft = empty();
  let etag = '';
  let practices: { value: string; label: string }[] = [];
  const edit = editState();
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());

  async function load(): Promise<void> {
    const catalogue = settle(client.GET('/api/catalogue', { params: { query: { pageSize: '100', sort: 'name' } } })).then((r) => {
      if (r.ok && r.data && Array.isArray(r.data.items))
        practices = r.data.items.map((p) => ({ value: p.id, label: `${p.name} — ${p.organisationName}` }));
    });
    await Promise.all([loadServices(), loadOrganisationOptions(), catalogue]);
    if (id) {
      const result = await settle(client.GET('/api/twinnings/{id}', { params: { path: { id } } }));
      followSession(result);
      loadState = toLoadState<TwinningView | null>(result, (data) => !!data?.id);
      if (result.ok && loadState.kind === 'ready') {
        draft = fromView(result.data);
        etag = result.data.etag || result.etag || '';
      }
    }
    ctx.update();
  }

  function change(patch: Partial<Draft>): void {
    draft = { ...draft, ...patch };
    ctx.update();
  }

  function submit(form: HTMLFormElement): Promise<unknown> {
    const body = toBody(draft);
    return saveRecord(edit, form, {
      send: () =>
        settle(
          id
            ? client.PUT('/api/twinnings/{id}', { params: { path: { id }, header: { 'If-Match': etag } }, body })
            : client.POST('/api/twinnings', { body }),
        ),
      fields: [
        'service',
        'mentorOrganisationId',
        'learnerOrganisationIds',
        'practiceId',
        'regions',
        'status',
        'texts',
        ...draft.texts.flatMap((_, i) => [`texts[${i}].language`, `texts[${i}].title`, `texts[${i}].description`]),
        ...draft.phases.flatMap((_, i) => [
          `phases[${i}].name`,
          `phases[${i}].startDate`,
          `phases[${i}].endDate`,
          `phases[${i}].purpose`,
        ]),
      ],
      normalise: normalisePath,
      stale: 'twin.edit.stale',
      update: () => ctx.update(),
      done: (result) => {
        if (!result.data?.id) return false;
        if (!id) {
          navigate(workspaceHref(result.data.id), { replace: true, flash: 'twin.edit.created' });
          return 'left';
        }
        draft = fromView(result.data);
        etag = result.data.etag || result.etag || etag;
        edit.status = t('twin.edit.saved');
      },
    });
  }

  function textRows(): TemplateResult {
    const { errors } = edit;
    const used = new Set(draft.texts.map((x) => x.language));
    const free = PARTNERSHIP_LANGUAGES.filter((l) => !used.has(l));
    return html`<fieldset class="group">
      <legend>${t('twin.edit.texts')}</legend>
      ${errors['texts'] ? html`<p class="field-error">${errors['texts'].join(' ')}</p>` : nothing}
      ${draft.texts.map(
        (x, i) => html`<fieldset class="text-row">
          <legend>${languageName(x.language)}</legend>
          ${inputField({
            id: `tw-title-${i}`,
            name: `texts[${i}].title`,
            label: t('twin.edit.titleIn', { language: languageNameInline(x.language) }),
            value: x.title,
            errors,
            lang: x.language,
            maxlength: 200,
            onInput: (title) => change({ texts: draft.texts.map((y, j) => (j === i ? { ...y, title } : y)) }),
          })}
          ${textareaField({
            id: `tw-description-${i}`,
            name: `texts[${i}].description`,
            label: t('twin.edit.descriptionIn', { language: languageNameInline(x.language) }),
            value: x.description,
            errors,
            lang: x.language,
            rows: 4,
            maxlength: 8000,
            onInput: (description) => change({ texts: draft.texts.map((y, j) => (j === i ? { ...y, description } : y)) }),
          })}
          ${
            draft.texts.length > 1
              ? html`<button type="button" class="secondary small" @click=${() => change({ texts: draft.texts.filter((_, j) => j !== i) })}>
                ${t('twin.edit.removeLanguage', { language: languageName(x.language) })}
              </button>`
              : nothing
          }
        </fieldset>`,
      )}
      ${
        free.length
          ? html`<div class="field inline-field">
            <label for="tw-add-language">${t('twin.edit.addLanguage')}</label>
            <select
              id="tw-add-language"
              @change=${(e: Event) => {
                const select = e.target as HTMLSelectElement;
                if (select.value) change({ texts: [...draft.texts, { language: select.value, title: '', description: '' }] });
                select.value = '';
              }}
            >
              <option value="">${t('mobForm.choose')}</option>
              ${free.map((l) => html`<option value=${l}>${languageName(l)}</option>`)}
            </select>
          </div>`
          : nothing
      }
    </fieldset>`;
  }

  function phaseRows(): TemplateResult {
    const { errors } = edit;
    const set = (i: number, patch: Partial<Phase>) =>
      change({ phases: draft.phases.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
    return html`<fieldset class="group">
      <legend>${t('twin.phases')}</legend>
      ${draft.phases.map(
        (p, i) => html`<fieldset class="phase-row">
          <legend>${t('twin.edit.phaseN', { n: i + 1 })}</legend>
          ${inputField({ id: `ph-name-${i}`, name: `phases[${i}].name`, label: t('twin.edit.phaseName', { n: i + 1 }), value: p.name, errors, maxlength: 200, onInput: (name) => set(i, { name }) })}
          <div class="field-row two">
            ${inputField({ id: `ph-start-${i}`, name: `phases[${i}].startDate`, label: t('twin.edit.phaseStart', { n: i + 1 }), type: 'date', value: p.startDate, errors, onInput: (startDate) => set(i, { startDate }) })}
            ${inputField({ id: `ph-end-${i}`, name: `phases[${i}].endDate`, label: t('twin.edit.phaseEnd', { n: i + 1 }), type: 'date', value: p.endDate, errors, onInput: (endDate) => set(i, { endDate }) })}
          </div>
          ${textareaField({ id: `ph-purpose-${i}`, name: `phases[${i}].purpose`, label: t('twin.edit.phasePurpose', { n: i + 1 }), value: p.purpose, errors, rows: 2, maxlength: 2000, onInput: (purpose) => set(i, { purpose }) })}
          ${checkboxField({ id: `ph-done-${i}`, name: `phases[${i}].done`, label: t('twin.edit.phaseDone', { n: i + 1 }), checked: p.done, errors, onChange: (done) => set(i, { done }) })}
          <button type="button" class="secondary small" @click=${() => change({ phases: draft.phases.filter((_, j) => j !== i) })}>
            ${t('twin.edit.removePhase', { n: i + 1 })}
          </button>
        </fieldset>`,
      )}
      <button type="button" class="secondary" @click=${() => change({ phases: [...draft.phases, { name: '', startDate: '', endDate: '', purpose: '', done: false }] })}>
        ${t('twin.edit.addPhase')}
      </button>
    </fieldset>`;
  }

  function form(): TemplateResult {
    const { errors } = edit;
    const orgs = organisationOptions();
    return html`<form class="form twinning-form" novalidate @submit=${(e: Event) => {
      e.preventDefault();
      if (!edit.sending) void submit(e.currentTarget as HTMLFormElement);
    }}>
      ${textRows()}
      <fieldset class="group">
        <legend>${t('twin.edit.what')}</legend>
        ${selectField({
          id: 'tw-service',
          name: 'service',
          label: t('twin.service'),
          value: draft.service,
          placeholder: t('mobForm.choose'),
          required: true,
          errors,
          options: cachedServices().map((s) => ({ value: s.id, label: serviceLabel(s.id, s) })),
          onChange: (service) => change({ service }),
        })}
        ${selectField({
          id: 'tw-status',
          name: 'status',
          label: t('twin.status'),
          value: draft.status,
          placeholder: t('mobForm.choose'),
          required: true,
          errors,
          options: TWINNING_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
          onChange: (s) => change({ status: s }),
        })}
        ${selectField({
          id: 'tw-practice',
          name: 'practiceId',
          label: t('twin.practice'),
          value: draft.practiceId,
          placeholder: t('twin.edit.noPractice'),
          errors,
          hint: t('twin.edit.practiceHint'),
          options: practices,
          onChange: (practiceId) => change({ practiceId }),
        })}
        ${inputField({
          id: 'tw-regions',
          name: 'regions',
          label: t('twin.regions'),
          value: draft.regions,
          errors,
          hint: t('twin.edit.regionsHint'),
          maxlength: 3000,
          onInput: (regions) => change({ regions }),
        })}
      </fieldset>
      <fieldset class="group">
        <legend>${t('twin.edit.members')}</legend>
        ${selectField({
          id: 'tw-mentor',
          name: 'mentorOrganisationId',
          label: t('twin.mentor'),
          value: draft.mentorOrganisationId,
          placeholder: t('mobForm.choose'),
          required: true,
          errors,
          hint: t('twin.edit.mentorHint'),
          options: orgs,
          onChange: (mentorOrganisationId) => change({ mentorOrganisationId }),
        })}
        ${checkboxGroup({
          id: 'tw-learners',
          name: 'learnerOrganisationIds',
          legend: t('twin.learners'),
          hint: t('twin.edit.learnersHint'),
          errors,
          options: orgs.filter((o) => o.value !== draft.mentorOrganisationId),
          selected: draft.learnerOrganisationIds,
          onChange: (learnerOrganisationIds) => change({ learnerOrganisationIds }),
        })}
      </fieldset>
      ${phaseRows()}
      <div class="actions">
        <button type="submit" ?disabled=${edit.sending}>${edit.sending ? t('mobForm.saving') : id ? t('twin.edit.save') : t('twin.edit.create')}</button>
      </div>
    </form>`;
  }

  function body(): TemplateResult {
    start();
    const back = id
      ? html`<p class="back"><a href=${workspaceHref(id)}>${t('twin.edit.backToWorkspace')}</a> · <a href=${twinningHref(id)}>${t('twin.edit.publicPage')}</a></p>`
      : html`<p class="back"><a href="/my/twinnings">${t('twin.my.title')}</a></p>`;
    return loadStateView(loadState, {
      before: back,
      missing: t('twin.notFound'),
      ready: () => html`${editAlert(
        edit,
        () => {
          loadState = { kind: 'loading' };
          Object.assign(edit, editState());
          void load();
        },
        t('mobEdit.reload'),
      )}
      ${form()} ${statusRegion(edit.status)}`,
    });
  }

  return {
    title: () =>
      id
        ? loadState.kind === 'ready' && draft.texts.length
          ? t('twin.edit.editTitle', { title: titleOf(draft.texts).title })
          : t('twin.edit.editTitlePlain')
        : t('twin.edit.newTitle'),
    view: () => coordinatorOnly(body),
  };
};
