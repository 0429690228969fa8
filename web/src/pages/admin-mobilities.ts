import { ref } from 'lit-html/directives/ref.js';
import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage, type ApiResult } from '../api';
import { client, settle } from '../client';
import { countryName, formatDateTime, formatDateTimeIn, t } from '../i18n';
import {
  essayBadge,
  essayHref,
  formatDay,
  formatDays,
  mobilityHref,
  reminderKindLabel,
  type EssaySummary,
  type HostQuota,
  type QuotaView,
  type ReminderFailure,
  type SenderCount,
  type UpcomingReminder,
} from '../mobilities';
import { followSession, loadStateView, once, toLoadState, type LoadState } from '../page';
import type { PageFactory } from '../router';
import { alertBox, coordinatorOnly, dataTable, statusRegion } from '../ui';

/** One part of the overview, loaded on its own: a failing part does not hide the others. */
type Part<T> = LoadState<T>;

async function fetchPart<T>(call: Promise<ApiResult<T>>): Promise<Part<T>> {
  const result = await call;
  followSession(result);
  return toLoadState(result, (data) => data != null);
}

function part<T>(p: Part<T>, render: (data: T) => TemplateResult): TemplateResult {
  return loadStateView(p, { ready: render, missing: t('error.404') });
}

const fetchUpcoming = () => fetchPart(settle(client.GET('/api/reminders/upcoming', { params: { query: { days: 30 } } })));
const fetchFailures = () => fetchPart(settle(client.GET('/api/reminders/failures')));

