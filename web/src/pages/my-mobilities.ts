import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage } from '../api';
import { client, settle } from '../client';
import { t } from '../i18n';
import {
  MOBILITY_STATUSES,
  formatDays,
  mobilityBadge,
  mobilityHref,
  mobilityStatusLabel,
  type MobilityListItem,
} from '../mobilities';
import { loadOrganisationOptions, organisationOptions } from '../organisations';
import { once } from '../page';
import { navigate, type PageFactory } from '../router';
import { isCoordinator, loadMe } from '../session';
import { alertBox, dataTable, editorOnly, loading, selectField, statusRegion } from '../ui';

interface Filters {
  organisation: string;
  direction: string;
  status: string;
}

function parse(query: URLSearchParams): Filters {
  const direction = query.get('direction') ?? '';
  const status = query.get('status') ?? '';
  return {
    organisation: (query.get('organisation') ?? '').trim(),
    direction: direction === 'outgoing' || direction === 'incoming' ? direction : '',
    status: (MOBILITY_STATUSES as readonly string[]).includes(status) ? status : '',
  };
}

function href(f: Filters): string {
  const params = new URLSearchParams();
  if (f.organisation) params.set('organisation', f.organisation);
  if (f.organisation && f.direction) params.set('direction', f.direction);
  if (f.status) params.set('status', f.status);
  const search = params.toString();
  return search ? `/my/mobilities?${search}` : '/my/mobilities';
}

export const myMobilitiesPage: PageFactory = (ctx) => {
  const filters = parse(ctx.query);
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());
  let list: MobilityListItem[] | null = null;
  let error: string | null = null;

  async function load(): Promise<void> {
    // Partners always get their own organisation's; the coordinator may narrow to one organisation.
    const organisationId = isCoordinator() && filters.organisation ? filters.organisation : undefined;
    const query = {
      organisationId,
      direction: organisationId && filters.direction ? filters.direction : undefined,
      status: filters.status || undefined,
    };
    const [result] = await Promise.all([
      settle(client.GET('/api/mobilities', { params: { query } })),
      isCoordinator() && !organisationOptions().length ? loadOrganisationOptions() : Promise.resolve(),
    ]);
    if (result.ok && Array.isArray(result.data)) {
      list = [...result.data].sort((a, b) => a.startDate.localeCompare(b.startDate));
    } else {
      error = result.ok ? t('error.generic') : problemMessage(result);
      if (!result.ok && result.status === 401) void loadMe();
    }
    ctx.update();
  }

  function go(patch: Partial<Filters>): void {
    navigate(href({ ...filters, ...patch }), { keepFocus: true });
  }

  function filterBar(): TemplateResult {
    const coordinator = isCoordinator();
    return html`<div class="filter-row mob-filters">
      ${
        coordinator
          ? selectField({
              id: 'mf-organisation',
              name: 'organisation',
              label: t('mobList.organisation'),
              value: filters.organisation,
              placeholder: t('mobList.allOrganisations'),
              options: organisationOptions(),
              errors: {},
              onChange: (organisation) => go({ organisation }),
            })
          : nothing
      }
      ${
        coordinator
          ? selectField({
              id: 'mf-direction',
              name: 'direction',
              label: t('mobList.direction'),
              hint: filters.organisation ? undefined : t('mobList.directionHint'),
              value: filters.direction,
              placeholder: t('mobList.bothDirections'),
              options: [
                { value: 'outgoing', label: t('mobList.outgoing') },
                { value: 'incoming', label: t('mobList.incoming') },
              ],
              disabled: !filters.organisation,
              errors: {},
              onChange: (direction) => go({ direction }),
            })
          : nothing
      }
      ${selectField({
        id: 'mf-status',
        name: 'status',
        label: t('mobForm.status'),
        value: filters.status,
        placeholder: t('mobList.allStatuses'),
        options: MOBILITY_STATUSES.map((s) => ({ value: s, label: mobilityStatusLabel(s) })),
        errors: {},
        onChange: (status) => go({ status }),
      })}
    </div>`;
  }

  function table(rows: MobilityListItem[], caption: string, show: 'host' | 'sending' | 'both'): TemplateResult {
    return dataTable<MobilityListItem>(
      [
        {
          label: t('mobForm.participantName'),
          cell: (m) => html`<a href=${mobilityHref(m.id)}>${m.participantName || t('mobility.erased')}</a>`,
        },
        { label: t('mobForm.profession'), cell: (m) => m.profession },
        ...(show !== 'host' ? [{ label: t('mobForm.sending'), cell: (m: MobilityListItem) => m.sendingOrganisationName }] : []),
        ...(show !== 'sending' ? [{ label: t('mobForm.host'), cell: (m: MobilityListItem) => m.hostOrganisationName }] : []),
        { label: t('mobList.dates'), cell: (m) => formatDays(m.startDate, m.endDate) },
        {
          label: t('mobForm.status'),
          cell: (m) =>
            html`<span class="badges inline"
              >${mobilityBadge(m.status)}${
                m.essaySubmitted ? html` <span class="badge essay-submitted">${t('mobList.essayIn')}</span>` : nothing
              }${m.unsubscribed ? html` <span class="badge muted-badge">${t('mobList.unsubscribed')}</span>` : nothing}</span
            >`,
        },
      ],
      rows,
      caption,
    );
  }

  function countText(n: number): string {
    return t('mobList.count', { count: n });
  }

  function lists(): TemplateResult {
    if (error) return alertBox(error) as TemplateResult;
    if (!list) return loading();
    if (isCoordinator()) {
      if (!list.length) return html`<p class="notice">${t('mobList.empty')}</p>`;
      return table(list, t('mobList.title'), 'both');
    }
    const outgoing = list.filter((m) => m.direction === 'outgoing');
    const incoming = list.filter((m) => m.direction === 'incoming');
    return html`<section aria-labelledby="mob-outgoing">
        <h2 id="mob-outgoing">${t('mobList.outgoingTitle')}</h2>
        <p class="note">${t('mobList.outgoingIntro')}</p>
        ${outgoing.length ? table(outgoing, t('mobList.outgoingTitle'), 'host') : html`<p class="notice">${t('mobList.emptyOutgoing')}</p>`}
      </section>
      <section aria-labelledby="mob-incoming">
        <h2 id="mob-incoming">${t('mobList.incomingTitle')}</h2>
        <p class="note">${t('mobList.incomingIntro')}</p>
        ${incoming.length ? table(incoming, t('mobList.incomingTitle'), 'sending') : html`<p class="notice">${t('mobList.emptyIncoming')}</p>`}
      </section>`;
  }

  function body(): TemplateResult {
    start();
    return html`<p class="lead">${isCoordinator() ? t('mobList.introCoordinator') : t('mobList.intro')}</p>
      <div class="toolbar">
        <a class="button-link" href="/my/mobilities/new">${t('mobList.new')}</a>
        ${isCoordinator() ? html`<a href="/admin/mobilities">${t('mobAdmin.title')}</a>` : nothing}
      </div>
      ${filterBar()} ${statusRegion(list ? countText(list.length) : null)} ${lists()}`;
  }

  return {
    title: () => t('mobList.title'),
    view: () => editorOnly(body),
  };
};
