import { html, nothing, type TemplateResult } from 'lit-html';
import { describeFailure, problemMessage, type FieldErrors } from '../api';
import type { ParticipantVisit } from '../api/schema';
import { client, settle } from '../client';
import { countryName, formatDateTime, t, useLang } from '../i18n';
import { formatDay, formatDays } from '../mobilities';
import { linkProblem, linkProblemView, type LinkProblem } from '../participant';
import { navigate, type PageFactory } from '../router';
import { alertBox, checkboxField, focusFirstInvalid, loading, restoreFocus, statusRegion, textareaField } from '../ui';

type Load =
  | { kind: 'loading' }
  | { kind: 'link'; problem: LinkProblem }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; visit: ParticipantVisit };

export const participantEssayPage: PageFactory = (ctx) => {
  const token = (ctx.query.get('token') ?? '').trim();
  let state: Load = token ? { kind: 'loading' } : { kind: 'link', problem: 'missing' };
  let languageApplied = false;
  let text = '';
  let consent = false;
  let errors: FieldErrors = {};
  let error: string | null = null;
  let status: string | null = null;
  let sending = false;
  /** Sent during this visit to the page: show the thank-you instead of the form. */
  let sent = false;

  async function load(): Promise<void> {
    const result = await settle(client.GET('/api/participants/visit', { params: { query: { token } } }));
    const problem = linkProblem(result);
    if (problem) state = { kind: 'link', problem };
    else if (result.ok && result.data && typeof result.data === 'object') {
      const visit = result.data;
      state = { kind: 'ready', visit };
      text = visit.essay?.text ?? text;
      consent = visit.essay?.consentToPublish ?? consent;
      if (!languageApplied) {
        languageApplied = true;
        // The visit's preferred language wins over the browser's; the switch still works.
        void useLang(visit.language);
      }
    } else state = { kind: 'error', message: result.ok ? t('error.generic') : problemMessage(result) };
    ctx.update();
  }
  if (token) void load();

  // The essay goes in the body with the token (EssayInput: token, text, consentToPublish).
  async function send(form: HTMLFormElement, visit: ParticipantVisit): Promise<void> {
    errors = {};
    error = null;
    status = null;
    if (text.trim().length < visit.essayMinLength) {
      errors = { text: [t('essayForm.tooShort', { min: visit.essayMinLength })] };
      ctx.update();
      focusFirstInvalid(form);
      return;
    }
    sending = true;
    ctx.update();
    const result = await settle(
      client.POST('/api/participants/essay', { body: { token, text: text.trim(), consentToPublish: consent } }),
    );
    sending = false;
    const problem = linkProblem(result);
    if (result.ok && result.data) {
      state = { kind: 'ready', visit: { ...visit, essay: result.data } };
      // The thank-you box takes the focus and is read out; a status message would repeat it.
      sent = true;
    } else if (problem) {
      state = { kind: 'link', problem };
    } else if (result.status === 409) {
      // Cancelled meanwhile, or already read by the coordinator: show the page as it is now.
      await load();
      error = t('essayForm.conflict');
    } else if (!result.ok) {
      ({ errors, message: error } = describeFailure(result, ['text', 'consentToPublish']));
    }
    ctx.update();
    if (sent) document.getElementById('essay-thanks')?.focus();
    else {
      focusFirstInvalid(form);
      restoreFocus(form);
    }
  }

  function visitFacts(visit: ParticipantVisit): TemplateResult {
    const place = [visit.hostCity, visit.hostCountry ? countryName(visit.hostCountry) : ''].filter(Boolean).join(', ');
    return html`<dl class="facts visit-facts">
      <div><dt>${t('essayPage.host')}</dt><dd>${visit.hostOrganisationName}</dd></div>
      <div><dt>${t('essayPage.dates')}</dt><dd>${formatDays(visit.startDate, visit.endDate)}</dd></div>
      ${place ? html`<div><dt>${t('essayPage.place')}</dt><dd>${place}</dd></div>` : nothing}
      <div><dt>${t('essayPage.sending')}</dt><dd>${visit.sendingOrganisationName}</dd></div>
    </dl>`;
  }

  function form(visit: ParticipantVisit): TemplateResult {
    const onSubmit = (e: Event) => {
      e.preventDefault();
      if (!sending) void send(e.currentTarget as HTMLFormElement, visit);
    };
    return html`<form class="form essay-form" novalidate @submit=${onSubmit}>
      ${textareaField({
        id: 'essay-text',
        name: 'text',
        label: t('essayForm.text'),
        hint: t('essayForm.textHint', { min: visit.essayMinLength, max: visit.essayMaxLength }),
        value: text,
        errors,
        required: true,
        rows: 14,
        maxlength: visit.essayMaxLength,
        counter: true,
        onInput: (value) => {
          text = value;
          ctx.update();
        },
      })}
      ${checkboxField({
        id: 'essay-consent',
        name: 'consentToPublish',
        label: t('essayForm.consent'),
        hint: t('essayForm.consentHint'),
        checked: consent,
        errors,
        onChange: (checked) => {
          consent = checked;
        },
      })}
      <div class="actions">
        <button type="submit" ?disabled=${sending}>${sending ? t('essayForm.sending') : t('essayForm.submit')}</button>
      </div>
    </form>`;
  }

  function essayState(visit: ParticipantVisit): TemplateResult {
    const essay = visit.essay;
    if (visit.cancelled) return html`<p class="notice">${t('essayPage.cancelled')}</p>`;
    if (!visit.essayOpen && !essay) {
      return html`<p class="notice">${t('essayPage.notOpen', { date: formatDay(visit.essayOpensOn) })}</p>`;
    }
    if (sent && essay) {
      return html`<div class="confirm-box" id="essay-thanks" tabindex="-1">
        <p><strong>${t('essayForm.thanks')}</strong></p>
        <p>${essay.consentToPublish ? t('essayForm.thanksConsent') : t('essayForm.thanksPrivate')}</p>
        <p>
          <button type="button" class="secondary" @click=${() => ((sent = false), (status = null), ctx.update())}>
            ${t('essayForm.change')}
          </button>
        </p>
      </div>`;
    }
    if (essay && essay.status !== 'submitted') {
      return html`<div class="notice">
          <p>${t('essayPage.alreadyRead', { date: formatDateTime(essay.submittedAt) })}</p>
        </div>
        <h2>${t('essayForm.text')}</h2>
        <p class="pre essay-text">${essay.text}</p>`;
    }
    return html`${
      essay
        ? html`<p class="notice">${t('essayPage.alreadySent', { date: formatDateTime(essay.submittedAt) })}</p>`
        : html`<p>${t('essayPage.intro')}</p>`
    }
      ${form(visit)}`;
  }

  function body(): TemplateResult {
    switch (state.kind) {
      case 'loading':
        return loading();
      case 'link':
        return linkProblemView(state.problem === 'missing' ? 'invalid' : state.problem);
      case 'error':
        return html`${alertBox(state.message)}
          <p><button type="button" class="secondary" @click=${() => load()}>${t('action.retry')}</button></p>`;
    }
    const visit = state.visit;
    return html`<p class="lead">${t('essayPage.greeting', { name: visit.participantName })}</p>
      ${visitFacts(visit)} ${alertBox(error)} ${essayState(visit)} ${statusRegion(status)}
      <p class="privacy-link"><button type="button" class="secondary" @click=${() => void openPrivacy()}>${t('essay.privacyLink')}</button></p>`;
  }

  /** A fresh link to the participant's own data, minted from the essay link they hold. */
  async function openPrivacy(): Promise<void> {
    const result = await settle(client.GET('/api/participants/privacy', { params: { query: { token } } }));
    if (result.ok && result.data) {
      const page = new URL(result.data.page, location.href);
      navigate(page.pathname + page.search);
    } else {
      error = result.ok ? t('error.generic') : problemMessage(result);
      ctx.update();
    }
  }

  return {
    title: () => t('essayPage.title'),
    view: body,
  };
};
