import { html, type TemplateResult } from 'lit-html';
import { api, describeFailure } from '../api';
import { t } from '../i18n';
import {
  emptyPractice,
  errorNormaliser,
  practiceFieldNames,
  practiceForm,
  preparePractice,
  type PracticeDraft,
} from '../practice-form';
import { editHref, type EditorPractice } from '../practices';
import { navigate, type PageFactory } from '../router';
import { isCoordinator, loadMe } from '../session';
import { alertBox, editorOnly, focusFirstInvalid, loading, restoreFocus } from '../ui';
import { loadVocabularies, vocabularies } from '../vocabularies';
import { loadOrganisationOptions, organisationOptions } from '../organisations';

export const myPracticeNewPage: PageFactory = (ctx) => {
  let started = false;
  let vocabFailed = false;
  let value: PracticeDraft = emptyPractice();
  let errors: Record<string, string[]> = {};
  let error: string | null = null;
  let sending = false;

  async function loadVocab(): Promise<void> {
    vocabFailed = false;
    ctx.update();
    vocabFailed = !(await loadVocabularies());
    ctx.update();
  }

  async function submit(form: HTMLFormElement): Promise<void> {
    const prepared = preparePractice(value, isCoordinator());
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
    const result = await api<EditorPractice>('/api/practices', { method: 'POST', body: prepared.body });
    if (result.ok && result.data?.id) {
      // replace: Back from the new practice goes to the list, not to an empty form.
      navigate(editHref(result.data.id), { replace: true, flash: 'practice.saved' });
      return;
    }
    sending = false;
    if (result.ok) {
      errors = {};
      error = t('error.generic');
    } else {
      ({ errors, message: error } = describeFailure(
        result,
        practiceFieldNames(value),
        {},
        errorNormaliser(prepared.rows),
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
      void loadVocab();
      if (isCoordinator()) void loadOrganisationOptions().then(() => ctx.update());
    }
    const back = html`<p class="back"><a href="/my/practices">${t('my.back')}</a></p>`;
    if (vocabFailed) {
      return html`${back}${alertBox(
        t('practice.vocabError'),
        html`<p><button type="button" class="secondary" @click=${() => loadVocab()}>${t('action.retry')}</button></p>`,
      )}`;
    }
    if (!vocabularies()) return html`${back}${loading()}`;
    return html`${back}
      <p class="lead">${t('edit.newIntro')}</p>
      ${alertBox(error)}
      ${practiceForm({
        idPrefix: 'pf',
        value,
        errors,
        sending,
        organisations: isCoordinator() ? organisationOptions() : null,
        onChange: (patch) => {
          value = { ...value, ...patch };
          ctx.update();
        },
        onSubmit: (form) => void submit(form),
      })}`;
  }

  return {
    title: () => t('edit.newTitle'),
    view: () => editorOnly(body),
  };
};
