import './styles/twinnings.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { api } from './api';
import { getLang, intlLocale, LANGS, t, type MessageKey } from './i18n';
import { formatDay } from './mobilities';
import { originalText } from './practices';

export type TwinningStatus = 'planned' | 'running' | 'completed';
export const TWINNING_STATUSES: readonly TwinningStatus[] = ['planned', 'running', 'completed'];
export type MeetingFormat = 'online' | 'in-person';
export type Adoption = 'adopted' | 'adapted';

/** The languages of the partnership (TwinningRules.Languages): the supported ones, and Norwegian however it is written. */
export const PARTNERSHIP_LANGUAGES: readonly string[] = [...LANGS, 'nn', 'no'].sort();

export interface OrganisationRef {
  id: string;
  name: string;
  city: string;
  country: string;
}

export interface TwinningText {
  language: string;
  title: string;
  description: string;
}

export interface Phase {
  name: string;
  startDate: string;
  endDate: string;
  purpose: string;
  done: boolean;
}

export interface ServiceTerm {
  id: string;
  en: string;
  it: string;
  builtIn: boolean;
  /** The label in every supported language (a coordinator's own term: English and Italian). */
  labels?: Record<string, string>;
}

export interface TwinningSummary {
  id: string;
  texts: TwinningText[];
  service: string;
  status: TwinningStatus;
  mentor: OrganisationRef;
  learners: OrganisationRef[];
  regions: string[];
  nextMeeting: string | null;
  isMember: boolean;
}

export interface MeetingView {
  id: string;
  format: MeetingFormat;
  title: string;
  agenda: string | null;
  materials: string | null;
  isPublic: boolean;
  capacity: number | null;
  seatsLeft: number | null;
  status: 'scheduled' | 'cancelled';
  timeZone: string;
  startsAtLocal: string | null;
  durationMinutes: number | null;
  joinUrl: string | null;
  host: OrganisationRef | null;
  address: string | null;
  city: string | null;
  firstDay: string;
  lastDay: string;
  invited: OrganisationRef[];
  startsAt: string;
  endsAt: string;
  sequence: number;
  isPast: boolean;
  canRegister: boolean;
  etag: string | null;
}

export interface UpdateText {
  language: string;
  isOriginal: boolean;
  translatesRevision: number | null;
  outOfDate: boolean;
  title: string;
  body: string;
}

export interface UpdateView {
  id: string;
  date: string;
  author: OrganisationRef | null;
  published: boolean;
  revision: number;
  texts: UpdateText[];
  updatedAt: string;
  etag: string | null;
}

export interface IndicatorValue {
  name: string;
  value: string | null;
}

export interface OutcomeView {
  organisation: OrganisationRef;
  adoption: Adoption;
  language: string;
  practice: string;
  started: string;
  firstResults: string;
  indicators: IndicatorValue[];
  updatedAt: string;
  etag: string | null;
}

export interface ViewerRights {
  role: 'coordinator' | 'mentor' | 'learner' | null;
  organisationId: string | null;
  canEdit: boolean;
  canPostUpdates: boolean;
  canRecordOutcome: boolean;
  seesJoinLinks: boolean;
}

export interface TwinningView {
  id: string;
  texts: TwinningText[];
  service: ServiceTerm;
  status: TwinningStatus;
  mentor: OrganisationRef;
  learners: OrganisationRef[];
  practice: { id: string; name: string; language: string } | null;
  practiceId: string | null;
  regions: string[];
  phases: Phase[];
  meetings: MeetingView[];
  updates: UpdateView[];
  outcomes: OutcomeView[];
  viewer: ViewerRights;
  etag: string;
}

export interface RegistrationView {
  id: string;
  meetingId: string;
  organisation: OrganisationRef;
  name: string;
  role: string;
  email: string;
  language: string;
  status: 'registered' | 'cancelled';
  unsubscribed: boolean;
  registeredAt: string;
  registeredBy: string;
  cancelledAt: string | null;
  etag: string;
}

export interface AttendanceView {
  twinningId: string;
  twinningTitle: string;
  meetingTitle: string;
  format: MeetingFormat;
  firstDay: string;
  lastDay: string;
  startsAtLocal: string | null;
  durationMinutes: number | null;
  timeZone: string;
  city: string | null;
  name: string;
  language: string;
  status: 'registered' | 'cancelled';
  unsubscribed: boolean;
  meetingCancelled: boolean;
  isPast: boolean;
}

let services: ServiceTerm[] | null = null;

export function cachedServices(): ServiceTerm[] {
  return services ?? [];
}

/** GET /api/twinnings/services; `fresh` after the coordinator added one. */
export async function loadServices(fresh = false): Promise<ServiceTerm[]> {
  if (services && !fresh) return services;
  const result = await api<ServiceTerm[]>('/api/twinnings/services');
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
export function updateText(u: UpdateView): UpdateText | undefined {
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
