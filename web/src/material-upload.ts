import { html, nothing, type TemplateResult } from 'lit-html';
import { api, problemMessage, type ApiResult, type FieldErrors } from './api';
import { uploadBlocks, type BlobTransfer, type TransferResult } from './blob-upload';
import { client, settle } from './client';
import { intlLocale, t } from './i18n';
import { formatSize, limitMegabytes, typeList, uploadSettings, type MaterialView } from './materials';
import { alertBox, selectField, statusRegion } from './ui';
import { languageName, languageOptions } from './vocabularies';

export interface UploaderOptions {
  /** The material as last received. */
  material(): MaterialView | null;
  /** A file was stored: the answer carries the whole material. */
  onUploaded(result: ApiResult<MaterialView> & { ok: true }, replaced: boolean): void;
  /** The material changed elsewhere: load it again. */
  onReload(): void;
  update(): void;
}

type Phase = 'idle' | 'confirming' | 'sending';

const ID = 'upload';

function without(errors: FieldErrors, name: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => key !== name));
}

/**
 * The upload control of a material's editing page: a language, a file (picked
 * or dropped), confirmation before replacing, then the upload in three steps:
 * the API gives a slot (a short-lived key for one blob), the browser sends the
 * file straight to Blob storage in blocks, with progress and Cancel, and the
 * API commits it once it has checked the stored file.
 */
