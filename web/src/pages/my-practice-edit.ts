import '../styles/practice-editing.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { describeFailure, problemMessage, type ApiResult, type Problem } from '../api';
import { client, settle } from '../client';
import { editAlert, type EditState } from '../record-edit';
import { collator, t } from '../i18n';
import { loadOrganisationOptions, organisationOptions } from '../organisations';
import {
  emptyText,
  errorNormaliser,
  practiceFieldNames,
  practiceForm,
  practiceToDraft,
  preparePractice,
  prepareText,
  textFieldNames,
  textFields,
  textToDraft,
  type PracticeDraft,
  type TextDraft,
} from '../practice-form';
import {
  historyLabel,
  languageBadge,
  LIMITS,
  originalText,
  practiceHref,
  statusBadge,
  sendTransition,
  time,
  type EditorPractice,
  type Transition,
} from '../practices';
import { followSession, loadStateView, once, toLoadState, type LoadState } from '../page';
import type { PageFactory } from '../router';
import { isCoordinator } from '../session';
import { editorOnly, focusFirstInvalid, restoreFocus, selectField, statusRegion, textareaField } from '../ui';
import { languageName, languageOptions, loadVocabularies } from '../vocabularies';

/** Messages and progress of one part of the page (the form, translations, moderation); in conflict after a 409 or 412. */
type Section = Omit<EditState, 'sending'>;

const blank = (): Section => ({ errors: {}, error: null, conflict: false, status: null });

const SUBMITTABLE = ['draft', 'changes-requested', 'unpublished'];

