import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage, type FieldErrors } from '../api';
import type { ParticipantVisit } from '../api/schema';
import { client, settle } from '../client';
import { formState, refuseInvalid, submitForm } from '../form';
import { countryName, formatDateTime, t } from '../i18n';
import { formatDay, formatDays } from '../mobilities';
import { navigate, type PageFactory } from '../router';
import { initialLinkState, linkStateView, participantLanguage, toLinkState, type LinkState } from '../signed-link';
import { alertBox, checkboxField, statusRegion, textareaField } from '../ui';

export const participantEssayPage: PageFactory = (ctx) => {
  const token = (ctx.query.get('token') ?? '').trim();
  let state: LinkState<ParticipantVisit> = initialLinkState(token);
  const applyLanguage = participantLanguage();
  let text = '';
  let consent = false;
  const essay = formState();
  let status: string | null = null;
  /** Sent during this visit to the page: show the thank-you instead of the form. */
  let sent = false;

  async function load(): Promise<void> {
    const result = await settle(client.GET('/api/participants/visit', { params: { query: { token } } }));
    state = toLinkState(result);
    if (state.kind === 'ready') {
      text = state.value.essay?.text ?? text;
      consent = state.value.essay?.consentToPublish ?? consent;
    }
    applyLanguage(state);
    ctx.update();
  }
  if (token) void load();

  // The essay goes in the body with the token (EssayInput: token, text, consentToPublish).
  function send(form: HTMLFormElement, visit: ParticipantVisit): Promise<unknown> {
    status = null;
    const tooShort = text.trim().length < visit.essayMinLength;
    const local: FieldErrors = tooShort ? { text: [t('essayForm.tooShort', { min: visit.essayMinLength })] } : {};
    if (refuseInvalid(essay, form, local, () => ctx.update())) return Promise.resolve();
    const body = { token, text: text.trim(), consentToPublish: consent };
    return submitForm(essay, form, {
      send: () => settle(client.POST('/api/participants/essay', { body })),
      fields: ['text', 'consentToPublish'],
      // Cancelled meanwhile, or already read by the coordinator: the page shows the visit as it is now.
      overrides: { 409: 'essayForm.conflict' },
      update: () => ctx.update(),
      done: (result) => {
        if (!result.data) return false;
        state = { kind: 'ready', value: { ...visit, essay: result.data } };
        // The thank-you box takes the focus and is read out; a status message would repeat it.
        sent = true;
        ctx.update();
        document.getElementById('essay-thanks')?.focus();
        return 'left';
      },
      failed: (result) => {
        const link = toLinkState(result);
        if (link.kind === 'link') state = link;
        else if (result.status === 409) void load();
      },
    });
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
      if (!essay.sending) void send(e.currentTarget as HTMLFormElement, visit);
    };
    return html`<form class="form essay-form" novalidate @submit=${onSubmit}>
      ${textareaField({
        id: 'essay-text',
        name: 'text',
        label: t('essayForm.text'),
        hint: t('essayForm.textHint', { min: visit.essayMinLength, max: visit.essayMaxLength }),
        value: text,
        errors: essay.errors,
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
        errors: essay.errors,
        onChange: (checked) => {
          consent = checked;
        },
      })}
      <div class="actions">
        <button type="submit" ?disabled=${essay.sending}>${essay.sending ? t('essayForm.sending') : t('essayForm.submit')}</button>
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
    return linkStateView(state, { ready: page, retry: () => void load() });
  }

  function page(visit: ParticipantVisit): TemplateResult {
    return html`<p class="lead">${t('essayPage.greeting', { name: visit.participantName })}</p>
      ${visitFacts(visit)} ${alertBox(essay.error)} ${essayState(visit)} ${statusRegion(status)}
      <p class="privacy-link"><button type="button" class="secondary" @click=${() => void openPrivacy()}>${t('essay.privacyLink')}</button></p>`;
  }

  /** A fresh link to the participant's own data, minted from the essay link they hold. */
  async function openPrivacy(): Promise<void> {
    const result = await settle(client.GET('/api/participants/privacy', { params: { query: { token } } }));
    if (result.ok && result.data) {
      const page = new URL(result.data.page, location.href);
      navigate(page.pathname + page.search);
    } else {
      essay.error = result.ok ? t('error.generic') : problemMessage(result);
      ctx.update();
    }
  }

  return {
    title: () => t('essayPage.title'),
    view: body,
  };
};
