import { html, nothing, type TemplateResult } from 'lit-html';
import { fieldErrors, problemMessage } from './api';
import type { CommentView, ThreadKind, ThreadView } from './api/schema';
import { client, settle } from './client';
import './discussion.css';
import { countryName, formatDateTime, getLang, t } from './i18n';
import { splitLinks } from './linkify';
import { getMe, isCoordinator } from './session';
import { alertBox, inputField, selectField, statusRegion, textareaField } from './ui';
import { languageName } from './vocabularies';

/** The languages a comment may be labelled with: the interface languages, then the author's own choice. */
const COMMENT_LANGUAGES = ['en', 'it', 'es', 'fr', 'de', 'ro', 'bg', 'fi', 'sv', 'nb', 'is'];

/** Text as written, with http(s) addresses made into links that pass no credit and open nothing of ours. */
export function linkified(text: string): TemplateResult {
  return html`${splitLinks(text).map((s) =>
    s.kind === 'url' ? html`<a href=${s.href} rel="nofollow ugc noopener" target="_blank">${s.text}</a>` : s.text,
  )}`;
}

interface Draft {
  /** The comment replied to, or being edited; null for a new comment. */
  target: string | null;
  mode: 'new' | 'reply' | 'edit' | 'hide';
  text: string;
  language: string;
  name: string;
  errors: Record<string, string[]>;
  busy: boolean;
}

/**
 * The discussion of a published practice or a twinning: everyone reads it; members write,
 * reply one level deep, edit their own for a short while, delete them and report others';
 * the coordinator hides a comment with a reason, or restores it.
 */
