import '../styles/outbox.css';
import { html, type TemplateResult } from 'lit-html';
import type { OutboxAttachment, OutboxMessage, OutboxSummary } from '../api/schema';
import { client, settle } from '../client';
import { formatDateTime, t } from '../i18n';
import { loadStateView, once, PageLoad } from '../page';
import { navigate, type PageFactory } from '../router';
import { coordinatorOnly, dataTable } from '../ui';

/** A sent mail as the outbox lists it, and in full with its attachments: as the API describes them. */
export type { OutboxAttachment, OutboxMessage, OutboxSummary };

export function recipients(to: string | string[] | null | undefined): string {
  return Array.isArray(to) ? to.join(', ') : (to ?? '');
}

export const adminOutboxPage: PageFactory = (ctx) => {
  const search = ctx.query.get('q') ?? '';
  let typed = search;
  const outbox = new PageLoad(
    () => settle(client.GET('/api/outbox', { params: { query: { q: search || undefined } } })),
    () => ctx.update(),
    Array.isArray,
  );
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void outbox.load({ keep: true }));
  const none = () => (search ? t('outbox.noMatch', { q: search }) : t('outbox.empty'));

  function body(): TemplateResult {
    start();
    return loadStateView(outbox.state, { ready: table, missing: none() });
  }

  function table(list: OutboxSummary[]): TemplateResult {
    if (!list.length) return html`<p class="notice">${none()}</p>`;
    // The newest first.
    const messages = [...list].sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
    return dataTable<OutboxSummary>(
      [
        {
          label: t('outbox.subject'),
          cell: (m) => html`<a href=${`/admin/outbox/${encodeURIComponent(m.id)}`}>${m.subject || t('outbox.noSubject')}</a>`,
        },
        { label: t('outbox.to'), cell: (m) => recipients(m.to) },
        {
          label: t('outbox.sent'),
          cell: (m) => html`<time datetime=${m.sentAt}>${formatDateTime(m.sentAt)}</time>`,
        },
      ],
      messages,
      t('outbox.title'),
    );
  }

  return {
    title: () => t('outbox.title'),
    view: () =>
      coordinatorOnly(
        () => html`<p class="lead">${t('outbox.intro')}</p>
          <form class="search-form" role="search" @submit=${(e: Event) => {
            e.preventDefault();
            navigate(typed.trim() ? `/admin/outbox?q=${encodeURIComponent(typed.trim())}` : '/admin/outbox');
          }}>
            <label for="outbox-search">${t('outbox.search')}</label>
            <p class="hint" id="outbox-search-hint">${t('outbox.searchHint')}</p>
            <div class="search-row">
              <input id="outbox-search" type="search" .value=${typed} aria-describedby="outbox-search-hint"
                @input=${(e: Event) => (typed = (e.target as HTMLInputElement).value)} />
              <button type="submit">${t('outbox.searchButton')}</button>
            </div>
          </form>
          ${body()}`,
      ),
  };
};
