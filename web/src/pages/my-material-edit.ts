import '../styles/practice-editing.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { api, describeFailure, problemMessage, type ApiResult, type FieldErrors } from '../api';
import { t } from '../i18n';
import {
  materialErrorNormaliser,
  materialFieldNames,
  materialForm,
  materialToDraft,
  prepareMaterial,
  type MaterialDraft,
} from '../material-form';
import { createUploader } from '../material-upload';
import {
  formatSize,
  loadUploadSettings,
  typeLabel,
  versionBadges,
  type HistoryView,
  type MaterialView,
  type VersionView,
} from '../materials';
import { time, type PracticeSummary } from '../practices';
import { once } from '../page';
import type { PageFactory } from '../router';
import { isCoordinator, loadMe } from '../session';
import { alertBox, editorOnly, focusFirstInvalid, loading, restoreFocus, statusRegion } from '../ui';
import { languageName, loadVocabularies } from '../vocabularies';

type Load = { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ready' };

/** How soon the page asks again while a file's text is being read; each unchanged answer doubles it, up to the maximum. */
const TEXT_POLL_MS = 2000;
const TEXT_POLL_MAX_MS = 30_000;

function textStatus(v: VersionView): string {
  if (v.textStatus === 'searchable') return t('versions.textSearchable');
  if (v.textStatus === 'not-searchable') {
    return t('versions.textNotSearchable', { reason: t(`versions.textProblem.${v.textProblem ?? 'damaged'}`) });
  }
  return t('versions.textReading');
}

/** The facts a draft would send: to tell whether the form has unsaved changes. */
const factsOf = (d: MaterialDraft) => JSON.stringify(prepareMaterial(d, false).body);

export const myMaterialEditPage: PageFactory = (ctx) => {
  const url = `/api/materials/${encodeURIComponent(ctx.params.id)}`;
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());
  let loadState: Load = { kind: 'loading' };
  let view: MaterialView | null = null;
  /** The ETag of the facts the form started from. */
  let etag = '';
  let value: MaterialDraft | null = null;
  /** The facts as last saved, as the form would send them. */
  let savedFacts = '';
  let practices: PracticeSummary[] | null = null;

  let sending = false;
  let errors: FieldErrors = {};
  let error: string | null = null;
  let conflict = false;
  let status: string | null = null;

  const dirty = () => !!value && factsOf(value) !== savedFacts;

  // While a file's text is being read the page asks again, and takes only the files' state
  // from the answer, so that nothing typed in the form is lost.
  let textPoll: ReturnType<typeof setTimeout> | null = null;
  let textPollDelay = TEXT_POLL_MS;
  let disposed = false;

  const reading = (m: MaterialView | null) =>
    (m?.versions ?? [])
      .filter((v) => v.textStatus === 'reading')
      .map((v) => `${v.language}:${v.revision}`)
      .join();

  function watchText(): void {
    if (disposed || textPoll || !reading(view)) return;
    textPoll = setTimeout(() => void pollText(), textPollDelay);
  }

  async function pollText(): Promise<void> {
    const before = reading(view);
    const result = await api<MaterialView>(url);
    textPoll = null;
    if (disposed) return;
    if (result.ok && result.data && view) {
      view = { ...view, versions: result.data.versions };
      ctx.update();
    }
    textPollDelay = reading(view) === before ? Math.min(textPollDelay * 2, TEXT_POLL_MAX_MS) : TEXT_POLL_MS;
    watchText();
  }

  function accept(result: ApiResult<MaterialView>): void {
    if (!result.ok || !result.data) return;
    view = result.data;
    etag = result.data.etag || result.etag || etag;
    value = materialToDraft(view);
    savedFacts = factsOf(value);
    loadState = { kind: 'ready' };
    textPollDelay = TEXT_POLL_MS;
    watchText();
  }

  const uploader = createUploader({
    material: () => view,
    onUploaded: (result) => {
      const fresh = result.data;
      const freshFacts = factsOf(materialToDraft(fresh));
      if (!dirty()) {
        accept(result);
        return;
      }
      // Keep the unsaved edits. The new ETag may be used only if the facts did not
      // change meanwhile; otherwise saving must report the conflict.
      view = { ...fresh };
      if (freshFacts === savedFacts) etag = fresh.etag || result.etag || etag;
      textPollDelay = TEXT_POLL_MS;
      watchText();
    },
    onReload: () => void reload(),
    update: () => ctx.update(),
  });

  async function loadPractices(): Promise<void> {
    const result = await api<PracticeSummary[]>('/api/practices');
    practices = result.ok && Array.isArray(result.data) ? result.data : [];
    ctx.update();
  }

  async function load(): Promise<void> {
    const [result] = await Promise.all([api<MaterialView>(url), loadVocabularies(), loadUploadSettings()]);
    if (result.ok && result.data) {
      accept(result);
      void loadPractices();
    } else if (!result.ok && result.status === 404) loadState = { kind: 'missing' };
    else {
      loadState = { kind: 'error', message: result.ok ? t('error.generic') : problemMessage(result) };
      if (!result.ok && (result.status === 401 || result.status === 403)) void loadMe();
    }
    ctx.update();
  }

  async function reload(): Promise<void> {
    if (sending) return;
    sending = true;
    status = null;
    ctx.update();
    const result = await api<MaterialView>(url);
    sending = false;
    if (result.ok && result.data) {
      accept(result);
      errors = {};
      error = null;
      conflict = false;
      status = t('material.reloaded');
    } else {
      error = result.ok ? t('error.generic') : problemMessage(result);
    }
    ctx.update();
    document.querySelector<HTMLElement>('main h1')?.focus();
  }

  async function save(form: HTMLFormElement): Promise<void> {
    if (!value || sending) return;
    const prepared = prepareMaterial(value, false);
    errors = prepared.errors;
    error = null;
    conflict = false;
    status = null;
    if (Object.keys(errors).length) {
      error = t('error.checkFields');
      ctx.update();
      focusFirstInvalid(form);
      return;
    }
    sending = true;
    ctx.update();
    const result = await api<MaterialView>(url, { method: 'PUT', body: prepared.body, headers: { 'If-Match': etag } });
    sending = false;
    if (result.ok && result.data) {
      accept(result);
      status = t('material.saved');
    } else if (!result.ok && (result.status === 409 || result.status === 412)) {
      conflict = true;
      error = t('material.stale');
    } else if (!result.ok) {
      if (result.status === 404) loadState = { kind: 'missing' };
      if (result.status === 401 || result.status === 403) void loadMe();
      ({ errors, message: error } = describeFailure(result, materialFieldNames(value), {}, materialErrorNormaliser(value)));
    } else {
      error = t('error.generic');
    }
    ctx.update();
    if (!result.ok) focusFirstInvalid(form);
    restoreFocus(form);
  }

  const reloadButton = () =>
    html`<p><button type="button" class="secondary" ?disabled=${sending} @click=${() => reload()}>${t('practice.reload')}</button></p>`;

  function historyList(entries: HistoryView[], language: string): TemplateResult | typeof nothing {
    if (!entries.length) return nothing;
    return html`<details class="file-history">
      <summary>
        ${t('versions.history', { count: entries.length })}<span class="visually-hidden"> (${languageName(language)})</span>
      </summary>
      <ol class="history-list">
        ${entries.map(
          (h) => html`<li>
            <p>
              <a href=${h.downloadUrl} type=${h.contentType || nothing}>${h.fileName}</a>
              · ${typeLabel(h.type)}, ${formatSize(h.size)} · ${t('versions.revision', { revision: h.revision })}
            </p>
            <p class="note">
              ${t('versions.uploadedBy', { by: h.uploadedBy })} ${time(h.uploadedAt)}
              ${h.replacedAt ? html`· ${t('versions.replacedAt')} ${time(h.replacedAt)}` : nothing} ·
              ${t('versions.downloads', { count: h.downloads })}
            </p>
          </li>`,
        )}
      </ol>
    </details>`;
  }

  function version(m: MaterialView, v: VersionView): TemplateResult {
    const history = (m.history ?? []).filter((h) => h.language === v.language);
    return html`<article class="card version-card" aria-labelledby=${`version-${v.language}`}>
      <h3 id=${`version-${v.language}`} tabindex="-1">${languageName(v.language)}</h3>
      ${versionBadges(v)}
      ${v.outOfDate ? html`<p class="notice out-of-date">${t('versions.outOfDateText')}</p>` : nothing}
      <dl class="facts">
        <div>
          <dt>${t('versions.file')}</dt>
          <dd><a href=${v.downloadUrl} type=${v.contentType || nothing}>${v.fileName}</a></dd>
        </div>
        <div><dt>${t('versions.size')}</dt><dd>${typeLabel(v.type)}, ${formatSize(v.size)}</dd></div>
        <div><dt>${t('versions.uploaded')}</dt><dd>${time(v.uploadedAt)} · ${v.uploadedBy}</dd></div>
        <div><dt>${t('versions.downloadCount')}</dt><dd>${v.downloads}</dd></div>
        <div>
          <dt>${t('versions.revisionLabel')}</dt>
          <dd>
            ${
              v.isOriginal || v.translatesRevision == null
                ? String(v.revision)
                : t('versions.translates', { revision: v.revision, original: v.translatesRevision })
            }
          </dd>
        </div>
        <div>
          <dt>${t('versions.search')}</dt>
          <dd aria-live="polite" class=${`text-status ${v.textStatus}`}>${textStatus(v)}</dd>
        </div>
      </dl>
      ${historyList(history, v.language)}
    </article>`;
  }

  function versions(m: MaterialView): TemplateResult {
    const hasOriginal = m.versions.some((v) => v.isOriginal);
    return html`<section class="versions" aria-labelledby="versions-heading">
      <h2 id="versions-heading">${t('versions.heading')}</h2>
      <p class="muted">${t('versions.intro')}</p>
      ${
        m.versions.length
          ? html`<div class="version-list">${m.versions.map((v) => version(m, v))}</div>`
          : html`<p class="notice">${t('versions.none')}</p>`
      }
      ${
        !hasOriginal && m.versions.length
          ? html`<p class="notice">${t('versions.noOriginal', { language: languageName(m.language) })}</p>`
          : nothing
      }
      ${uploader.view(m)}
    </section>`;
  }

  function body(): TemplateResult {
    start();
    const back = html`<p class="back"><a href="/my/materials">${t(isCoordinator() ? 'myMaterials.backCoordinator' : 'myMaterials.back')}</a></p>`;
    switch (loadState.kind) {
      case 'loading':
        return html`${back}${loading()}`;
      case 'missing':
        return html`${back}<p class="notice">${t('material.notFound')}</p>`;
      case 'error':
        return html`${back}${alertBox(loadState.message)}`;
    }
    const m = view!;
    return html`${back}
      <dl class="facts">
        <div><dt>${t('practice.organisation')}</dt><dd>${m.organisationName || m.organisationId}</dd></div>
        <div><dt>${t('versions.updated')}</dt><dd>${time(m.updatedAt)}</dd></div>
      </dl>
      <section class="material-edit" aria-labelledby="form-heading">
        <h2 id="form-heading">${t('material.formHeading')}</h2>
        ${conflict ? nothing : alertBox(error)}
        ${materialForm({
          idPrefix: 'mf',
          value: value!,
          errors,
          sending,
          organisations: null,
          languageLocked: m.versions.length > 0,
          practices,
          submitLabel: t('material.save'),
          onChange: (patch) => {
            value = { ...value!, ...patch };
            ctx.update();
          },
          onSubmit: (form) => void save(form),
        })}
        ${conflict ? alertBox(error, reloadButton()) : nothing} ${statusRegion(status)}
      </section>
      ${versions(m)}`;
  }

  return {
    title: () => (view ? view.titles?.[view.language] || t('material.editTitle') : t('material.editTitle')),
    titleLang: () => view?.language || undefined,
    view: () => editorOnly(body),
    dispose: () => {
      disposed = true;
      if (textPoll) clearTimeout(textPoll);
      uploader.dispose();
    },
  };
};
