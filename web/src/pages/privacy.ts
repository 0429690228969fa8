import { html, nothing, type TemplateResult } from 'lit-html';
import { addressForm } from '../address-form';
import type { RetentionFigures } from '../api/schema';
import { client, settle } from '../client';
import { getLang, t } from '../i18n';
import { loadStateView, PageLoad } from '../page';
import type { PageFactory } from '../router';

/** The record of processing for the people it is about: what, why, how long, who sees it, and how to use each right. */
export const privacyPage: PageFactory = (ctx) => {
  /** The figures come from the same configuration the retention timer applies. */
  const figures = new PageLoad(
    () => settle(client.GET('/api/privacy/retention')),
    () => ctx.update(),
  );
  void figures.load({ keep: true });
  const request = addressForm({
    send: (email) => settle(client.POST('/api/privacy/requests', { body: { email, language: getLang() } })),
    sent: () => t('privacy.requestSent'),
    update: () => ctx.update(),
  });

  function retention(f: RetentionFigures): TemplateResult {
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
        ${loadStateView(figures.state, { ready: retention, missing: t('error.generic') })}
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
        ${request.view({
          id: 'privacy-email',
          label: t('privacy.requestLabel'),
          button: t('privacy.requestButton'),
          labelledBy: 'privacy-request',
        })}
        ${request.status()}
      </section>`,
  };
};
