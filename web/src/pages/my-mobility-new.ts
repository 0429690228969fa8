import { html, type TemplateResult } from 'lit-html';
import { api, describeFailure, type FieldErrors } from '../api';
import { t } from '../i18n';
import { MOBILITY_FIELDS, emptyMobility, mobilityForm, toMobilityBody, type MobilityInput } from '../mobility-form';
import { mobilityHref, type MobilityView } from '../mobilities';
import { loadOrganisationOptions, organisationOptions } from '../organisations';
import { navigate, type PageFactory } from '../router';
import { getMe, isCoordinator, loadMe } from '../session';
import { alertBox, editorOnly, focusFirstInvalid, loading, restoreFocus } from '../ui';
import { loadVocabularies } from '../vocabularies';

export const myMobilityNewPage: PageFactory = (ctx) => {
  let started = false;
  let ready = false;
  let value: MobilityInput | null = null;
  let errors: FieldErrors = {};
  let error: string | null = null;
  let sending = false;

  async function prepare(): Promise<void> {
    await Promise.all([loadOrganisationOptions(), loadVocabularies()]);
    const me = getMe();
    value = emptyMobility(me?.signedIn && !isCoordinator() ? (me.organisationId ?? '') : '');
    ready = true;
    ctx.update();
  }

  async function submit(form: HTMLFormElement): Promise<void> {
    if (!value) return;
    sending = true;
    errors = {};
    error = null;
    ctx.update();
    const result = await api<MobilityView>('/api/mobilities', { method: 'POST', body: toMobilityBody(value, isCoordinator()) });
    sending = false;
    if (result.ok && result.data?.id) {
      navigate(mobilityHref(result.data.id), { flash: 'mobEdit.created' });
      return;
    }
    if (result.ok) error = t('error.generic');
    else {
      ({ errors, message: error } = describeFailure(result, MOBILITY_FIELDS));
      if (result.status === 401) void loadMe();
    }
    ctx.update();
    focusFirstInvalid(form);
    restoreFocus(form);
  }

  function body(): TemplateResult {
    if (!started) {
      started = true;
      void prepare();
    }
    const back = html`<p class="back"><a href="/my/mobilities">${t('mobEdit.back')}</a></p>`;
    if (!ready || !value) return html`${back}${loading()}`;
    return html`${back}
      <p class="lead">${t('mobEdit.newIntro')}</p>
      ${alertBox(error)}
      ${mobilityForm({
        value,
        errors,
        sending,
        organisations: organisationOptions(),
        chooseSending: isCoordinator(),
        withHostDetails: isCoordinator(),
        onChange: (patch) => {
          value = { ...value!, ...patch };
          ctx.update();
        },
        onSubmit: (form) => void submit(form),
      })}`;
  }

  return {
    title: () => t('mobEdit.newTitle'),
    view: () => editorOnly(body),
  };
};
