import { html, nothing, type TemplateResult } from 'lit-html';
import { describeFailure, problemMessage, type FieldErrors } from '../api';
import { client, settle } from '../client';
import { t } from '../i18n';
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
import { alertBox, dataTable, editorOnly, focusFirstInvalid, inputField, loading, restoreFocus, statusRegion } from '../ui';

/** The twinnings an editor's organisation takes part in (all of them for the coordinator), and the coordinator's service vocabulary. */
export const myTwinningsPage: PageFactory = (ctx) => {
  let list: TwinningSummary[] | null = null;
  let error: string | null = null;
  let service = { en: '', it: '' };
  let serviceErrors: FieldErrors = {};
  let serviceError: string | null = null;
  let serviceStatus: string | null = null;
  let sending = false;

  async function load(): Promise<void> {
    const [result] = await Promise.all([settle(client.GET('/api/twinnings')), loadServices()]);
    if (result.ok && Array.isArray(result.data)) list = result.data;
    else error = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  }
  void load();

  async function addService(form: HTMLFormElement): Promise<void> {
    sending = true;
    serviceErrors = {};
    serviceError = null;
    serviceStatus = null;
    ctx.update();
    const result = await settle(
      client.POST('/api/twinnings/services', { body: { en: service.en.trim(), it: service.it.trim() } }),
    );
    sending = false;
    if (result.ok) {
      serviceStatus = t('twin.services.added', { name: service.en.trim() });
      service = { en: '', it: '' };
      await loadServices(true);
    } else ({ errors: serviceErrors, message: serviceError } = describeFailure(result, ['en', 'it']));
    ctx.update();
    if (!result.ok) focusFirstInvalid(form);
    restoreFocus(form);
  }

  function services(): TemplateResult | typeof nothing {
    if (!isCoordinator()) return nothing;
    return html`<section aria-labelledby="services-h">
      <h2 id="services-h">${t('twin.services.title')}</h2>
      <ul class="badges">
        ${cachedServices().map((s) => html`<li class="badge field-badge">${serviceLabel(s.id, s)}</li>`)}
      </ul>
      ${alertBox(serviceError)}
      <form class="form" novalidate @submit=${(e: Event) => {
        e.preventDefault();
        if (!sending) void addService(e.currentTarget as HTMLFormElement);
      }}>
        <div class="field-row two">
          ${inputField({
            id: 'svc-en',
            name: 'en',
            label: t('twin.services.en'),
            value: service.en,
            errors: serviceErrors,
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
            errors: serviceErrors,
            lang: 'it',
            maxlength: 120,
            onInput: (it) => {
              service = { ...service, it };
              ctx.update();
            },
          })}
        </div>
        <div class="actions"><button type="submit" ?disabled=${sending}>${t('twin.services.add')}</button></div>
      </form>
      ${statusRegion(serviceStatus)}
    </section>`;
  }

  function body(): TemplateResult {
    if (error) return alertBox(error) as TemplateResult;
    if (!list) return loading();
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
