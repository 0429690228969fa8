import './styles/twinnings.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import type {
  Adoption,
  MeetingFormat,
  MeetingView,
  OrganisationRef,
  ServiceTerm,
  TwinningStatus,
  TwinningText,
  UpdateTextView,
  UpdateView,
} from './api/schema';
import { client, settle } from './client';
import { getLang, intlLocale, LANGS, t, type MessageKey } from './i18n';
import { formatDay } from './mobilities';
import { originalText } from './practices';

export const TWINNING_STATUSES: readonly TwinningStatus[] = ['planned', 'running', 'completed'];

/** The languages of the partnership (TwinningRules.Languages): the supported ones, and Norwegian however it is written. */
export const PARTNERSHIP_LANGUAGES: readonly string[] = [...LANGS, 'nn', 'no'].sort();

export type {
  Adoption,
  AttendanceView,
  Indicator,
  MeetingFormat,
  MeetingView,
  OrganisationRef,
  OutcomeView,
  Phase,
  RegistrationView,
  ServiceTerm,
  TwinningStatus,
  TwinningSummary,
  TwinningText,
  TwinningView,
  UpdateTextView,
  UpdateView,
  ViewerRights,
} from './api/schema';

let services: ServiceTerm[] | null = null;

export function cachedServices(): ServiceTerm[] {
  return services ?? [];
}

/** GET /api/twinnings/services; `fresh` after the coordinator added one. */
export async function loadServices(fresh = false): Promise<ServiceTerm[]> {
  if (services && !fresh) return services;
  const result = await settle(client.GET('/api/twinnings/services'));
  if (result.ok && Array.isArray(result.data)) services = result.data;
  return services ?? [];
}

export function serviceLabel(id: string, term?: ServiceTerm): string {
  const found = term ?? cachedServices().find((s) => s.id === id);
  if (!found) return id;
  return found.labels?.[getLang()] || found.en;
}

/** The title in the interface language, else English, else the first. */
export function titleOf(texts: TwinningText[]): TwinningText {
  return texts.find((x) => x.language === getLang()) ?? texts.find((x) => x.language === 'en') ?? texts[0];
}

export function statusLabel(status: TwinningStatus): string {
  return t(`twin.status.${status}` as MessageKey);
}

export function statusBadge(status: TwinningStatus): TemplateResult {
  return html`<span class="badge twin-${status}">${statusLabel(status)}</span>`;
}

export function twinningHref(id: string): string {
  return `/twinnings/${encodeURIComponent(id)}`;
}

export function workspaceHref(id: string): string {
  return `/my/twinnings/${encodeURIComponent(id)}`;
}

export function partnerHref(id: string): string {
  return `/partners/${encodeURIComponent(id)}`;
}

export function orgLink(o: OrganisationRef): TemplateResult {
  return html`<a href=${partnerHref(o.id)}>${o.name}</a>`;
}

/** "27 Jun 2026 – 28 Jun 2026", or one day; online meetings add their local time and zone. */
export function meetingWhen(
  m: Pick<MeetingView, 'format' | 'firstDay' | 'lastDay' | 'startsAtLocal' | 'durationMinutes' | 'timeZone'>,
): string {
  if (m.format === 'online' && m.startsAtLocal) {
    const [day, time] = m.startsAtLocal.split('T');
    const [h, min] = time.split(':').map(Number);
    const end = new Date(Date.UTC(2000, 0, 1, h, min + (m.durationMinutes ?? 0)));
    const endText = `${String(end.getUTCHours()).padStart(2, '0')}:${String(end.getUTCMinutes()).padStart(2, '0')}`;
    return t('twin.meeting.onlineWhen', { day: formatDay(day), start: time, end: endText, zone: m.timeZone });
  }
  return m.firstDay === m.lastDay
    ? formatDay(m.firstDay)
    : t('mob.dateRange', { start: formatDay(m.firstDay), end: formatDay(m.lastDay) });
}

export function formatLabel(format: MeetingFormat): string {
  return format === 'online' ? t('twin.format.online') : t('twin.format.inPerson');
}

/** The post's text in the interface language, else its original. */
export function updateText(u: UpdateView): UpdateTextView | undefined {
  return u.texts.find((x) => x.language === getLang()) ?? originalText(u.texts);
}

export function adoptionLabel(a: Adoption): string {
  return a === 'adapted' ? t('twin.outcome.adapted') : t('twin.outcome.adopted');
}

export function seatsText(m: MeetingView): string | typeof nothing {
  if (m.capacity == null) return nothing;
  return m.seatsLeft === 0
    ? t('twin.meeting.full')
    : t('twin.meeting.seatsLeft', { left: m.seatsLeft ?? 0, capacity: m.capacity });
}

export function longDate(day: string): string {
  return formatDay(day);
}

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function numberFormat(n: number): string {
  return new Intl.NumberFormat(intlLocale()).format(n);
}
