import { html, type TemplateResult } from 'lit-html';
import { api, problemMessage } from '../api';
import { formatDateTime, t } from '../i18n';
import { linkified } from '../discussion';
import type { PageFactory } from '../router';
import { alertBox, coordinatorOnly, loading } from '../ui';

interface Reported {
  threadTitle: string;
  path: string;
  reasons: (string | null)[];
  comment: {
    id: string;
    text: string | null;
    language: string;
    createdAt: string;
    reportCount: number | null;
    author: { name: string | null; organisationName: string | null } | null;
  };
}

/** Comments members reported: the coordinator opens each in its thread to hide or keep it. */
export const adminCommentsPage: PageFactory = (ctx) => {
  let list: Reported[] | null = null;
  let error: string | null = null;
  void api<Reported[]>('/api/discussion/reports').then((r) => {
    if (r.ok && Array.isArray(r.data)) list = r.data;
    else error = r.ok ? t('error.generic') : problemMessage(r);
    ctx.update();
  });

  function view(): TemplateResult {
    if (error) return alertBox(error) as TemplateResult;
    if (!list) return loading();
    if (!list.length) return html`<p class="muted">${t('discussion.noReports')}</p>`;
    return html`<ul class="plain">
      ${list.map(
        (r) => html`<li class="comment">
        <p><a href=${`${r.path}#comment-${r.comment.id}`}>${r.threadTitle}</a> — ${r.comment.author?.name ?? ''}${r.comment.author?.organisationName ? `, ${r.comment.author.organisationName}` : ''} · ${formatDateTime(r.comment.createdAt)}</p>
        <div class="pre" lang=${r.comment.language}>${linkified(r.comment.text ?? '')}</div>
        <p class="muted">${t('discussion.reports', { count: r.comment.reportCount ?? 0 })}${r.reasons.filter(Boolean).length ? `: ${r.reasons.filter(Boolean).join('; ')}` : ''}</p>
      </li>`,
      )}
    </ul>`;
  }

  return { title: () => t('discussion.reportsTitle'), view: () => coordinatorOnly(view) };
};
