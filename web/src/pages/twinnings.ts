import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage } from '../api';
import { client, settle } from '../client';
import { formatList, t } from '../i18n';
import { formatDay } from '../mobilities';
import type { PageFactory } from '../router';
import { isCoordinator } from '../session';
import {
  cachedServices,
  loadServices,
  orgLink,
  serviceLabel,
  statusBadge,
  titleOf,
  twinningHref,
  type TwinningSummary,
} from '../twinnings';
import { loading } from '../ui';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; twinnings: TwinningSummary[] };

function card(tw: TwinningSummary): TemplateResult {
  const title = titleOf(tw.texts);
  return html`<article class="card twinning-card">
    <h3 lang=${title.language}><a href=${twinningHref(tw.id)}>${title.title}</a></h3>
    <p>${statusBadge(tw.status)}</p>
    <dl class="facts">
      <div><dt>${t('twin.mentor')}</dt><dd>${orgLink(tw.mentor)}</dd></div>
      <div>
        <dt>${t('twin.learners')}</dt>
        <dd>
          <ul class="inline-list">
            ${tw.learners.map((l) => html`<li>${orgLink(l)}</li>`)}
          </ul>
        </dd>
      </div>
      ${tw.regions.length ? html`<div><dt>${t('twin.regions')}</dt><dd>${formatList(tw.regions)}</dd></div>` : nothing}
      ${tw.nextMeeting ? html`<div><dt>${t('twin.nextMeeting')}</dt><dd>${formatDay(tw.nextMeeting)}</dd></div>` : nothing}
    </dl>
  </article>`;
}

/** Twinnings by service, with their status and the centres involved. */
export const twinningsPage: PageFactory = (ctx) => {
  let state: State = { kind: 'loading' };

  async function load(): Promise<void> {
    state = { kind: 'loading' };
    ctx.update();
    const [result] = await Promise.all([settle(client.GET('/api/twinnings')), loadServices()]);
    state =
      result.ok && Array.isArray(result.data)
        ? { kind: 'ready', twinnings: result.data }
        : { kind: 'error', message: result.ok ? t('error.generic') : problemMessage(result) };
    ctx.update();
  }
  void load();

  function body(): TemplateResult {
    if (state.kind === 'loading') return loading();
    if (state.kind === 'error') {
      return html`<div class="notice" role="alert">
        <p>${state.message}</p>
        <p><button type="button" class="secondary" @click=${() => load()}>${t('action.retry')}</button></p>
      </div>`;
    }
    if (!state.twinnings.length) return html`<p class="notice">${t('twin.list.empty')}</p>`;
    const byService = new Map<string, TwinningSummary[]>();
    for (const tw of state.twinnings) byService.set(tw.service, [...(byService.get(tw.service) ?? []), tw]);
    const order = cachedServices().map((s) => s.id);
    const services = [...byService.keys()].sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999));
    return html`${services.map(
      (service) => html`<section class="twinning-service" aria-labelledby=${`service-${service}`}>
        <h2 id=${`service-${service}`}>${serviceLabel(service)}</h2>
        <div class="cards">${byService.get(service)!.map(card)}</div>
      </section>`,
    )}`;
  }

  return {
    title: () => t('twin.list.title'),
    view: () => html`<p class="lead">${t('twin.list.intro')}</p>
      <p class="twinning-tools">
        <a href="/api/twinnings/calendar.ics" download="twinning-meetings.ics">${t('twin.list.calendar')}</a>
        ${isCoordinator() ? html` · <a href="/admin/twinnings/new">${t('twin.list.new')}</a>` : nothing}
      </p>
      ${body()}`,
  };
};
