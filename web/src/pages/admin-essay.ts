import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage } from '../api';
import type { EssayView } from '../api/schema';
import { client, settle } from '../client';
import { formatDateTime, t } from '../i18n';
import { essayBadge, formatDays, mobilityHref } from '../mobilities';
import { followSession, loadStateView, once, toLoadState, type LoadState } from '../page';
import type { PageFactory } from '../router';
import { alertBox, coordinatorOnly, statusRegion } from '../ui';

export const adminEssayPage: PageFactory = (ctx) => {
  const path = { mobilityId: ctx.params.id };
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());
  let state: LoadState<EssayView> = { kind: 'loading' };
  let busy = false;
  let error: string | null = null;
  let status: string | null = null;

  async function load(): Promise<void> {
    const result = await settle(client.GET('/api/essays/review/{mobilityId}', { params: { path } }));
    state = toLoadState(result);
    followSession(result);
    ctx.update();
  }

  async function act(action: 'read' | 'publish' | 'unpublish'): Promise<void> {
    if (busy) return;
    busy = true;
    error = null;
    status = null;
    ctx.update();
    const result = await settle(client.POST(`/api/essays/review/{mobilityId}/${action}`, { params: { path } }));
    busy = false;
    if (result.ok && result.data) {
      state = { kind: 'ready', value: result.data };
      status = t(action === 'read' ? 'essay.markedRead' : action === 'publish' ? 'essay.publishedNow' : 'essay.unpublishedNow');
    } else {
      error =
        !result.ok && result.status === 409
          ? result.problem?.detail || t('essay.noConsent')
          : result.ok
            ? t('error.generic')
            : problemMessage(result);
    }
    ctx.update();
  }

  function body(): TemplateResult {
    start();
    const back = html`<p class="back"><a href="/admin/mobilities#essays">${t('essay.back')}</a></p>`;
    return loadStateView(state, { before: back, missing: t('essay.notFound'), ready: essay });
  }

  function essay(e: EssayView): TemplateResult {
    return html`<dl class="facts essay-facts">
        <div><dt>${t('reminder.status')}</dt><dd>${essayBadge(e.status)}</dd></div>
        <div><dt>${t('mobForm.participantName')}</dt><dd><a href=${mobilityHref(e.mobilityId)}>${e.participantName || t('mobility.erased')}</a></dd></div>
        <div><dt>${t('mobForm.profession')}</dt><dd>${e.profession}</dd></div>
        <div><dt>${t('mobForm.sending')}</dt><dd>${e.sendingOrganisationName}</dd></div>
        <div><dt>${t('mobForm.host')}</dt><dd>${e.hostOrganisationName}</dd></div>
        <div><dt>${t('mobList.dates')}</dt><dd>${formatDays(e.startDate, e.endDate)}</dd></div>
        <div><dt>${t('essays.submittedAt')}</dt><dd>${formatDateTime(e.submittedAt)}</dd></div>
        <div><dt>${t('essays.consent')}</dt><dd>${e.consentToPublish ? t('essays.consentYes') : t('essays.consentNo')}</dd></div>
        ${e.readAt ? html`<div><dt>${t('essay.readAt')}</dt><dd>${formatDateTime(e.readAt)} · ${e.readBy ?? ''}</dd></div>` : nothing}
        ${e.publishedAt ? html`<div><dt>${t('essay.publishedAt')}</dt><dd>${formatDateTime(e.publishedAt)}</dd></div>` : nothing}
      </dl>
      <section class="essay-body" aria-labelledby="essay-text-h">
        <h2 id="essay-text-h">${t('essay.textTitle')}</h2>
        <p class="pre">${e.text}</p>
      </section>
      ${alertBox(error)}
      <div class="toolbar">
        ${
          e.status === 'submitted'
            ? html`<button type="button" ?disabled=${busy} @click=${() => act('read')}>${t('essay.markRead')}</button>`
            : nothing
        }
        ${
          e.status !== 'published' && e.consentToPublish
            ? html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => act('publish')}>${t('essay.publish')}</button>`
            : nothing
        }
        ${
          e.status === 'published'
            ? html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => act('unpublish')}>${t('essay.unpublish')}</button>`
            : nothing
        }
      </div>
      ${e.consentToPublish ? nothing : html`<p class="note">${t('essay.noConsent')}</p>`} ${statusRegion(status)}`;
  }

  return {
    title: () => t('essay.title'),
    view: () => coordinatorOnly(body),
  };
};
