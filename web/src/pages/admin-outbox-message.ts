import '../styles/outbox.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { formatSize } from '../materials';
import { client, settle } from '../client';
import { formatDateTime, t } from '../i18n';
import { splitLinks } from '../linkify';
import { followSession, loadStateView, once, toLoadState, type LoadState } from '../page';
import type { PageFactory } from '../router';
import { coordinatorOnly } from '../ui';
import { recipients, type OutboxMessage } from './admin-outbox';

/** Plain text with http(s) URLs turned into links, without any HTML parsing. */
function linkedText(text: string): TemplateResult {
  return html`${splitLinks(text).map((segment) =>
    segment.kind === 'url' ? html`<a href=${segment.href}>${segment.text}</a>` : segment.text,
  )}`;
}

export const adminOutboxMessagePage: PageFactory = (ctx) => {
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());
  let state: LoadState<OutboxMessage> = { kind: 'loading' };

  async function load(): Promise<void> {
    const result = await settle(client.GET('/api/outbox/{id}', { params: { path: { id: ctx.params.id } } }));
    state = toLoadState(result);
    followSession(result);
    ctx.update();
  }

  function body(): TemplateResult {
    start();
    const back = html`<p class="back"><a href="/admin/outbox">${t('outbox.back')}</a></p>`;
    return loadStateView(state, {
      before: back,
      missing: t('outbox.notFound'),
      ready: (m) => html`<article class="message">
            <dl class="facts">
              <div><dt>${t('outbox.to')}</dt><dd>${recipients(m.to)}</dd></div>
              <div>
                <dt>${t('outbox.sent')}</dt>
                <dd><time datetime=${m.sentAt}>${formatDateTime(m.sentAt)}</time></dd>
              </div>
            </dl>
            ${
              m.attachments?.length
                ? html`<h2>${t('outbox.attachments')}</h2>
                  <ul class="plain attachments">
                    ${m.attachments.map(
                      (a, i) => html`<li>
                        <a href=${`/api/outbox/${encodeURIComponent(m.id)}/attachments/${i}`} download=${a.fileName} type=${a.contentType}
                          >${a.fileName}</a
                        >
                        <span class="note">(${formatSize(a.size)})</span>
                      </li>`,
                    )}
                  </ul>`
                : nothing
            }
            ${
              m.html
                ? html`<h2>${t('outbox.htmlPart')}</h2>
                  <iframe class="message-html" sandbox="" title=${t('outbox.htmlTitle', { subject: m.subject })}
                    src=${`/api/outbox/${encodeURIComponent(m.id)}/html`}></iframe>`
                : nothing
            }
            <details class="message-plain" open>
              <summary>${t('outbox.textPart')}</summary>
              <div class="message-text">${linkedText(m.text ?? '')}</div>
            </details>
          </article>`,
    });
  }

  return {
    title: () => (state.kind === 'ready' && state.value.subject ? state.value.subject : t('outbox.message')),
    view: () => coordinatorOnly(body),
  };
};
