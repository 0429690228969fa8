import { html, type TemplateResult } from 'lit-html';
import { api, problemMessage } from '../api';
import { formatDateTime, t } from '../i18n';
import type { PageFactory } from '../router';
import { loadMe } from '../session';
import { alertBox, coordinatorOnly, dataTable, loading } from '../ui';

export interface OutboxSummary {
  id: string;
  to: string | string[];
  subject: string;
  sentAt: string;
}

export interface OutboxMessage extends OutboxSummary {
  text: string;
  html?: string | null;
}

export function recipients(to: string | string[] | null | undefined): string {
  return Array.isArray(to) ? to.join(', ') : (to ?? '');
}

export const adminOutboxPage: PageFactory = (ctx) => {
  let started = false;
  let messages: OutboxSummary[] | null = null;
  let error: string | null = null;

  async function load(): Promise<void> {
    const result = await api<OutboxSummary[]>('/api/outbox');
    if (result.ok && Array.isArray(result.data)) {
      messages = [...result.data].sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
    } else {
      error = result.ok ? t('error.generic') : problemMessage(result);
      if (!result.ok && (result.status === 401 || result.status === 403)) void loadMe();
    }
    ctx.update();
  }

  function body(): TemplateResult {
    if (!started) {
      started = true;
      void load();
    }
    if (error) return alertBox(error) as TemplateResult;
    if (!messages) return loading();
    if (!messages.length) return html`<p class="notice">${t('outbox.empty')}</p>`;
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
          ${body()}`,
      ),
  };
};
