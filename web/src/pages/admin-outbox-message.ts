import { html, nothing, type TemplateResult } from 'lit-html';
import { formatSize } from '../materials';
import { api, problemMessage } from '../api';
import { formatDateTime, t } from '../i18n';
import { splitLinks } from '../linkify';
import type { PageFactory } from '../router';
import { loadMe } from '../session';
import { alertBox, coordinatorOnly, loading } from '../ui';
import { recipients, type OutboxMessage } from './admin-outbox';

type State =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; message: OutboxMessage };

/** Plain text with http(s) URLs turned into links, without any HTML parsing. */
function linkedText(text: string): TemplateResult {
  return html`${splitLinks(text).map((segment) =>
    segment.kind === 'url' ? html`<a href=${segment.href}>${segment.text}</a>` : segment.text,
  )}`;
}

export const adminOutboxMessagePage: PageFactory = (ctx) => {
  let started = false;
  let state: State = { kind: 'loading' };

  async function load(): Promise<void> {
    const result = await api<OutboxMessage>(`/api/outbox/${encodeURIComponent(ctx.params.id)}`);
    if (result.ok && result.data) state = { kind: 'ready', message: result.data };
    else if (!result.ok && result.status === 404) state = { kind: 'missing' };
    else {
      state = { kind: 'error', message: result.ok ? t('error.generic') : problemMessage(result) };
      if (!result.ok && (result.status === 401 || result.status === 403)) void loadMe();
    }
    ctx.update();
  }

  function body(): TemplateResult {
    if (!started) {
      started = true;
      void load();
    }
    const back = html`<p class="back"><a href="/admin/outbox">${t('outbox.back')}</a></p>`;
    switch (state.kind) {
      case 'loading':
        return html`${back}${loading()}`;
      case 'missing':
        return html`${back}<p class="notice">${t('outbox.notFound')}</p>`;
      case 'error':
        return html`${back}${alertBox(state.message)}`;
      case 'ready': {
        const m = state.message;
        return html`${back}
          <article class="message">
            <dl class="facts">
              <div><dt>${t('outbox.to')}</dt><dd>${recipients(m.to)}</dd></div>
              <div>
                <dt>${t('outbox.sent')}</dt>
                <dd><time datetime=${m.sentAt}>${formatDateTime(m.sentAt)}</time></dd>
              </div>
            </dl>
            ${m.attachments?.length
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
              : nothing}
            ${m.html
              ? html`<h2>${t('outbox.htmlPart')}</h2>
                  <iframe class="message-html" sandbox="" title=${t('outbox.htmlTitle', { subject: m.subject })}
                    src=${`/api/outbox/${encodeURIComponent(m.id)}/html`}></iframe>`
              : nothing}
            <details class="message-plain" open>
              <summary>${t('outbox.textPart')}</summary>
              <div class="message-text">${linkedText(m.text ?? '')}</div>
            </details>
          </article>`;
      }
    }
  }

  return {
    title: () => (state.kind === 'ready' && state.message.subject ? state.message.subject : t('outbox.message')),
    view: () => coordinatorOnly(body),
  };
};
