import '../styles/practice-editing.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage, type ApiResult } from '../api';
import { client, settle } from '../client';
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
import { followSession, loadStateView, once, toLoadState, type LoadState } from '../page';
import { clearConflict, editAlert, editState, saveRecord } from '../record-edit';
import { draftHooks } from '../draft';
import { refuseInvalid } from '../form';
import type { PageFactory } from '../router';
import { isCoordinator } from '../session';
import { alertBox, editorOnly, statusRegion } from '../ui';
import { languageName, loadVocabularies } from '../vocabularies';

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
  const path = { id: ctx.params.id };
  const fetchMaterial = () => settle(client.GET('/api/materials/{id}', { params: { path } }));
  /** Loads on the first render, once the sign-in guard has let the page through. */
  const start = once(() => void load());
  let loadState: LoadState<MaterialView> = { kind: 'loading' };
  let view: MaterialView | null = null;
  /** The ETag of the facts the form started from. */
  let etag = '';
  let value: MaterialDraft | null = null;
  /** The facts as last saved, as the form would send them. */
  let savedFacts = '';
  let practices: PracticeSummary[] | null = null;

  const edit = editState();

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
    const result = await fetchMaterial();
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
    loadState = { kind: 'ready', value: view };
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
    const result = await settle(client.GET('/api/practices'));
    practices = result.ok && Array.isArray(result.data) ? result.data : [];
    ctx.update();
  }

  async function load(): Promise<void> {
    const [result] = await Promise.all([fetchMaterial(), loadVocabularies(), loadUploadSettings()]);
    followSession(result);
    if (result.ok && result.data) {
      accept(result);
      void loadPractices();
    } else loadState = toLoadState(result);
    ctx.update();
  }

  async function reload(): Promise<void> {
    if (edit.sending) return;
    edit.sending = true;
    edit.status = null;
    ctx.update();
    const result = await fetchMaterial();
    edit.sending = false;
    if (result.ok && result.data) {
      accept(result);
      clearConflict(edit, t('material.reloaded'));
    } else {
      edit.error = result.ok ? t('error.generic') : problemMessage(result);
    }
    ctx.update();
    document.querySelector<HTMLElement>('main h1')?.focus();
  }

  function save(form: HTMLFormElement): Promise<unknown> {
    const draft = value;
    if (!draft || edit.sending) return Promise.resolve();
    const prepared = prepareMaterial(draft, false);
    edit.conflict = false;
    edit.status = null;
    if (refuseInvalid(edit, form, prepared.errors, () => ctx.update())) return Promise.resolve();
    return saveRecord(edit, form, {
      send: () =>
        settle(client.PUT('/api/materials/{id}', { params: { path, header: { 'If-Match': etag } }, body: prepared.body })),
      fields: materialFieldNames(draft),
      normalise: materialErrorNormaliser(draft),
      stale: 'material.stale',
      update: () => ctx.update(),
      done: (result) => {
        if (!result.data) return false;
        accept(result);
        edit.status = t('material.saved');
      },
      failed: (result) => {
        if (result.status === 404) loadState = { kind: 'missing' };
      },
    });
  }

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
    // The files' state moves on after the load (uploads, text reading): the page shows the latest.
    return loadStateView(loadState, { before: back, missing: t('material.notFound'), ready: (loaded) => page(view ?? loaded) });
  }

  function page(m: MaterialView): TemplateResult {
    const draft = value ?? materialToDraft(m);
    return html`<dl class="facts">
        <div><dt>${t('practice.organisation')}</dt><dd>${m.organisationName || m.organisationId}</dd></div>
        <div><dt>${t('versions.updated')}</dt><dd>${time(m.updatedAt)}</dd></div>
      </dl>
      <section class="material-edit" aria-labelledby="form-heading">
        <h2 id="form-heading">${t('material.formHeading')}</h2>
        ${edit.conflict ? nothing : alertBox(edit.error)}
        ${materialForm({
          idPrefix: 'mf',
          value: draft,
          errors: edit.errors,
          sending: edit.sending,
          organisations: null,
          languageLocked: m.versions.length > 0,
          practices,
          submitLabel: t('material.save'),
          ...draftHooks(
            draft,
            (next) => (value = next),
            () => ctx.update(),
            save,
          ),
        })}
        ${edit.conflict ? editAlert(edit, () => void reload(), t('practice.reload'), edit.sending) : nothing} ${statusRegion(edit.status)}
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
