import { html, nothing, type TemplateResult } from 'lit-html';
import { api, describeFailure, problemMessage, type FieldErrors } from '../api';
import { getLang, t } from '../i18n';
import type { PageFactory } from '../router';
import { alertBox, focusFirstInvalid, inputField, loading, restoreFocus, statusRegion } from '../ui';

/** The figures come from the same configuration the retention timer applies. */
interface RetentionFigures {
  signInLinkMinutes: number;
  sessionHours: number;
  invitationLinkDays: number;
  unredeemedInvitationsDays: number;
  outboxCopiesDays: number;
  reminderLogDaysAfterVisit: number;
  participantsDaysAfterProject: number;
  auditLogDays: number;
  projectRecordsKept: boolean;
}

/** The record of processing for the people it is about: what, why, how long, who sees it, and how to use each right. */
export const privacyPage: PageFactory = (ctx) => {
  let figures: RetentionFigures | null = null;
  let loadError: string | null = null;
  let email = '';
  let errors: FieldErrors = {};
  let error: string | null = null;
  let status: string | null = null;
  let sending = false;

  void (async () => {
    const result = await api<RetentionFigures>('/api/privacy/retention');
    if (result.ok && result.data) figures = result.data;
    else loadError = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  })();

  async function request(form: HTMLFormElement): Promise<void> {
    sending = true;
    errors = {};
    error = null;
    status = null;
    ctx.update();
    const result = await api<{ message: string }>('/api/privacy/requests', {
      method: 'POST',
      body: { email: email.trim(), language: getLang() },
    });
    sending = false;
    if (result.ok) status = t('privacy.requestSent');
    else ({ errors, message: error } = describeFailure(result, ['email'], { 429: 'signIn.tooMany' }));
    ctx.update();
    if (!result.ok) focusFirstInvalid(form);
    restoreFocus(form);
  }

  function retention(): TemplateResult {
    if (!figures) return loadError ? (alertBox(loadError) as TemplateResult) : loading();
    const f = figures;
    return html`<ul class="retention">
      <li>${t('privacy.retentionSignIn', { minutes: f.signInLinkMinutes, hours: f.sessionHours })}</li>
      <li>${t('privacy.retentionInvitations', { days: f.invitationLinkDays, unredeemed: f.unredeemedInvitationsDays })}</li>
      <li>${t('privacy.retentionOutbox', { days: f.outboxCopiesDays })}</li>
      <li>${t('privacy.retentionReminders', { days: f.reminderLogDaysAfterVisit })}</li>
      <li>${t('privacy.retentionParticipants', { days: f.participantsDaysAfterProject })}</li>
      <li>${t('privacy.retentionAudit', { days: f.auditLogDays })}</li>
    </ul>
    ${f.projectRecordsKept ? html`<p class="notice">${t('privacy.retentionKept')}</p>` : nothing}`;
  }

  return {
    title: () => t('privacy.title'),
    view: () => html`<p class="lead">${t('privacy.intro')}</p>
      <section aria-labelledby="privacy-collect">
        <h2 id="privacy-collect">${t('privacy.collectTitle')}</h2>
        <ul>
          <li>${t('privacy.collectParticipants')}</li>
          <li>${t('privacy.collectEditors')}</li>
          <li>${t('privacy.collectMail')}</li>
          <li>${t('privacy.collectVisitors')}</li>
        </ul>
      </section>
      <section aria-labelledby="privacy-why">
        <h2 id="privacy-why">${t('privacy.whyTitle')}</h2>
        <p>${t('privacy.why')}</p>
      </section>
      <section aria-labelledby="privacy-retention">
        <h2 id="privacy-retention">${t('privacy.retentionTitle')}</h2>
        ${retention()}
      </section>
      <section aria-labelledby="privacy-who">
        <h2 id="privacy-who">${t('privacy.whoTitle')}</h2>
        <p>${t('privacy.who')}</p>
      </section>
      <section aria-labelledby="privacy-rights">
        <h2 id="privacy-rights">${t('privacy.rightsTitle')}</h2>
        <p>${t('privacy.rightsParticipants')}</p>
        <p>${t('privacy.rightsEditors')}</p>
        <p>${t('privacy.rightsOthers')}</p>
        <h3 id="privacy-request">${t('privacy.requestTitle')}</h3>
        <form class="form narrow" novalidate aria-labelledby="privacy-request"
          @submit=${(e: Event) => {
            e.preventDefault();
            if (!sending) void request(e.currentTarget as HTMLFormElement);
          }}>
          ${alertBox(error)}
          ${inputField({
            id: 'privacy-email',
            name: 'email',
            label: t('privacy.requestLabel'),
            type: 'email',
            value: email,
            errors,
            required: true,
            autocomplete: 'email',
            onInput: (value) => (email = value),
          })}
          <div class="actions"><button type="submit" ?disabled=${sending}>${t('privacy.requestButton')}</button></div>
        </form>
        ${statusRegion(status)}
      </section>`,
  };
};
