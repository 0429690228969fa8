import { html, type TemplateResult } from 'lit-html';
import { client, settle } from '../client';
import { draftHooks } from '../draft';
import { formState, refuseInvalid, submitForm } from '../form';
import { t } from '../i18n';
import {
  emptyMaterial,
  materialErrorNormaliser,
  materialFieldNames,
  materialForm,
  prepareMaterial,
  type MaterialDraft,
} from '../material-form';
import { loadUploadSettings, materialEditHref, uploadSettings } from '../materials';
import { loadOrganisationOptions, organisationOptions } from '../organisations';
import type { PracticeSummary } from '../practices';
import { once } from '../page';
import { navigate, type PageFactory } from '../router';
import { getMe, isCoordinator } from '../session';
import { alertBox, editorOnly, loading } from '../ui';
import { loadVocabularies, vocabularies } from '../vocabularies';

export const myMaterialNewPage: PageFactory = (ctx) => {
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => {
    void prepare();
    void loadPractices();
    if (isCoordinator()) void loadOrganisationOptions().then(() => ctx.update());
  });
  let failed = false;
  let value: MaterialDraft | null = null;
  const state = formState();
  const keep = (next: MaterialDraft) => (value = next);
  const update = () => ctx.update();
  let practices: PracticeSummary[] | null = null;

  async function prepare(): Promise<void> {
    failed = false;
    ctx.update();
    const [vocab, settings] = await Promise.all([loadVocabularies(), loadUploadSettings()]);
    failed = !vocab || !settings;
    if (vocab && settings && !value) {
      value = emptyMaterial(settings.defaultLicence);
      const me = getMe();
      if (me?.signedIn && me.organisationId && !isCoordinator()) value.organisationId = me.organisationId;
    }
    ctx.update();
  }

  async function loadPractices(): Promise<void> {
    const result = await settle(client.GET('/api/practices'));
    practices = result.ok && Array.isArray(result.data) ? result.data : [];
    ctx.update();
  }

  function submit(form: HTMLFormElement): Promise<unknown> {
    const draft = value;
    if (!draft) return Promise.resolve();
    const prepared = prepareMaterial(draft, isCoordinator());
    if (refuseInvalid(state, form, prepared.errors, () => ctx.update())) return Promise.resolve();
    return submitForm(state, form, {
      send: () => settle(client.POST('/api/materials', { body: prepared.body })),
      fields: materialFieldNames(draft),
      normalise: materialErrorNormaliser(draft),
      update,
      done: (result) => {
        if (!result.data?.id) return false;
        // replace: Back from the new material goes to the list, not to an empty form.
        navigate(materialEditHref(result.data.id), { replace: true, flash: 'material.created' });
        return 'left';
      },
    });
  }

  function body(): TemplateResult {
    start();
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
      ${alertBox(state.error)}
      ${materialForm({
        idPrefix: 'mf',
        value,
        ...draftHooks(value, keep, update, submit),
        errors: state.errors,
        sending: state.sending,
        organisations: isCoordinator() ? organisationOptions() : null,
        languageLocked: false,
        practices,
        submitLabel: t('material.create'),
      })}`;
  }

  return {
    title: () => t('material.newTitle'),
    view: () => editorOnly(body),
  };
};
