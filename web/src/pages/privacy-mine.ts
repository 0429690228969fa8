import { html, type TemplateResult } from 'lit-html';
import { describeFailure, problemMessage, type ApiResult } from '../api';
import { getLang, t } from '../i18n';
import { linkProblem, linkProblemView, participantApi, type LinkProblem } from '../participant';
import { api } from '../api';
import type { PageFactory } from '../router';
import { alertBox, loading, statusRegion } from '../ui';

interface PrivacyAccess {
  email: string;
}

type Load =
  | { kind: 'loading' }
  | { kind: 'link'; problem: LinkProblem }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; access: PrivacyAccess };

/** A person's own data, from the signed link: download it, or ask for its erasure (confirmed by mail). */
export const privacyMinePage: PageFactory = (ctx) => {
  const token = (ctx.query.get('token') ?? '').trim();
  let state: Load = token ? { kind: 'loading' } : { kind: 'link', problem: 'invalid' };
  let sending = false;
  let error: string | null = null;
  let status: string | null = null;

  function accept(result: ApiResult<PrivacyAccess>): void {
    const problem = linkProblem(result);
    if (problem) state = { kind: 'link', problem };
    else if (result.ok && result.data) state = { kind: 'ready', access: result.data };
    else state = { kind: 'error', message: result.ok ? t('error.generic') : problemMessage(result) };
  }

  if (token) {
    void (async () => {
      accept(await participantApi<PrivacyAccess>('/api/privacy/mine', token));
      ctx.update();
    })();
  }

  async function askErasure(): Promise<void> {
    if (sending) return;
    sending = true;
    error = null;
    status = null;
    ctx.update();
    const result = await api<{ message: string }>('/api/privacy/erasure-requests', {
      method: 'POST',
      body: { token, language: getLang() },
    });
    sending = false;
    const problem = linkProblem(result);
    if (problem) state = { kind: 'link', problem };
    else if (result.ok) status = t('mine.eraseSent');
    else error = describeFailure(result, []).message;
    ctx.update();
  }

  function body(): TemplateResult {
    switch (state.kind) {
      case 'loading':
        return loading();
      case 'link':
        return linkProblemView(state.problem);
      case 'error':
        return alertBox(state.message) as TemplateResult;
      case 'ready':
        return html`<p class="lead">${t('mine.about', { email: state.access.email })}</p>
          <section aria-labelledby="mine-download">
            <h2 id="mine-download">${t('mine.downloadTitle')}</h2>
            <p>${t('mine.downloadText')}</p>
            <p><a class="button-link" href=${`/api/privacy/export?token=${encodeURIComponent(token)}`} download="personal-data.zip">${t('mine.download')}</a></p>
          </section>
          <section aria-labelledby="mine-erase">
            <h2 id="mine-erase">${t('mine.eraseTitle')}</h2>
            <p>${t('mine.eraseText')}</p>
            ${alertBox(error)}
            <div class="actions"><button type="button" class="danger" ?disabled=${sending} @click=${() => void askErasure()}>${t('mine.eraseButton')}</button></div>
            ${statusRegion(status)}
          </section>`;
    }
  }

  return { title: () => t('mine.title'), view: body };
};