/** The coordinator's overview: quota, reminders going out soon, failures to retry, essays to read. */
export const adminMobilitiesPage: PageFactory = (ctx) => {
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());
  let quota: Part<QuotaView> = { kind: 'loading' };
  let upcoming: Part<UpcomingReminder[]> = { kind: 'loading' };
  let failures: Part<ReminderFailure[]> = { kind: 'loading' };
  let essays: Part<EssaySummary[]> = { kind: 'loading' };
  let busy: string | null = null;
  let failureStatus: string | null = null;
  let failureError: string | null = null;

  async function load(): Promise<void> {
    await Promise.all(
      [
        fetchPart(settle(client.GET('/api/mobilities/quota'))).then((p) => (quota = p)),
        fetchUpcoming().then((p) => (upcoming = p)),
        fetchFailures().then((p) => (failures = p)),
        fetchPart(settle(client.GET('/api/essays/review', { params: { query: { status: 'submitted' } } }))).then(
          (p) => (essays = p),
        ),
      ].map((p) => p.then(() => ctx.update())),
    );
  }

  async function failureAction(f: ReminderFailure, action: 'retry' | 'dismiss'): Promise<void> {
    if (busy) return;
    busy = f.reminderId;
    failureStatus = null;
    failureError = null;
    ctx.update();
    const result = await settle(
      client.POST(`/api/mobilities/{id}/reminders/{reminderId}/${action}`, {
        params: { path: { id: f.mobilityId, reminderId: f.reminderId } },
      }),
    );
    busy = null;
    if (result.ok) failureStatus = action === 'retry' ? t('reminder.retried') : t('reminder.dismissed');
    else
      failureError =
        result.status === 409 && result.problem?.detail
          ? `${t('reminder.cannotRetry')} ${result.problem.detail}`
          : problemMessage(result);
    failures = await fetchFailures();
    upcoming = await fetchUpcoming();
    ctx.update();
  }

  /** Hosted and planned visits as two segments against the target; the numbers beside it say the same in words. */
  function bar(h: HostQuota): TemplateResult {
    const max = Math.max(h.target, h.hosted + h.planned, 1);
    // Set through the style object: the page's CSP refuses style attributes in markup.
    const width = (n: number) => ref((el) => el && ((el as HTMLElement).style.width = `${Math.round((100 * n) / max)}%`));
    return html`<span class="quota-bar">
      <span class="quota-track" aria-hidden="true"
        ><span class="quota-done" ${width(h.hosted)}></span
        ><span class="quota-planned" ${width(h.planned)}></span
      ></span>
      <span>${t('quota.ofTarget', { hosted: h.hosted, planned: h.planned, target: h.target })}</span>
    </span>`;
  }

  function quotaSection(q: QuotaView): TemplateResult {
    const period =
      q.projectStart || q.projectEnd
        ? html`<p class="note">${t('quota.period', { start: formatDay(q.projectStart) || '…', end: formatDay(q.projectEnd) || '…' })}</p>`
        : nothing;
    return html`<p>${t('quota.intro', { target: q.hostTarget })}</p>
      ${period}
      <h3>${t('quota.hostsTitle')}</h3>
      ${
        q.hosts.length
          ? dataTable<HostQuota>(
              [
                {
                  label: t('quota.host'),
                  cell: (h) => html`<span>${h.name}<br /><span class="note">${countryName(h.country)}</span></span>`,
                },
                { label: t('quota.progress'), cell: bar },
                { label: t('quota.hosted'), cell: (h) => String(h.hosted) },
                { label: t('quota.planned'), cell: (h) => String(h.planned) },
                { label: t('quota.remaining'), cell: (h) => String(h.remaining) },
              ],
              q.hosts,
              t('quota.hostsTitle'),
            )
          : html`<p class="notice">${t('quota.empty')}</p>`
      }
      <h3>${t('quota.sendersTitle')}</h3>
      ${
        q.senders.length
          ? dataTable<SenderCount>(
              [
                {
                  label: t('quota.sender'),
                  cell: (s) => html`<span>${s.name}<br /><span class="note">${countryName(s.country)}</span></span>`,
                },
                { label: t('quota.sent'), cell: (s) => String(s.sent) },
                { label: t('quota.planned'), cell: (s) => String(s.planned) },
              ],
              q.senders,
              t('quota.sendersTitle'),
            )
          : html`<p class="notice">${t('quota.empty')}</p>`
      }`;
  }

  function upcomingSection(list: UpcomingReminder[]): TemplateResult {
    if (!list.length) return html`<p class="notice">${t('upcoming.empty')}</p>`;
    return dataTable<UpcomingReminder>(
      [
        {
          label: t('upcoming.due'),
          cell: (r) => html`<time datetime=${r.dueAt}>${formatDateTimeIn(r.dueAt, r.timeZone)}</time>`,
        },
        { label: t('reminder.kind'), cell: (r) => reminderKindLabel(r.kind) },
        {
          label: t('mobForm.participantName'),
          cell: (r) => html`<a href=${mobilityHref(r.mobilityId)}>${r.participantName || t('mobility.erased')}</a>`,
        },
        { label: t('mobForm.host'), cell: (r) => r.hostOrganisationName },
        { label: t('mobList.dates'), cell: (r) => formatDays(r.startDate, r.endDate) },
      ],
      list,
      t('upcoming.title'),
    );
  }

  function failuresSection(list: ReminderFailure[]): TemplateResult {
    return html`${alertBox(failureError)}
      ${
        list.length
          ? dataTable<ReminderFailure>(
              [
                {
                  label: t('mobForm.participantName'),
                  cell: (f) => html`<a href=${mobilityHref(f.mobilityId)}>${f.participantName || t('mobility.erased')}</a>`,
                },
                { label: t('reminder.kind'), cell: (f) => reminderKindLabel(f.kind) },
                {
                  label: t('failures.failedAt'),
                  cell: (f) => html`<time datetime=${f.failedAt}>${formatDateTime(f.failedAt)}</time>`,
                },
                {
                  label: t('reminder.detail'),
                  cell: (f) => [t('reminder.attempts', { count: f.attempts }), f.lastError ?? ''].filter(Boolean).join(' · '),
                },
                {
                  label: t('reminder.actions'),
                  cell: (f) => html`<span class="row-buttons">
                  <button type="button" class="secondary small" ?disabled=${busy === f.reminderId}
                    aria-label=${t('failures.retryFor', { name: f.participantName, kind: reminderKindLabel(f.kind) })}
                    @click=${() => failureAction(f, 'retry')}>${t('reminder.retry')}</button>
                  <button type="button" class="secondary small" ?disabled=${busy === f.reminderId}
                    aria-label=${t('failures.dismissFor', { name: f.participantName, kind: reminderKindLabel(f.kind) })}
                    @click=${() => failureAction(f, 'dismiss')}>${t('reminder.dismiss')}</button>
                </span>`,
                },
              ],
              list,
              t('failures.title'),
            )
          : html`<p class="notice">${t('failures.empty')}</p>`
      }
      ${statusRegion(failureStatus)}`;
  }

  function essaysSection(list: EssaySummary[]): TemplateResult {
    if (!list.length) return html`<p class="notice">${t('essays.empty')}</p>`;
    return dataTable<EssaySummary>(
      [
        {
          label: t('mobForm.participantName'),
          cell: (e) => html`<a href=${essayHref(e.mobilityId)}>${e.participantName || t('mobility.erased')}</a>`,
        },
        { label: t('mobForm.host'), cell: (e) => e.hostOrganisationName },
        {
          label: t('essays.submittedAt'),
          cell: (e) => html`<time datetime=${e.submittedAt}>${formatDateTime(e.submittedAt)}</time>`,
        },
        { label: t('essays.consent'), cell: (e) => (e.consentToPublish ? t('essays.consentYes') : t('essays.consentNo')) },
        { label: t('reminder.status'), cell: (e) => essayBadge(e.status) },
      ],
      list,
      t('essays.title'),
    );
  }

  function section(idName: string, title: string, content: TemplateResult): TemplateResult {
    return html`<section class="admin-section" aria-labelledby=${idName}>
      <h2 id=${idName}>${title}</h2>
      ${content}
    </section>`;
  }

  function body(): TemplateResult {
    start();
    return html`<p class="lead">${t('mobAdmin.intro')}</p>
      <nav class="toolbar" aria-label=${t('mobAdmin.sections')}>
        <a href="#quota">${t('quota.title')}</a>
        <a href="#upcoming">${t('upcoming.title')}</a>
        <a href="#failures">${t('failures.title')}</a>
        <a href="#essays">${t('essays.title')}</a>
        <a href="/my/mobilities">${t('mobList.title')}</a>
      </nav>
      ${section('quota', t('quota.title'), part(quota, quotaSection))}
      ${section('upcoming', t('upcoming.title'), html`<p class="note">${t('upcoming.intro')}</p>${part(upcoming, upcomingSection)}`)}
      ${section('failures', t('failures.title'), part(failures, failuresSection))}
      ${section('essays', t('essays.title'), part(essays, essaysSection))}`;
  }

  return {
    title: () => t('mobAdmin.title'),
    view: () => coordinatorOnly(body),
  };
};
