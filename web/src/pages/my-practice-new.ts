import { html, type TemplateResult } from 'lit-html';
import { client, settle } from '../client';
import { formState, refuseInvalid, submitForm } from '../form';
import { t } from '../i18n';
import {
  emptyPractice,
  errorNormaliser,
  practiceFieldNames,
  practiceForm,
  preparePractice,
  type PracticeDraft,
} from '../practice-form';
import { editHref } from '../practices';
import { once } from '../page';
import { navigate, type PageFactory } from '../router';
import { isCoordinator } from '../session';
import { alertBox, editorOnly, loading } from '../ui';
import { loadVocabularies, vocabularies } from '../vocabularies';
import { loadOrganisationOptions, organisationOptions } from '../organisations';

export const myPracticeNewPage: PageFactory = (ctx) => {
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => {
    void loadVocab();
    if (isCoordinator()) void loadOrganisationOptions().then(() => ctx.update());
  });
  let vocabFailed = false;
  let value: PracticeDraft = emptyPractice();
  const state = formState();

  async function loadVocab(): Promise<void> {
    vocabFailed = false;
    ctx.update();
    vocabFailed = !(await loadVocabularies());
    ctx.update();
  }

  function submit(form: HTMLFormElement): Promise<unknown> {
    const prepared = preparePractice(value, isCoordinator());
    if (refuseInvalid(state, form, prepared.errors, () => ctx.update())) return Promise.resolve();
    return submitForm(state, form, {
      send: () => settle(client.POST('/api/practices', { body: prepared.body })),
      fields: practiceFieldNames(value),
      normalise: errorNormaliser(prepared.rows),
      update: () => ctx.update(),
      done: (result) => {
        if (!result.data?.id) return false;
        // replace: Back from the new practice goes to the list, not to an empty form.
        navigate(editHref(result.data.id), { replace: true, flash: 'practice.saved' });
        return 'left';
      },
    });
  }

  function body(): TemplateResult {
    start();
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
      ${alertBox(state.error)}
      ${practiceForm({
        idPrefix: 'pf',
        value,
        errors: state.errors,
        sending: state.sending,
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
