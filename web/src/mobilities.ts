import { html, type TemplateResult } from 'lit-html';
import type { EssayStatus, MobilityStatus, PublishedEssay, ReminderKind, ReminderStatus } from './api/schema';
import { formatter, t, type MessageKey } from './i18n';

export type {
  EssayStatus,
  EssaySummary,
  EssayView,
  HostQuota,
  MobilityListItem,
  MobilityStatus,
  MobilityView,
  PublishedEssay,
  QuotaView,
  ReminderEvent,
  ReminderFailure,
  ReminderKind,
  ReminderStatus,
  ReminderView,
  SenderCount,
  UpcomingReminder,
} from './api/schema';

export const MOBILITY_STATUSES: readonly MobilityStatus[] = ['planned', 'confirmed', 'cancelled', 'completed'];

/** A calendar date ("2025-05-12") as the API sends it, formatted without a time-zone shift. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return formatter('day', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })).format(date);
}

export function formatDays(start: string, end: string): string {
  return t('mob.dateRange', { start: formatDay(start), end: formatDay(end) });
}

export function mobilityStatusLabel(status: string): string {
  return t(`mob.status.${status}` as MessageKey) ?? status;
}

export function mobilityBadge(status: MobilityStatus): TemplateResult {
  return html`<span class="badge mob-${status}">${mobilityStatusLabel(status)}</span>`;
}

const reminderKinds: Record<ReminderKind, MessageKey> = {
  prepare: 'reminder.kind.prepare',
  soon: 'reminder.kind.soon',
  'essay-request': 'reminder.kind.essay-request',
  'essay-reminder': 'reminder.kind.essay-reminder',
  'essay-last': 'reminder.kind.essay-last',
  'meeting-invitation': 'reminder.kind.meeting-invitation',
  'meeting-week-before': 'reminder.kind.meeting-week-before',
  'meeting-day-before': 'reminder.kind.meeting-day-before',
  'meeting-update': 'reminder.kind.meeting-update',
  'meeting-cancellation': 'reminder.kind.meeting-cancellation',
};

const reminderStatuses: Record<ReminderStatus, MessageKey> = {
  pending: 'reminder.status.pending',
  sending: 'reminder.status.sending',
  sent: 'reminder.status.sent',
  failed: 'reminder.status.failed',
  expired: 'reminder.status.expired',
  cancelled: 'reminder.status.cancelled',
};

export function reminderKindLabel(kind: string): string {
  const key = reminderKinds[kind as ReminderKind];
  return key ? t(key) : kind;
}

const reminderReasons: Record<string, MessageKey> = {
  rescheduled: 'reminder.reasonName.rescheduled',
  'mobility-cancelled': 'reminder.reasonName.mobility-cancelled',
  unsubscribed: 'reminder.reasonName.unsubscribed',
  'essay-submitted': 'reminder.reasonName.essay-submitted',
  'too-late': 'reminder.reasonName.too-late',
  superseded: 'reminder.reasonName.superseded',
};

/** Why a reminder was cancelled or expired, in words. */
export function reminderReasonLabel(reason: string): string {
  const key = reminderReasons[reason];
  return key ? t(key) : t('reminder.reasonName.other');
}

export function reminderBadge(status: ReminderStatus): TemplateResult {
  const key = reminderStatuses[status];
  return html`<span class="badge rem-${status}">${key ? t(key) : status}</span>`;
}

const essayStatuses: Record<EssayStatus, MessageKey> = {
  submitted: 'essay.status.submitted',
  read: 'essay.status.read',
  published: 'essay.status.published',
};

export function essayBadge(status: EssayStatus): TemplateResult {
  const key = essayStatuses[status];
  return html`<span class="badge essay-${status}">${key ? t(key) : status}</span>`;
}

export function mobilityHref(id: string): string {
  // A twinning meeting's attendee (tw.{twinning}.{meeting}.{registration}) shares the reminder lists.
  if (id.startsWith('tw.')) return `/my/twinnings/${encodeURIComponent(id.split('.')[1] ?? '')}`;
  return `/my/mobilities/${encodeURIComponent(id)}`;
}

export function essayHref(mobilityId: string): string {
  return `/admin/essays/${encodeURIComponent(mobilityId)}`;
}

/** A published essay as the public reads it: who wrote it, where they went, and the text. */
export function essayArticle(e: PublishedEssay, withHost: boolean): TemplateResult {
  const id = `essay-${e.id}`;
  const byline = t('essay.byline', { name: e.participantName, profession: e.profession });
  // A list of its own on the essays page (under the h1); a part of a section on a partner's page (under an h2).
  return html`<article class="card essay" aria-labelledby=${id}>
    ${withHost ? html`<h2 id=${id}>${byline}</h2>` : html`<h3 id=${id}>${byline}</h3>`}
    <p class="note">
      ${
        withHost
          ? html`${t('essay.visitTo')} <a href=${`/partners/${encodeURIComponent(e.hostOrganisationId)}`}>${e.hostOrganisationName}</a> · `
          : ''
      }${t('essay.from', { from: e.sendingOrganisationName })} · ${formatDays(e.startDate, e.endDate)}
    </p>
    <p class="pre essay-text">${e.text}</p>
  </article>`;
}