export function createUploader(o: UploaderOptions) {
  let language: string | null = null;
  let file: File | null = null;
  let errors: FieldErrors = {};
  let error: string | null = null;
  let conflict = false;
  let status: string | null = null;
  let phase: Phase = 'idle';
  let sent = 0;
  let total = 0;
  let current: BlobTransfer | null = null;
  let cancelled = false;
  let dragging = false;

  const warnBeforeLeaving = (e: BeforeUnloadEvent) => {
    e.preventDefault();
    e.returnValue = '';
  };

  const focus = (id: string) => document.getElementById(id)?.focus();

  function chosenLanguage(m: MaterialView): string {
    // By default, the original while it has no file yet.
    if (language === null) return m.versions.some((v) => v.isOriginal) ? '' : m.language;
    return language;
  }

  function maxBytes(): number | null {
    return uploadSettings()?.maxUploadBytes ?? null;
  }

  /** What can be told before sending anything. The server still decides the type by content. */
  function fileProblem(f: File): string | null {
    if (f.size === 0) return t('upload.error.empty');
    const max = maxBytes();
    if (max !== null && f.size > max) return t('upload.error.tooLarge', { max: limitMegabytes(max) });
    return null;
  }

  function choose(f: File | null): void {
    file = f;
    error = null;
    conflict = false;
    status = null;
    if (phase === 'confirming') phase = 'idle';
    errors = without(errors, 'file');
    const problem = f ? fileProblem(f) : null;
    if (problem) errors = { ...errors, file: [problem] };
    o.update();
  }

  function check(m: MaterialView, lang: string): FieldErrors {
    const found: FieldErrors = {};
    if (!lang) found.language = [t('upload.error.chooseLanguage')];
    else if (lang !== m.language && !m.versions.some((v) => v.language === m.language)) {
      found.language = [t('upload.error.originalFirst', { language: languageName(m.language) })];
    }
    if (!file) found.file = [t('upload.error.chooseFile')];
    else {
      const problem = fileProblem(file);
      if (problem) found.file = [problem];
    }
    return found;
  }

  function submit(e: Event): void {
    e.preventDefault();
    const m = o.material();
    if (!m || phase === 'sending') return;
    const lang = chosenLanguage(m);
    error = null;
    conflict = false;
    status = null;
    errors = check(m, lang);
    if (Object.keys(errors).length) {
      o.update();
      focus(errors.language ? `${ID}-language` : `${ID}-file`);
      return;
    }
    if (m.versions.some((v) => v.language === lang)) {
      phase = 'confirming';
      o.update();
      focus(`${ID}-confirm`);
      return;
    }
    start(m, lang);
  }

  function start(m: MaterialView, lang: string): void {
    if (!file) return;
    const sending = file;
    const replacing = m.versions.some((v) => v.language === lang);
    phase = 'sending';
    sent = 0;
    total = sending.size;
    cancelled = false;
    status = t('upload.started', { file: sending.name });
    window.addEventListener('beforeunload', warnBeforeLeaving);
    o.update();
    // The Upload button is disabled now: the keyboard goes to Cancel.
    focus(`${ID}-cancel`);
    void send(m, lang, sending).then((result) => finish(result, lang, sending, replacing));
  }

  /** Slot, blocks, commit; the first failure ends it. */
  async function send(m: MaterialView, lang: string, sending: File): Promise<ApiResult<MaterialView> | TransferResult> {
    const slot = await settle(
      client.POST('/api/materials/{id}/versions/{language}/uploads', {
        params: { path: { id: m.id, language: lang } },
        body: { fileName: sending.name, size: sending.size },
      }),
    );
    if (!slot.ok || cancelled) return slot.ok ? { ok: false, status: 0, code: null, aborted: true } : slot;
    current = uploadBlocks(slot.data, sending, (done, all) => {
      sent = done;
      total = all || sending.size;
      o.update();
    });
    const transfer = await current.done;
    current = null;
    if (!transfer.ok) return transfer;
    // Everything is stored: from here the API checks the file, and Cancel no longer applies.
    sent = total;
    o.update();
    // The API hands out where to commit (the slot's own URL), so this call is not one of the documented paths.
    return api<MaterialView>(slot.data.commitUrl, { method: 'POST' });
  }

  function finish(result: ApiResult<MaterialView> | TransferResult, lang: string, sending: File, replacing: boolean): void {
    window.removeEventListener('beforeunload', warnBeforeLeaving);
    current = null;
    phase = 'idle';
    const name = languageName(lang);
    if (result.ok && 'data' in result && result.data) {
      file = null;
      errors = {};
      status =
        result.status === 200 || replacing ? t('upload.replaced', { language: name }) : t('upload.done', { language: name });
      o.onUploaded(result, result.status === 200);
      const input = document.getElementById(`${ID}-file`) as HTMLInputElement | null;
      if (input) input.value = '';
      o.update();
      focus(`version-${lang}`);
      return;
    }
    status = null;
    if (cancelled) {
      status = t('upload.cancelled');
      o.update();
      focus(`${ID}-file`);
      return;
    }
    if (result.ok) {
      error = t('error.generic');
    } else if ('code' in result) {
      // The transfer to storage failed: a refused (expired) key, or the network after a few tries.
      error = result.status === 403 ? t('upload.error.expired') : t('upload.error.network');
    } else {
      const fields = result.problem?.errors ?? {};
      switch (result.status) {
        case 415:
          errors = { file: [t('upload.error.type', { types: typeList(uploadSettings()) })] };
          break;
        case 413: {
          const max = maxBytes();
          errors = { file: [max ? t('upload.error.tooLarge', { max: limitMegabytes(max) }) : t('error.413')] };
          break;
        }
        case 400:
          if ('language' in fields) errors = { language: [t('upload.error.language')] };
          else if (sending.size === 0 || 'size' in fields) errors = { file: [t('upload.error.empty')] };
          else errors = { file: [t('upload.error.interrupted')] };
          break;
        case 410:
          error = t('upload.error.expired');
          break;
        case 409: {
          const m = o.material();
          const originalMissing = !!m && lang !== m.language && !m.versions.some((v) => v.language === m.language);
          if (originalMissing) errors = { language: [t('upload.error.originalFirst', { language: languageName(m.language) })] };
          else {
            error = t('upload.error.conflict');
            conflict = true;
          }
          break;
        }
        case 0:
          error = t('upload.error.network');
          break;
        default:
          error = problemMessage(result);
      }
      if (Object.keys(errors).length) error = t('upload.error.notStored');
    }
    o.update();
    if (errors.language) focus(`${ID}-language`);
    else if (errors.file) focus(`${ID}-file`);
    else focus(`${ID}-submit`);
  }

  function cancel(): void {
    if (phase !== 'sending' || checking()) return;
    cancelled = true;
    current?.abort();
  }

  /** Every byte is in storage and the API is checking the file. */
  function checking(): boolean {
    return phase === 'sending' && total > 0 && sent >= total;
  }

  function dropZone(): TemplateResult {
    const settings = uploadSettings();
    const max = maxBytes();
    const bad = !!errors.file?.length;
    const accept = settings ? [...settings.extensions, ...settings.contentTypes].join(',') : '.pdf,.docx,.odt';
    const describedBy = [`${ID}-file-hint`, file ? `${ID}-file-chosen` : '', bad ? `${ID}-file-error` : '']
      .filter(Boolean)
      .join(' ');
    const over = (e: DragEvent) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = phase === 'sending' ? 'none' : 'copy';
      if (!dragging) {
        dragging = true;
        o.update();
      }
    };
    const leave = (e: DragEvent) => {
      const zone = e.currentTarget as HTMLElement;
      if (e.relatedTarget instanceof Node && zone.contains(e.relatedTarget)) return;
      dragging = false;
      o.update();
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      dragging = false;
      const files = e.dataTransfer?.files;
      if (phase === 'sending' || !files?.length) {
        o.update();
        return;
      }
      const input = document.getElementById(`${ID}-file`) as HTMLInputElement | null;
      // Keep the input in step, so it announces the dropped file too.
      if (input && files.length === 1) input.files = files;
      choose(files[0]);
      input?.focus();
    };
    return html`<div class="field">
      <div
        class="drop-zone${dragging ? ' dragging' : ''}${bad ? ' invalid' : ''}"
        @dragenter=${over}
        @dragover=${over}
        @dragleave=${leave}
        @drop=${drop}
      >
        <input
          id=${`${ID}-file`}
          class="drop-input"
          type="file"
          name="file"
          accept=${accept}
          ?disabled=${phase === 'sending'}
          aria-invalid=${bad ? 'true' : nothing}
          aria-describedby=${describedBy}
          @change=${(e: Event) => choose((e.target as HTMLInputElement).files?.[0] ?? null)}
        />
        <label for=${`${ID}-file`} class="drop-label">${t('upload.chooseFile')}</label>
        <p class="hint" id=${`${ID}-file-hint`}>
          ${t('upload.dropHint')}
          ${max ? t('upload.accepted', { types: typeList(settings), max: limitMegabytes(max) }) : nothing}
        </p>
        ${
          file
            ? html`<p class="chosen" id=${`${ID}-file-chosen`}>
              ${t('upload.chosen', { file: file.name, size: formatSize(file.size) })}
            </p>`
            : nothing
        }
      </div>
      ${bad ? html`<p class="field-error" id=${`${ID}-file-error`}>${errors.file.join(' ')}</p>` : nothing}
    </div>`;
  }

  function progress(): TemplateResult | typeof nothing {
    if (phase !== 'sending') return nothing;
    const fraction = total > 0 ? Math.min(1, sent / total) : 0;
    const percent = new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
    return html`<div class="upload-progress">
      <progress max="100" .value=${Math.round(fraction * 100)} aria-label=${t('upload.progress')}></progress>
      <p class="progress-text">
        <strong>${percent}</strong>
        · ${checking() ? t('upload.checking') : t('upload.sent', { sent: formatSize(sent), total: formatSize(total) })}
      </p>
      <button type="button" class="secondary" id=${`${ID}-cancel`} ?disabled=${checking()} @click=${cancel}>${t('upload.cancel')}</button>
    </div>`;
  }

  function confirmation(m: MaterialView, lang: string): TemplateResult | typeof nothing {
    if (phase !== 'confirming') return nothing;
    const keep = () => {
      phase = 'idle';
      o.update();
      focus(`${ID}-submit`);
    };
    return html`<div class="confirm" role="group" aria-labelledby=${`${ID}-confirm-text`}>
      <p id=${`${ID}-confirm-text`}>${t('upload.confirm', { language: languageName(lang) })}</p>
      <div class="actions">
        <button type="button" id=${`${ID}-confirm`} @click=${() => start(m, lang)}>${t('upload.confirmReplace')}</button>
        <button type="button" class="secondary" @click=${keep}>${t('upload.confirmKeep')}</button>
      </div>
    </div>`;
  }

  function languageChoices(m: MaterialView): { value: string; label: string }[] {
    return languageOptions(m.language)
      .map((opt) => {
        const notes = [
          opt.value === m.language ? t('upload.noteOriginal') : '',
          m.versions.some((v) => v.language === opt.value) ? t('upload.noteHasFile') : '',
        ].filter(Boolean);
        return { value: opt.value, label: notes.length ? `${opt.label} (${notes.join(', ')})` : opt.label };
      })
      .sort((a, b) => (a.value === m.language ? -1 : b.value === m.language ? 1 : 0));
  }

  function view(m: MaterialView): TemplateResult {
    const lang = chosenLanguage(m);
    const originalMissing = !m.versions.some((v) => v.language === m.language);
    return html`<section class="upload" aria-labelledby="upload-heading">
      <h3 id="upload-heading">${t('upload.heading')}</h3>
      ${alertBox(
        error,
        conflict
          ? html`<p><button type="button" class="secondary" @click=${() => o.onReload()}>${t('practice.reload')}</button></p>`
          : undefined,
      )}
      <form class="form upload-form" novalidate @submit=${submit}>
        ${selectField({
          id: `${ID}-language`,
          name: 'language',
          label: t('upload.language'),
          hint: originalMissing ? t('upload.originalHint', { language: languageName(m.language) }) : undefined,
          value: lang,
          placeholder: t('practice.chooseLanguage'),
          options: languageChoices(m),
          errors,
          required: true,
          disabled: phase === 'sending',
          onChange: (value) => {
            language = value;
            if (phase === 'confirming') phase = 'idle';
            errors = without(errors, 'language');
            o.update();
          },
        })}
        ${dropZone()} ${confirmation(m, lang)}
        <div class="actions">
          <button type="submit" id=${`${ID}-submit`} ?disabled=${phase !== 'idle'}>${t('upload.submit')}</button>
        </div>
        ${progress()}
      </form>
      ${statusRegion(status)}
    </section>`;
  }

  return {
    view,
    busy: () => phase === 'sending',
    dispose: () => {
      window.removeEventListener('beforeunload', warnBeforeLeaving);
      cancelled = true;
      current?.abort();
    },
  };
}
