import '../styles/outbox.css';
import { html, type TemplateResult } from 'lit-html';
import { api, problemMessage } from '../api';
import { formatDateTime, t } from '../i18n';
import { once } from '../page';
import { navigate, type PageFactory } from '../router';
import { loadMe } from '../session';
import { alertBox, coordinatorOnly, dataTable, loading } from '../ui';

export interface OutboxSummary {
  id: string;
  to: string | string[];
  subject: string;
  sentAt: string;
}

export interface OutboxAttachment {
  fileName: string;
  contentType: string;
  size: number;
}

export interface OutboxMessage extends OutboxSummary {
  text: string;
  html?: string | null;
  attachments?: OutboxAttachment[];
}

export function recipients(to: string | string[] | null | undefined): string {
  return Array.isArray(to) ? to.join(', ') : (to ?? '');
}

export const adminOutboxPage: PageFactory = (ctx) => {
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());
  let messages: OutboxSummary[] | null = null;
  let error: string | null = null;
  const search = ctx.query.get('q') ?? '';
  let typed = search;

  async function load(): Promise<void> {
    const result = await api<OutboxSummary[]>(search ? `/api/outbox?q=${encodeURIComponent(search)}` : '/api/outbox');
    if (result.ok && Array.isArray(result.data)) {
      messages = [...result.data].sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
    } else {
      error = result.ok ? t('error.generic') : problemMessage(result);
      if (!result.ok && (result.status === 401 || result.status === 403)) void loadMe();
    }
    ctx.update();
  }

  function body(): TemplateResult {
    start();
    if (error) return alertBox(error) as TemplateResult;
    if (!messages) return loading();
    if (!messages.length) return html`<p class="notice">${search ? t('outbox.noMatch', { q: search }) : t('outbox.empty')}</p>`;
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
