import { html, type TemplateResult } from 'lit-html';
import { describeFailure } from '../api';
import type { PrivacyAccess } from '../api/schema';
import { client, settle } from '../client';
import { getLang, t } from '../i18n';
import type { PageFactory } from '../router';
import { initialLinkState, linkProblem, linkStateView, toLinkState, type LinkState } from '../signed-link';
import { alertBox, statusRegion } from '../ui';

/** A person's own data, from the signed link: download it, or ask for its erasure (confirmed by mail). */
export const privacyMinePage: PageFactory = (ctx) => {
  const token = (ctx.query.get('token') ?? '').trim();
  let state: LinkState<PrivacyAccess> = initialLinkState(token);
  let sending = false;
  let error: string | null = null;
  let status: string | null = null;

  if (token) {
    void (async () => {
      state = toLinkState(await settle(client.GET('/api/privacy/mine', { params: { query: { token } } })));
      ctx.update();
    })();
  }

  async function askErasure(): Promise<void> {
    if (sending) return;
    sending = true;
    error = null;
    status = null;
    ctx.update();
    const result = await settle(client.POST('/api/privacy/erasure-requests', { body: { token, language: getLang() } }));
    sending = false;
    const problem = linkProblem(result);
    if (problem) state = { kind: 'link', problem };
    else if (result.ok) status = t('mine.eraseSent');
    else error = describeFailure(result, []).message;
    ctx.update();
  }

  function body(): TemplateResult {
    return linkStateView(state, { ready: mine });
  }

  function mine(access: PrivacyAccess): TemplateResult {
    return html`<p class="lead">${t('mine.about', { email: access.email })}</p>
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

  return { title: () => t('mine.title'), view: body };
};