export function discussion(kind: ThreadKind, id: string, update: () => void) {
  const threadPath = { kind, threadId: id };
  const commentPath = (commentId: string) => ({ ...threadPath, commentId });
  let thread: ThreadView | null = null;
  let failed: string | null = null;
  let status: string | null = null;
  let draft: Draft = fresh('new', null);

  function fresh(mode: Draft['mode'], target: string | null, text = '', language: string = getLang()): Draft {
    return { mode, target, text, language, name: thread?.yourName ?? '', errors: {}, busy: false };
  }

  async function load(): Promise<void> {
    const result = await settle(client.GET('/api/discussion/{kind}/{threadId}', { params: { path: threadPath } }));
    if (result.ok && result.data && Array.isArray(result.data.comments)) {
      thread = result.data;
      failed = null;
      if (!draft.name) draft.name = thread.yourName ?? '';
    } else {
      failed = result.ok ? t('error.generic') : problemMessage(result);
    }
    update();
  }
  void load();

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    draft.busy = true;
    update();
    const d = draft;
    const result =
      d.mode === 'edit'
        ? await settle(
            client.PUT('/api/discussion/{kind}/{threadId}/comments/{commentId}', {
              params: { path: commentPath(d.target ?? ''), header: etag(d.target) },
              body: { text: d.text, language: d.language },
            }),
          )
        : d.mode === 'hide'
          ? await settle(
              client.POST('/api/discussion/{kind}/{threadId}/comments/{commentId}/hide', {
                params: { path: commentPath(d.target ?? ''), header: etag(d.target) },
                body: { reason: d.text },
              }),
            )
          : await settle(
              client.POST('/api/discussion/{kind}/{threadId}/comments', {
                params: { path: threadPath },
                body: {
                  text: d.text,
                  language: d.language,
                  parentId: d.mode === 'reply' ? d.target : null,
                  authorName: d.name || null,
                },
              }),
            );
    if (result.ok) {
      status = t(d.mode === 'edit' ? 'discussion.saved' : d.mode === 'hide' ? 'discussion.hidden' : 'discussion.posted');
      draft = fresh('new', null);
      await load();
      return;
    }
    draft.busy = false;
    draft.errors = fieldErrors(result.problem);
    if (d.mode === 'hide' && draft.errors.reason) draft.errors.text = draft.errors.reason;
    status = problemMessage(result);
    update();
  }

  function find(commentId: string | null): CommentView | undefined {
    for (const c of thread?.comments ?? []) {
      if (c.id === commentId) return c;
      const reply = c.replies.find((r) => r.id === commentId);
      if (reply) return reply;
    }
    return undefined;
  }

  /** A comment the reader may change carries its ETag; an empty one is answered as a missing one. */
  function etag(commentId: string | null): { 'If-Match': string } {
    return { 'If-Match': find(commentId)?.etag ?? '' };
  }

  async function act(c: CommentView, action: 'delete' | 'report' | 'restore'): Promise<void> {
    const question =
      action === 'delete'
        ? t('discussion.confirmDelete')
        : action === 'report'
          ? t('discussion.confirmReport')
          : t('discussion.confirmRestore');
    if (!window.confirm(question)) return;
    const result =
      action === 'delete'
        ? await settle(
            client.DELETE('/api/discussion/{kind}/{threadId}/comments/{commentId}', {
              params: { path: commentPath(c.id), header: etag(c.id) },
            }),
          )
        : action === 'report'
          ? await settle(
              client.POST('/api/discussion/{kind}/{threadId}/comments/{commentId}/report', {
                params: { path: commentPath(c.id) },
                body: { reason: null },
              }),
            )
          : await settle(
              client.POST('/api/discussion/{kind}/{threadId}/comments/{commentId}/restore', {
                params: { path: commentPath(c.id), header: etag(c.id) },
              }),
            );
    status = result.ok
      ? t(action === 'delete' ? 'discussion.deleted' : action === 'report' ? 'discussion.reported' : 'discussion.restored')
      : problemMessage(result);
    await load();
  }

  function form(): TemplateResult {
    const d = draft;
    const prefix = `comment-${d.mode}`;
    const heading =
      d.mode === 'reply'
        ? t('discussion.replyHeading')
        : d.mode === 'edit'
          ? t('discussion.editHeading')
          : d.mode === 'hide'
            ? t('discussion.hideHeading')
            : t('discussion.newHeading');
    return html`<form class="comment-form" novalidate @submit=${submit} aria-labelledby=${`${prefix}-heading`}>
      <h3 id=${`${prefix}-heading`}>${heading}</h3>
      ${
        d.mode === 'new' || d.mode === 'reply'
          ? inputField({
              id: `${prefix}-name`,
              name: 'authorName',
              label: t('discussion.name'),
              hint: t('discussion.nameHint'),
              value: d.name,
              errors: d.errors,
              maxlength: 80,
              autocomplete: 'name',
              required: !thread?.yourName,
              onInput: (v) => (draft.name = v),
            })
          : nothing
      }
      ${textareaField({
        id: `${prefix}-text`,
        name: 'text',
        label: d.mode === 'hide' ? t('discussion.hideReason') : t('discussion.text'),
        value: d.text,
        errors: d.errors,
        maxlength: d.mode === 'hide' ? 300 : (thread?.maxLength ?? 2000),
        rows: d.mode === 'hide' ? 2 : 4,
        required: true,
        lang: d.mode === 'hide' ? undefined : d.language,
        onInput: (v) => {
          draft.text = v;
          update();
        },
      })}
      ${
        d.mode !== 'hide'
          ? selectField({
              id: `${prefix}-language`,
              name: 'language',
              label: t('discussion.language'),
              value: d.language,
              placeholder: t('discussion.languagePick'),
              errors: d.errors,
              required: true,
              options: COMMENT_LANGUAGES.map((l) => ({ value: l, label: languageName(l) })),
              onChange: (v) => (draft.language = v),
            })
          : nothing
      }
      <div class="actions">
        <button type="submit" ?disabled=${d.busy}>${d.mode === 'hide' ? t('discussion.hide') : d.mode === 'edit' ? t('discussion.save') : t('discussion.post')}</button>
        ${
          d.mode !== 'new'
            ? html`<button type="button" class="secondary" @click=${() => {
                draft = fresh('new', null);
                update();
              }}>${t('discussion.cancel')}</button>`
            : nothing
        }
      </div>
    </form>`;
  }

  function author(c: CommentView): TemplateResult {
    const a = c.author;
    if (!a) return html`<span class="muted">${t('discussion.deletedAuthor')}</span>`;
    const who = a.name ?? (a.isCoordinator ? t('discussion.coordinator') : t('discussion.former'));
    const org = a.organisationName
      ? ` — ${a.organisationName}${a.country ? `, ${countryName(a.country)}` : ''}`
      : a.isCoordinator && a.name
        ? ` — ${t('discussion.coordinator')}`
        : '';
    return html`<strong>${who}</strong>${org}`;
  }

  function comment(c: CommentView, isReply: boolean): TemplateResult {
    const me = getMe();
    const member = !!me && me.signedIn;
    const editing = draft.target === c.id && draft.mode !== 'new';
    let content: TemplateResult;
    if (c.status === 'deleted') content = html`<p class="muted">${t('discussion.deletedText')}</p>`;
    else if (c.status === 'hidden')
      content = html`<p class="notice">${t('discussion.hiddenText', { reason: c.hiddenReason ?? '' })}</p>
        ${c.text ? html`<div class="pre muted" lang=${c.language}>${linkified(c.text)}</div>` : nothing}`;
    else content = html`<div class="pre comment-text" lang=${c.language}>${linkified(c.text ?? '')}</div>`;
    return html`<article class="comment ${isReply ? 'reply' : ''}" id=${`comment-${c.id}`} aria-label=${t('discussion.commentBy', { name: c.author?.name ?? t('discussion.former') })}>
      <p class="comment-meta">
        ${author(c)} · <time datetime=${c.createdAt}>${formatDateTime(c.createdAt)}</time>
        ${c.status !== 'deleted' ? html`<span class="badge lang-badge">${languageName(c.language)}</span>` : nothing}
        ${c.editedAt && c.status === 'visible' ? html`<span class="muted">${t('discussion.edited')}</span>` : nothing}
        ${c.reportCount ? html`<span class="badge warning">${t('discussion.reports', { count: c.reportCount })}</span>` : nothing}
      </p>
      ${content}
      ${
        member && c.status !== 'deleted'
          ? html`<p class="comment-actions">
            ${
              !isReply && c.status === 'visible'
                ? html`<button type="button" class="secondary small" @click=${() => {
                    draft = fresh('reply', c.id);
                    update();
                  }}>${t('discussion.reply')}</button>`
                : nothing
            }
            ${
              c.canEdit
                ? html`<button type="button" class="secondary small" @click=${() => {
                    draft = fresh('edit', c.id, c.text ?? '', c.language);
                    update();
                  }}>${t('discussion.edit')}</button>`
                : nothing
            }
            ${c.isOwn ? html`<button type="button" class="secondary small" @click=${() => act(c, 'delete')}>${t('discussion.delete')}</button>` : nothing}
            ${!c.isOwn && c.status === 'visible' ? html`<button type="button" class="secondary small" @click=${() => act(c, 'report')}>${t('discussion.report')}</button>` : nothing}
            ${
              isCoordinator() && c.status === 'visible'
                ? html`<button type="button" class="secondary small" @click=${() => {
                    draft = fresh('hide', c.id);
                    update();
                  }}>${t('discussion.hide')}</button>`
                : nothing
            }
            ${isCoordinator() && (c.status === 'hidden' || c.reportCount) ? html`<button type="button" class="secondary small" @click=${() => act(c, 'restore')}>${t('discussion.restore')}</button>` : nothing}
          </p>`
          : nothing
      }
      ${editing ? form() : nothing}
      ${c.replies.length ? html`<div class="replies">${c.replies.map((r) => comment(r, true))}</div>` : nothing}
    </article>`;
  }

  function view(): TemplateResult {
    const me = getMe();
    return html`<section class="discussion" id="discussion" aria-labelledby="discussion-heading">
      <h2 id="discussion-heading">${t('discussion.heading')}${thread ? ` (${thread.count})` : ''}</h2>
      ${statusRegion(status)} ${alertBox(failed)}
      ${thread && !thread.comments.length ? html`<p class="muted">${t('discussion.empty')}</p>` : nothing}
      ${thread?.comments.map((c) => comment(c, false)) ?? nothing}
      ${
        thread?.canComment && draft.mode === 'new'
          ? form()
          : !me || !me.signedIn
            ? html`<p class="muted">${t('discussion.membersOnly')} <a href="/sign-in">${t('nav.signIn')}</a></p>`
            : nothing
      }
    </section>`;
  }

  return { view, reload: load };
}
