import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage } from '../api';
import type { ParticipantLinksView } from '../api/schema';
import { client, settle } from '../client';
import { countryName, formatDateTime, formatDateTimeIn, t } from '../i18n';
import {
  essayHref,
  formatDays,
  mobilityBadge,
  reminderBadge,
  reminderKindLabel,
  reminderReasonLabel,
  type MobilityView,
  type ReminderView,
} from '../mobilities';
import {
  HOST_FIELDS,
  MOBILITY_FIELDS,
  hostDetailsForm,
  mobilityForm,
  toHostBody,
  toMobilityBody,
  toMobilityInput,
  type MobilityInput,
} from '../mobility-form';
import { loadOrganisationOptions, organisationOptions } from '../organisations';
import { followSession, loadStateView, once, toLoadState, type LoadState } from '../page';
import { clearConflict, editAlert, editState, saveRecord } from '../record-edit';
import type { PageFactory } from '../router';
import { isCoordinator } from '../session';
import { alertBox, dataTable, editorOnly, loading, statusRegion } from '../ui';
import { languageName, loadVocabularies } from '../vocabularies';

export const myMobilityEditPage: PageFactory = (ctx) => {
  const id = ctx.params.id;
  const path = { id };
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());
  let loadState: LoadState<MobilityView> = { kind: 'loading' };
  let etag = '';
  let value: MobilityInput | null = null;
  const edit = editState();

  let reminders: ReminderView[] | null = null;
  let remindersError: string | null = null;
  let reminderStatus: string | null = null;
  let busyReminder: string | null = null;
  let links: ParticipantLinksView | null = null;
  let linksBusy = false;

  function take(m: MobilityView, headerEtag: string | null): void {
    etag = m.etag || headerEtag || '';
    value = toMobilityInput(m);
    loadState = { kind: 'ready', value: m };
  }

  async function fetchMobility(): Promise<boolean> {
    const result = await settle(client.GET('/api/mobilities/{id}', { params: { path } }));
    followSession(result);
    if (result.ok && result.data) {
      take(result.data, result.etag);
      return true;
    }
    loadState = toLoadState(result);
    return false;
  }

  async function loadReminders(): Promise<void> {
    if (!isCoordinator()) return;
    const result = await settle(client.GET('/api/mobilities/{id}/reminders', { params: { path } }));
    if (result.ok && Array.isArray(result.data)) {
      reminders = [...result.data].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      remindersError = null;
    } else remindersError = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  }

  async function load(): Promise<void> {
    await Promise.all([fetchMobility(), loadOrganisationOptions(), loadVocabularies()]);
    ctx.update();
    void loadReminders();
  }

  async function reload(): Promise<void> {
    if (await fetchMobility()) clearConflict(edit, t('mobEdit.reloaded'));
    ctx.update();
    void loadReminders();
  }

  /** The sending side (or a coordinator) saves the whole registration; the host side only its own details. */
  function submit(form: HTMLFormElement, part: 'visit' | 'host'): Promise<unknown> {
    const draft = value;
    if (!draft) return Promise.resolve();
    const header = { 'If-Match': etag };
    return saveRecord(edit, form, {
      send: () =>
        settle(
          part === 'host'
            ? client.PUT('/api/mobilities/{id}/host', { params: { path, header }, body: toHostBody(draft) })
            : client.PUT('/api/mobilities/{id}', { params: { path, header }, body: toMobilityBody(draft, isCoordinator()) }),
        ),
      fields: part === 'host' ? HOST_FIELDS : MOBILITY_FIELDS,
      stale: 'mobEdit.stale',
      update: () => ctx.update(),
      done: (result) => {
        if (!result.data) return false;
        take(result.data, result.etag);
        edit.status = t('mobEdit.saved');
        // Saving reschedules the reminders.
        void loadReminders();
      },
      failed: (result) => {
        if (result.status === 404) loadState = { kind: 'missing' };
      },
    });
  }

  async function reminderAction(r: ReminderView, action: 'retry' | 'dismiss'): Promise<void> {
    if (busyReminder) return;
    busyReminder = r.id;
    reminderStatus = null;
    remindersError = null;
    ctx.update();
    const result = await settle(
      client.POST(`/api/mobilities/{id}/reminders/{reminderId}/${action}`, { params: { path: { id, reminderId: r.id } } }),
    );
    busyReminder = null;
    if (result.ok) reminderStatus = action === 'retry' ? t('reminder.retried') : t('reminder.dismissed');
    else
      remindersError =
        problemMessage(result, { 409: 'reminder.cannotRetry' }) + (result.problem?.detail ? ` ${result.problem.detail}` : '');
    await loadReminders();
  }

  async function newLinks(): Promise<void> {
    linksBusy = true;
    ctx.update();
    const result = await settle(client.POST('/api/mobilities/{id}/participant-links', { params: { path } }));
    linksBusy = false;
    if (result.ok && result.data) links = result.data;
    else remindersError = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  }

  function facts(m: MobilityView, withHost = true): TemplateResult {
    return html`<dl class="facts mob-facts">
      <div><dt>${t('mobForm.status')}</dt><dd>${mobilityBadge(m.status)}</dd></div>
      <div><dt>${t('mobForm.participantName')}</dt><dd>${m.participantName || t('mobility.erased')}</dd></div>
      <div><dt>${t('mobForm.profession')}</dt><dd>${m.profession}</dd></div>
      <div><dt>${t('mobForm.language')}</dt><dd>${languageName(m.language)}</dd></div>
      <div><dt>${t('mobForm.homeCountry')}</dt><dd>${countryName(m.homeCountry)}</dd></div>
      <div><dt>${t('mobForm.sending')}</dt><dd>${m.sendingOrganisationName}</dd></div>
      <div><dt>${t('mobForm.host')}</dt><dd>${m.hostOrganisationName}</dd></div>
      <div><dt>${t('mobList.dates')}</dt><dd>${formatDays(m.startDate, m.endDate)}</dd></div>
      ${withHost ? hostFacts(m) : nothing}
    </dl>`;
  }

  function hostFacts(m: MobilityView): TemplateResult {
    return html`${m.hostAddress ? html`<div><dt>${t('mobForm.hostAddress')}</dt><dd class="pre">${m.hostAddress}</dd></div>` : nothing}
      ${m.hostContactName ? html`<div><dt>${t('mobForm.hostContactName')}</dt><dd>${m.hostContactName}</dd></div>` : nothing}
      ${m.hostContactEmail ? html`<div><dt>${t('mobForm.hostContactEmail')}</dt><dd>${m.hostContactEmail}</dd></div>` : nothing}
      ${m.hostContactPhone ? html`<div><dt>${t('mobForm.hostContactPhone')}</dt><dd>${m.hostContactPhone}</dd></div>` : nothing}
      ${m.programme ? html`<div><dt>${t('mobForm.programme')}</dt><dd class="pre">${m.programme}</dd></div>` : nothing}`;
  }

  function participantState(m: MobilityView): TemplateResult {
    return html`<ul class="plain mob-state">
      <li>
        ${
          m.essaySubmittedAt
            ? html`${t('mobEdit.essayIn', { date: formatDateTime(m.essaySubmittedAt) })}
            ${isCoordinator() ? html` <a href=${essayHref(m.id)}>${t('mobEdit.readEssay')}</a>` : nothing}`
            : t('mobEdit.noEssay')
        }
      </li>
      <li>
        ${m.unsubscribed ? t('mobEdit.unsubscribed', { date: formatDateTime(m.unsubscribedAt) }) : t('mobEdit.subscribed')}
      </li>
    </ul>`;
  }

  /** In the participant's own zone: the policy sends at 08:00 there. */
  function reminderTime(r: ReminderView): TemplateResult {
    const zone = loadState.kind === 'ready' ? loadState.value.homeTimeZone : undefined;
    const at = r.status === 'sent' ? r.sentAt : r.finishedAt;
    return html`<span
      >${t('reminder.due', { date: formatDateTimeIn(r.dueAt, zone) })}${
        at && r.status !== 'pending'
          ? html`<br />${t(r.status === 'sent' ? 'reminder.at.sent' : 'reminder.at.finished', { date: formatDateTimeIn(at, zone) })}`
          : nothing
      }</span
    >`;
  }

  function reminderDetail(r: ReminderView): TemplateResult | string {
    const parts: string[] = [];
    if (r.attempts) parts.push(t('reminder.attempts', { count: r.attempts }));
    if (r.reason) parts.push(t('reminder.reason', { reason: reminderReasonLabel(r.reason) }));
    if (r.lastError && r.status === 'failed') parts.push(r.lastError);
    return parts.join(' · ');
  }

  function reminderActions(r: ReminderView): TemplateResult | string {
    if (r.status !== 'failed') return '';
    return html`<span class="row-buttons">
      <button type="button" class="secondary small" ?disabled=${busyReminder === r.id} @click=${() => reminderAction(r, 'retry')}>
        ${t('reminder.retry')}
      </button>
      <button type="button" class="secondary small" ?disabled=${busyReminder === r.id} @click=${() => reminderAction(r, 'dismiss')}>
        ${t('reminder.dismiss')}
      </button>
    </span>`;
  }

  function history(): TemplateResult | typeof nothing {
    if (!isCoordinator()) return nothing;
    let content: TemplateResult;
    if (!reminders && remindersError) content = alertBox(remindersError) as TemplateResult;
    else if (!reminders) content = loading();
    else if (!reminders.length) content = html`<p class="notice">${t('reminder.none')}</p>`;
    else
      content = html`${alertBox(remindersError)}
      ${dataTable<ReminderView>(
        [
          { label: t('reminder.kind'), cell: (r) => reminderKindLabel(r.kind) },
          { label: t('reminder.status'), cell: (r) => reminderBadge(r.status) },
          { label: t('reminder.when'), cell: reminderTime },
          { label: t('reminder.detail'), cell: reminderDetail },
          { label: t('reminder.actions'), cell: reminderActions },
        ],
        reminders,
        t('reminder.historyTitle'),
      )}`;
    return html`<section class="mob-reminders" aria-labelledby="mob-reminders-h">
      <h2 id="mob-reminders-h">${t('reminder.historyTitle')}</h2>
      ${content} ${statusRegion(reminderStatus)}
      <h3>${t('mobEdit.linksTitle')}</h3>
      <p class="note">${t('mobEdit.linksIntro')}</p>
      <p>
        <button type="button" class="secondary" ?disabled=${linksBusy} @click=${() => newLinks()}>${t('mobEdit.linksButton')}</button>
      </p>
      ${
        links
          ? html`<dl class="facts links">
            <div><dt>${t('mobEdit.essayLink')}</dt><dd><code class="hash">${links.essayPage}</code></dd></div>
            <div><dt>${t('mobEdit.unsubscribeLink')}</dt><dd><code class="hash">${links.unsubscribePage}</code></dd></div>
          </dl>`
          : nothing
      }
    </section>`;
  }

  function body(): TemplateResult {
    start();
    const back = html`<p class="back"><a href="/my/mobilities">${t('mobEdit.back')}</a></p>`;
    return loadStateView(loadState, { before: back, missing: t('mobEdit.notFound'), ready: page });
  }

  function page(m: MobilityView): TemplateResult {
    const draft = value ?? toMobilityInput(m);
    const { errors, sending, status } = edit;
    const problem = editAlert(edit, () => void reload(), t('mobEdit.reload'));
    const onChange = (patch: Partial<MobilityInput>) => {
      value = { ...draft, ...patch };
      ctx.update();
    };
    const hostDetails = html`<h2>${t('mobForm.hostDetails')}</h2>
      ${
        hasHostDetails(m)
          ? html`<dl class="facts mob-facts">${hostFacts(m)}</dl>`
          : html`<p class="notice">${t('mobEdit.noHostDetails', { host: m.hostOrganisationName })}</p>`
      }`;
    let main: TemplateResult;
    if (m.canEdit && m.canEditHost) {
      main = html`${problem}
        ${mobilityForm({ value: draft, errors, sending, organisations: organisationOptions(), chooseSending: false, withHostDetails: true, onChange, onSubmit: (form) => void submit(form, 'visit') })}
        ${statusRegion(status)}`;
    } else if (m.canEdit) {
      main = html`<p class="notice">${t('mobEdit.sendingSide', { host: m.hostOrganisationName })}</p>
        ${problem}
        ${mobilityForm({ value: draft, errors, sending, organisations: organisationOptions(), chooseSending: false, withHostDetails: false, onChange, onSubmit: (form) => void submit(form, 'visit') })}
        ${statusRegion(status)} ${hostDetails}`;
    } else if (m.canEditHost) {
      main = html`<p class="notice">${t('mobEdit.hostSide', { sending: m.sendingOrganisationName })}</p>
        ${facts(m, false)} ${problem}
        ${hostDetailsForm({ value: draft, errors, sending, onChange, onSubmit: (form) => void submit(form, 'host') })}
        ${statusRegion(status)}`;
    } else {
      main = facts(m);
    }
    return html`<p class="lead">${m.participantName || t('mobility.erased')} · ${m.hostOrganisationName} · ${formatDays(m.startDate, m.endDate)}</p>
      ${participantState(m)} ${main} ${history()}`;
  }

  function hasHostDetails(m: MobilityView): boolean {
    return !!(m.hostAddress || m.hostContactName || m.hostContactEmail || m.hostContactPhone || m.programme);
  }

  return {
    title: () => t('mobEdit.title'),
    view: () => editorOnly(body),
  };
};
