import { html, type TemplateResult } from 'lit-html';
import { client, settle } from '../client';
import { draftHooks } from '../draft';
import { formState, submitForm } from '../form';
import { t } from '../i18n';
import { MOBILITY_FIELDS, emptyMobility, mobilityForm, toMobilityBody, type MobilityInput } from '../mobility-form';
import { mobilityHref } from '../mobilities';
import { loadOrganisationOptions, organisationOptions } from '../organisations';
import { once } from '../page';
import { navigate, type PageFactory } from '../router';
import { getMe, isCoordinator } from '../session';
import { alertBox, editorOnly, loading } from '../ui';
import { loadVocabularies } from '../vocabularies';

export const myMobilityNewPage: PageFactory = (ctx) => {
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void prepare());
  let ready = false;
  let value: MobilityInput | null = null;
  const state = formState();
  const keep = (next: MobilityInput) => (value = next);
  const update = () => ctx.update();

  async function prepare(): Promise<void> {
    await Promise.all([loadOrganisationOptions(), loadVocabularies()]);
    const me = getMe();
    value = emptyMobility(me?.signedIn && !isCoordinator() ? (me.organisationId ?? '') : '');
    ready = true;
    ctx.update();
  }

  function submit(form: HTMLFormElement): Promise<unknown> {
    const input = value;
    if (!input) return Promise.resolve();
    return submitForm(state, form, {
      send: () => settle(client.POST('/api/mobilities', { body: toMobilityBody(input, isCoordinator()) })),
      fields: MOBILITY_FIELDS,
      update,
      done: (result) => {
        if (!result.data?.id) return false;
        navigate(mobilityHref(result.data.id), { flash: 'mobEdit.created' });
        return 'left';
      },
    });
  }

  function body(): TemplateResult {
    start();
    const back = html`<p class="back"><a href="/my/mobilities">${t('mobEdit.back')}</a></p>`;
    if (!ready || !value) return html`${back}${loading()}`;
    return html`${back}
      <p class="lead">${t('mobEdit.newIntro')}</p>
      ${alertBox(state.error)}
      ${mobilityForm({
        value,
        ...draftHooks(value, keep, update, submit),
        errors: state.errors,
        sending: state.sending,
        organisations: organisationOptions(),
        chooseSending: isCoordinator(),
        withHostDetails: isCoordinator(),
      })}`;
  }

  return {
    title: () => t('mobEdit.newTitle'),
    view: () => editorOnly(body),
  };
};
