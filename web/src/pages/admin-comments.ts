import { html, type TemplateResult } from 'lit-html';
import type { ReportedCommentView } from '../api/schema';
import { client, settle } from '../client';
import { formatDateTime, t } from '../i18n';
import { linkified } from '../discussion';
import { loadStateView, once, PageLoad } from '../page';
import type { PageFactory } from '../router';
import { coordinatorOnly } from '../ui';

/** Comments members reported: the coordinator opens each in its thread to hide or keep it. */
export const adminCommentsPage: PageFactory = (ctx) => {
  const reports = new PageLoad(
    () => settle(client.GET('/api/discussion/reports')),
    () => ctx.update(),
    Array.isArray,
  );
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void reports.load({ keep: true }));

  function view(): TemplateResult {
    start();
    return loadStateView(reports.state, { ready: reported, missing: t('discussion.noReports') });
  }

  function reported(list: ReportedCommentView[]): TemplateResult {
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
