import { html, nothing, type TemplateResult } from 'lit-html';
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
import { loadStateView, once, toLoadState, type LoadState } from '../page';
import { alertBox } from '../ui';

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
  let state: LoadState<TwinningSummary[]> = { kind: 'loading' };
  const start = once(() => void load());

  async function load(): Promise<void> {
    state = { kind: 'loading' };
    ctx.update();
    const [result] = await Promise.all([settle(client.GET('/api/twinnings')), loadServices()]);
    state = toLoadState(result, Array.isArray);
    ctx.update();
  }

  function body(): TemplateResult {
    start();
    if (state.kind === 'error') {
      const retry = html`<p><button type="button" class="secondary" @click=${() => load()}>${t('action.retry')}</button></p>`;
      return alertBox(state.message, retry) as TemplateResult;
    }
    return loadStateView(state, { missing: t('twin.list.empty'), ready: byService });
  }

  function byService(twinnings: TwinningSummary[]): TemplateResult {
    if (!twinnings.length) return html`<p class="notice">${t('twin.list.empty')}</p>`;
    const groups = new Map<string, TwinningSummary[]>();
    for (const tw of twinnings) groups.set(tw.service, [...(groups.get(tw.service) ?? []), tw]);
    const order = cachedServices().map((s) => s.id);
    const services = [...groups.entries()].sort(([a], [b]) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999));
    return html`${services.map(
      ([service, items]) => html`<section class="twinning-service" aria-labelledby=${`service-${service}`}>
        <h2 id=${`service-${service}`}>${serviceLabel(service)}</h2>
        <div class="cards">${items.map(card)}</div>
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
