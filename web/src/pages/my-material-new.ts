import { html, type TemplateResult } from 'lit-html';
import { api, describeFailure, type FieldErrors } from '../api';
import { t } from '../i18n';
import {
  emptyMaterial,
  materialErrorNormaliser,
  materialFieldNames,
  materialForm,
  prepareMaterial,
  type MaterialDraft,
} from '../material-form';
import { loadUploadSettings, materialEditHref, uploadSettings, type MaterialView } from '../materials';
import { loadOrganisationOptions, organisationOptions } from '../organisations';
import type { PracticeSummary } from '../practices';
import { navigate, type PageFactory } from '../router';
import { getMe, isCoordinator, loadMe } from '../session';
import { alertBox, editorOnly, focusFirstInvalid, loading, restoreFocus } from '../ui';
import { loadVocabularies, vocabularies } from '../vocabularies';

export const myMaterialNewPage: PageFactory = (ctx) => {
  let started = false;
  let failed = false;
  let value: MaterialDraft | null = null;
  let practices: PracticeSummary[] | null = null;
  let errors: FieldErrors = {};
  let error: string | null = null;
  let sending = false;

  async function prepare(): Promise<void> {
    failed = false;
    ctx.update();
    const [vocab, settings] = await Promise.all([loadVocabularies(), loadUploadSettings()]);
    failed = !vocab || !settings;
    if (!failed && !value) {
      value = emptyMaterial(settings!.defaultLicence);
      const me = getMe();
      if (me?.signedIn && me.organisationId && !isCoordinator()) value.organisationId = me.organisationId;
    }
    ctx.update();
  }

  async function loadPractices(): Promise<void> {
    const result = await api<PracticeSummary[]>('/api/practices');
    practices = result.ok && Array.isArray(result.data) ? result.data : [];
    ctx.update();
  }

  async function submit(form: HTMLFormElement): Promise<void> {
    if (!value) return;
    const prepared = prepareMaterial(value, isCoordinator());
    errors = prepared.errors;
    error = null;
    if (Object.keys(errors).length) {
      error = t('error.checkFields');
      ctx.update();
      focusFirstInvalid(form);
      return;
    }
    sending = true;
    ctx.update();
    const result = await api<MaterialView>('/api/materials', { method: 'POST', body: prepared.body });
    if (result.ok && result.data?.id) {
      // replace: Back from the new material goes to the list, not to an empty form.
      navigate(materialEditHref(result.data.id), { replace: true, flash: 'material.created' });
      return;
    }
    sending = false;
    if (result.ok) {
      errors = {};
      error = t('error.generic');
    } else {
      ({ errors, message: error } = describeFailure(
        result,
        materialFieldNames(value),
        {},
        materialErrorNormaliser(value),
      ));
      if (result.status === 401 || result.status === 403) void loadMe();
    }
    ctx.update();
    focusFirstInvalid(form);
    restoreFocus(form);
  }

  function body(): TemplateResult {
    if (!started) {
      started = true;
      void prepare();
      void loadPractices();
      if (isCoordinator()) void loadOrganisationOptions().then(() => ctx.update());
    }
    const back = html`<p class="back"><a href="/my/materials">${t(isCoordinator() ? 'myMaterials.backCoordinator' : 'myMaterials.back')}</a></p>`;
    if (failed) {
      return html`${back}${alertBox(
        t('material.loadSettingsError'),
        html`<p><button type="button" class="secondary" @click=${() => prepare()}>${t('action.retry')}</button></p>`,
      )}`;
    }
    if (!vocabularies() || !uploadSettings() || !value) return html`${back}${loading()}`;
    return html`${back}
      <p class="lead">${t('material.newIntro')}</p>
      ${alertBox(error)}
      ${materialForm({
        idPrefix: 'mf',
        value,
        errors,
        sending,
        organisations: isCoordinator() ? organisationOptions() : null,
        languageLocked: false,
        practices,
        submitLabel: t('material.create'),
        onChange: (patch) => {
          value = { ...value!, ...patch };
          ctx.update();
        },
        onSubmit: (form) => void submit(form),
      })}`;
  }

  return {
    title: () => t('material.newTitle'),
    view: () => editorOnly(body),
  };
};
