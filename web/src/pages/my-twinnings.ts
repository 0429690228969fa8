import { html, nothing, type TemplateResult } from 'lit-html';
import { client, settle } from '../client';
import { formState, submitForm } from '../form';
import { t } from '../i18n';
import { followSession, loadStateView, once, toLoadState, type LoadState } from '../page';
import type { PageFactory } from '../router';
import { isCoordinator } from '../session';
import {
  cachedServices,
  loadServices,
  serviceLabel,
  statusBadge,
  titleOf,
  workspaceHref,
  type TwinningSummary,
} from '../twinnings';
import { alertBox, dataTable, editorOnly, inputField, statusRegion } from '../ui';

/** The twinnings an editor's organisation takes part in (all of them for the coordinator), and the coordinator's service vocabulary. */
export const myTwinningsPage: PageFactory = (ctx) => {
  let state: LoadState<TwinningSummary[]> = { kind: 'loading' };
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());
  let service = { en: '', it: '' };
  const serviceForm = formState();
  let serviceStatus: string | null = null;

  async function load(): Promise<void> {
    const [result] = await Promise.all([settle(client.GET('/api/twinnings')), loadServices()]);
    state = toLoadState(result, Array.isArray);
    followSession(result);
    ctx.update();
  }

  function addService(form: HTMLFormElement): Promise<unknown> {
    serviceStatus = null;
    const body = { en: service.en.trim(), it: service.it.trim() };
    return submitForm(serviceForm, form, {
      send: () => settle(client.POST('/api/twinnings/services', { body })),
      fields: ['en', 'it'],
      update: () => ctx.update(),
      done: () => {
        serviceStatus = t('twin.services.added', { name: body.en });
        service = { en: '', it: '' };
        // The new term shows in the list once the vocabulary is read again.
        void loadServices(true).then(() => ctx.update());
      },
    });
  }

  function services(): TemplateResult | typeof nothing {
    if (!isCoordinator()) return nothing;
    return html`<section aria-labelledby="services-h">
      <h2 id="services-h">${t('twin.services.title')}</h2>
      <ul class="badges">
        ${cachedServices().map((s) => html`<li class="badge field-badge">${serviceLabel(s.id, s)}</li>`)}
      </ul>
      ${alertBox(serviceForm.error)}
      <form class="form" novalidate @submit=${(e: Event) => {
        e.preventDefault();
        if (!serviceForm.sending) void addService(e.currentTarget as HTMLFormElement);
      }}>
        <div class="field-row two">
          ${inputField({
            id: 'svc-en',
            name: 'en',
            label: t('twin.services.en'),
            value: service.en,
            errors: serviceForm.errors,
            lang: 'en',
            maxlength: 120,
            onInput: (en) => {
              service = { ...service, en };
              ctx.update();
            },
          })}
          ${inputField({
            id: 'svc-it',
            name: 'it',
            label: t('twin.services.it'),
            value: service.it,
            errors: serviceForm.errors,
            lang: 'it',
            maxlength: 120,
            onInput: (it) => {
              service = { ...service, it };
              ctx.update();
            },
          })}
        </div>
        <div class="actions"><button type="submit" ?disabled=${serviceForm.sending}>${t('twin.services.add')}</button></div>
      </form>
      ${statusRegion(serviceStatus)}
    </section>`;
  }

  function body(): TemplateResult {
    start();
    return loadStateView(state, { missing: t('twin.my.empty'), ready: twinnings });
  }

  function twinnings(list: TwinningSummary[]): TemplateResult {
    const mine = isCoordinator() ? list : list.filter((x) => x.isMember);
    return html`${isCoordinator() ? html`<p><a class="button-link" href="/admin/twinnings/new">${t('twin.list.new')}</a></p>` : nothing}
      ${
        mine.length
          ? dataTable<TwinningSummary>(
              [
                {
                  label: t('twin.edit.title'),
                  cell: (x) =>
                    html`<a href=${workspaceHref(x.id)} lang=${titleOf(x.texts).language}>${titleOf(x.texts).title}</a>`,
                },
                { label: t('twin.service'), cell: (x) => serviceLabel(x.service) },
                { label: t('twin.status'), cell: (x) => statusBadge(x.status) },
                { label: t('twin.mentor'), cell: (x) => x.mentor.name },
              ],
              mine,
              t('twin.my.title'),
            )
          : html`<p class="notice">${t('twin.my.empty')}</p>`
      }
      ${services()}`;
  }

  return { title: () => t('twin.my.title'), view: () => editorOnly(body) };
};