export const myPracticeEditPage: PageFactory = (ctx) => {
  const id = ctx.params.id;
  const path = { id };
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => {
    void load();
    if (isCoordinator()) void loadOrganisationOptions().then(() => ctx.update());
  });
  let loadState: LoadState<EditorPractice> = { kind: 'loading' };
  let view: EditorPractice | null = null;
  let etag = '';
  let value: PracticeDraft | null = null;
  /** The last saved input, to tell whether the form has unsaved changes. */
  let savedBody = '';
  /** One request at a time: they all carry the same If-Match. */
  let busy = false;

  let form = blank();
  let tr = blank();
  let mod = blank();

  let trLang = '';
  let trValue: TextDraft = emptyText();
  let comment = '';

  const bodyOf = (draft: PracticeDraft) => JSON.stringify(preparePractice(draft, isCoordinator()).body);
  const dirty = () => !!value && bodyOf(value) !== savedBody;

  function accept(result: ApiResult<EditorPractice>, resetForm: boolean): void {
    if (!result.ok || !result.data) return;
    view = result.data;
    etag = result.data.etag || result.etag || etag;
    const fresh = practiceToDraft(view);
    savedBody = bodyOf(fresh);
    if (resetForm || !value) value = fresh;
    loadState = { kind: 'ready', value: view };
  }

  /** A request starts: one at a time, and earlier confirmations no longer apply. */
  function begin(): void {
    busy = true;
    form.status = null;
    tr.status = null;
    mod.status = null;
    ctx.update();
  }

  const lostFocus = () => document.activeElement === document.body || document.activeElement === null;

  function translationDraft(lang: string): TextDraft {
    const existing = view?.texts.find((x) => x.language === lang && !x.isOriginal);
    return existing ? textToDraft(existing) : emptyText();
  }

  async function load(): Promise<void> {
    const [result] = await Promise.all([get(), loadVocabularies()]);
    if (result.ok && result.data) accept(result, true);
    else loadState = toLoadState(result);
    followSession(result);
    ctx.update();
  }

  const get = () => settle(client.GET('/api/practices/{id}', { params: { path } }));

  async function reload(): Promise<void> {
    if (busy) return;
    begin();
    const result = await get();
    busy = false;
    if (result.ok && result.data) {
      accept(result, true);
      form = blank();
      tr = blank();
      mod = blank();
      if (trLang) trValue = translationDraft(trLang);
      form.status = t('practice.reloaded');
    } else {
      form = { ...blank(), error: result.ok ? t('error.generic') : problemMessage(result) };
    }
    ctx.update();
    document.querySelector<HTMLElement>('main h1')?.focus();
  }

  /** Shared handling of a failed request in one section. */
  function fail(
    section: Section,
    result: { status: number; problem: Problem | null },
    fields: string[] = [],
    rows: number[] = [],
  ): Section {
    if (result.status === 409 || result.status === 412) {
      return { ...blank(), conflict: true, error: t('practice.stale') };
    }
    followSession({ ok: false, status: result.status });
    if (result.status === 404) loadState = { kind: 'missing' };
    const { errors, message } = describeFailure(result, fields, {}, errorNormaliser(rows));
    return { ...section, errors, error: message, conflict: false, status: null };
  }

  /** PUT the form. Returns whether it was saved. */
  async function save(el: HTMLFormElement | null, announce: boolean): Promise<boolean> {
    if (!value) return false;
    const prepared = preparePractice(value, isCoordinator());
    form = blank();
    if (Object.keys(prepared.errors).length) {
      form.errors = prepared.errors;
      form.error = t('error.checkFields');
      ctx.update();
      focusFirstInvalid(el);
      return false;
    }
    begin();
    const result = await settle(
      client.PUT('/api/practices/{id}', { params: { path, header: { 'If-Match': etag } }, body: prepared.body }),
    );
    busy = false;
    if (result.ok) {
      accept(result, true);
      if (announce) form.status = t('practice.saved');
    } else {
      form = fail(form, result, practiceFieldNames(value), prepared.rows);
    }
    ctx.update();
    if (!result.ok) focusFirstInvalid(el);
    restoreFocus(el);
    return result.ok;
  }

  async function transition(action: Transition, comment: string, section: 'form' | 'mod', done: string): Promise<void> {
    if (section === 'form') form = blank();
    else mod = blank();
    begin();
    const result = await sendTransition(id, action, etag, comment);
    busy = false;
    if (result.ok) {
      // Keep unsaved edits in the form; otherwise show what the server has.
      accept(result, !dirty());
      if (section === 'form') form.status = done;
      else {
        mod.status = done;
        comment = '';
      }
    } else if (section === 'form') {
      form = fail(form, result);
    } else {
      mod = fail(mod, result, ['comment']);
    }
    ctx.update();
  }

  async function submitForReview(el: HTMLFormElement | null): Promise<void> {
    if (busy) return;
    if (dirty() && !(await save(el, false))) return;
    await transition('submit', '', 'form', t('practice.submitted'));
    // The button goes away once submitted.
    restoreFocus(el);
  }

  async function moderate(action: Exclude<Transition, 'submit'>): Promise<void> {
    if (busy) return;
    const text = comment.trim();
    if (action === 'request-changes' && !text) {
      mod = { ...blank(), errors: { comment: [t('edit.commentRequired')] }, error: t('error.checkFields') };
      ctx.update();
      document.getElementById('mod-comment')?.focus();
      return;
    }
    const done = {
      'request-changes': t('edit.changesRequested'),
      publish: t('edit.publishedDone'),
      unpublish: t('edit.unpublishedDone'),
    }[action];
    await transition(action, text, 'mod', done);
    if (mod.errors.comment) document.getElementById('mod-comment')?.focus();
    // The buttons change with the status: keep the keyboard in the panel.
    else if (lostFocus()) document.getElementById('mod-heading')?.focus();
  }

  async function saveTranslation(el: HTMLFormElement): Promise<void> {
    if (busy) return;
    if (!trLang) {
      tr = { ...blank(), errors: { language: [t('practice.error.translationLanguage')] }, error: t('error.checkFields') };
      ctx.update();
      focusFirstInvalid(el);
      return;
    }
    const { text, rows } = prepareText(trValue);
    tr = blank();
    begin();
    const lang = trLang;
    const result = await settle(
      client.PUT('/api/practices/{id}/translations/{language}', {
        params: { path: { id, language: lang }, header: { 'If-Match': etag } },
        body: text,
      }),
    );
    busy = false;
    if (result.ok) {
      accept(result, !dirty());
      trValue = translationDraft(lang);
      tr.status = t('edit.translationSaved', { language: languageName(lang) });
    } else {
      tr = fail(tr, result, ['language', ...textFieldNames(trValue)], rows);
    }
    ctx.update();
    if (!result.ok) focusFirstInvalid(el);
    restoreFocus(el);
  }

  async function deleteTranslation(lang: string): Promise<void> {
    if (busy) return;
    tr = blank();
    begin();
    const result = await settle(
      client.DELETE('/api/practices/{id}/translations/{language}', {
        params: { path: { id, language: lang }, header: { 'If-Match': etag } },
      }),
    );
    busy = false;
    if (result.ok) {
      accept(result, !dirty());
      if (trLang === lang) trValue = emptyText();
      tr.status = t('edit.translationDeleted', { language: languageName(lang) });
    } else {
      tr = fail(tr, result);
    }
    ctx.update();
    // The button is gone: keep the keyboard in the section.
    if (result.ok) document.getElementById('tr-heading')?.focus();
  }

  const sectionAlert = (s: Section) => editAlert(s, () => void reload(), t('practice.reload'), busy);
  /**
   * Field errors are summed up above a form (focus goes to the first bad field);
   * a conflict is shown under it, next to the button that was pressed.
   */
  const alertAbove = (s: Section) => (s.conflict ? nothing : sectionAlert(s));
  const alertBelow = (s: Section) => (s.conflict ? sectionAlert(s) : nothing);

  function summary(v: EditorPractice): TemplateResult {
    const original = originalText(v.texts);
    return html`<div class="practice-meta">
        <p class="meta-line">
          ${statusBadge(v.status)}
          ${v.isPublished ? html`<a href=${practiceHref(v.id)}>${t('edit.publicLink')}</a>` : nothing}
        </p>
        <dl class="facts">
          <div><dt>${t('practice.organisation')}</dt><dd>${v.organisationName || v.organisationId}</dd></div>
          ${
            original
              ? html`<div>
                <dt>${t('edit.originalLanguage')}</dt>
                <dd>${languageName(original.language)} · ${t('edit.revision', { revision: v.revision })}</dd>
              </div>`
              : nothing
          }
        </dl>
        ${v.isPublished && v.hasPendingRevision ? html`<p class="notice">${t('edit.pendingRevision')}</p>` : nothing}
      </div>
      ${
        v.status === 'changes-requested' && v.lastComment
          ? html`<section class="comment-box" aria-labelledby="comment-heading">
            <h2 id="comment-heading">${t('edit.comment')}</h2>
            <p class="pre">${v.lastComment}</p>
          </section>`
          : nothing
      }`;
  }

  function moderation(v: EditorPractice): TemplateResult | typeof nothing {
    if (!isCoordinator()) return nothing;
    const review = v.status === 'submitted';
    const unpublish = v.isPublished || v.status === 'published';
    return html`<section class="panel moderation" aria-labelledby="mod-heading">
      <h2 id="mod-heading" tabindex="-1">${t('edit.moderation')}</h2>
      <p><a href=${`/my/practices/${encodeURIComponent(v.id)}/review`}>${t('review.open')}</a></p>
      ${
        review || unpublish
          ? html`${sectionAlert(mod)}
            ${textareaField({
              id: 'mod-comment',
              name: 'comment',
              label: t('edit.modComment'),
              hint: t('edit.modCommentHint'),
              value: comment,
              errors: mod.errors,
              rows: 4,
              maxlength: LIMITS.comment,
              counter: true,
              onInput: (text) => {
                comment = text;
                ctx.update();
              },
            })}
            <div class="actions">
              ${
                review
                  ? html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => moderate('request-changes')}>
                      ${t('edit.requestChanges')}
                    </button>
                    <button type="button" ?disabled=${busy} @click=${() => moderate('publish')}>${t('edit.publish')}</button>`
                  : nothing
              }
              ${
                unpublish
                  ? html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => moderate('unpublish')}>
                    ${t('edit.unpublish')}
                  </button>`
                  : nothing
              }
            </div>`
          : html`<p class="muted">${t('edit.nothingToModerate')}</p>`
      }
      ${statusRegion(mod.status)}
    </section>`;
  }

  function translations(v: EditorPractice): TemplateResult {
    const existing = v.texts
      .filter((x) => !x.isOriginal)
      .sort((a, b) => collator().compare(languageName(a.language), languageName(b.language)));
    const fields = textFields({
      idPrefix: 'tr',
      value: trValue,
      errors: tr.errors,
      lang: trLang || undefined,
      onChange: (patch) => {
        trValue = { ...trValue, ...patch };
        ctx.update();
      },
    });
    const submit = (e: Event) => {
      e.preventDefault();
      void saveTranslation(e.currentTarget as HTMLFormElement);
    };
    return html`<section class="translations" aria-labelledby="tr-heading">
      <h2 id="tr-heading" tabindex="-1">${t('edit.translations')}</h2>
      <p class="muted">${t('edit.translationsIntro')}</p>
      ${
        existing.length
          ? html`<ul class="translation-list">
            ${existing.map(
              (x) => html`<li>
                ${languageBadge(x.language, x.outOfDate)}
                <button type="button" class="secondary small" ?disabled=${busy} @click=${() => deleteTranslation(x.language)}>
                  ${t('edit.deleteTranslation')}<span class="visually-hidden">: ${languageName(x.language)}</span>
                </button>
              </li>`,
            )}
          </ul>`
          : html`<p>${t('edit.noTranslations')}</p>`
      }
      <h3 id="tr-form-heading">${t('edit.translationForm')}</h3>
      ${alertAbove(tr)}
      <form class="form translation-form" novalidate aria-label=${t('edit.translationAria')} @submit=${submit}>
        ${selectField({
          id: 'tr-language',
          name: 'language',
          label: t('edit.translationLanguage'),
          value: trLang,
          placeholder: t('practice.chooseLanguage'),
          options: languageOptions().filter((o) => o.value !== v.language),
          errors: tr.errors,
          required: true,
          onChange: (lang) => {
            trLang = lang;
            trValue = lang ? translationDraft(lang) : emptyText();
            tr = blank();
            ctx.update();
          },
        })}
        ${fields.name()} ${fields.objectives()} ${fields.description()} ${fields.budget()} ${fields.fundingSource()}
        ${fields.evaluation()} ${fields.indicators()}
        <div class="actions">
          <button type="submit" ?disabled=${busy}>${t('edit.saveTranslation')}</button>
        </div>
      </form>
      ${alertBelow(tr)} ${statusRegion(tr.status)}
    </section>`;
  }

  /** A translation's entry records its language code, which is shown by name. */
  function isLanguageEntry(h: { action: string }): boolean {
    return h.action === 'translated' || h.action === 'translation-removed';
  }

  function history(v: EditorPractice): TemplateResult {
    const entries = [...(v.history ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    return html`<section class="history" aria-labelledby="history-heading">
      <h2 id="history-heading">${t('edit.history')}</h2>
      ${
        entries.length
          ? html`<ol class="history-list">
            ${entries.map(
              (h) => html`<li>
                <p>
                  <strong>${historyLabel(h.action)}</strong>${
                    h.comment && isLanguageEntry(h) ? html` (${languageName(h.comment)})` : nothing
                  }
                  · ${h.by} · ${time(h.at)}
                </p>
                ${h.comment && !isLanguageEntry(h) ? html`<p class="pre comment">${h.comment}</p>` : nothing}
              </li>`,
            )}
          </ol>`
          : html`<p>${t('edit.historyEmpty')}</p>`
      }
    </section>`;
  }

  function body(): TemplateResult {
    start();
    return loadStateView(loadState, {
      before: html`<p class="back"><a href="/my/practices">${t('my.back')}</a></p>`,
      missing: t('edit.notFound'),
      ready: editor,
    });
  }

  function editor(v: EditorPractice): TemplateResult {
    const current = value ?? practiceToDraft(v);
    const canSubmit = SUBMITTABLE.includes(v.status);
    return html` ${summary(v)} ${moderation(v)}
      <section class="practice-edit" aria-labelledby="form-heading">
        <h2 id="form-heading">${t('edit.formHeading')}</h2>
        ${alertAbove(form)}
        ${practiceForm({
          idPrefix: 'pf',
          value: current,
          errors: form.errors,
          sending: busy,
          organisations: isCoordinator() ? organisationOptions() : null,
          onChange: (patch) => {
            value = { ...(value ?? current), ...patch };
            ctx.update();
          },
          onSubmit: (el) => void save(el, true),
          actions: canSubmit
            ? html`<button
                type="button"
                class="secondary"
                ?disabled=${busy}
                @click=${(e: Event) => submitForReview((e.currentTarget as HTMLElement).closest('form'))}
              >
                ${t('practice.submit')}
              </button>`
            : undefined,
        })}
        ${alertBelow(form)} ${statusRegion(form.status)}
      </section>
      ${translations(v)} ${history(v)}`;
  }

  return {
    title: () => (view ? originalText(view.texts)?.name || t('edit.title') : t('edit.title')),
    titleLang: () => view?.language || undefined,
    view: () => editorOnly(body),
  };
};
