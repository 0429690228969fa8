import { html, nothing, type TemplateResult } from 'lit-html';
import { fieldErrors, normalisePath, problemMessage } from '../api';
import type { HandbookChapter, HandbookInput, HandbookView } from '../api/schema';
import { client, settle } from '../client';
import { formatDateTime, t, type MessageKey } from '../i18n';
import { fetchOrganisations, type Organisation } from '../organisations';
import type { CatalogueItem } from '../practices';
import { navigate, type PageFactory } from '../router';
import { alertBox, coordinatorOnly, inputField, loading, selectField, statusRegion, textareaField } from '../ui';
import { languageName, loadVocabularies } from '../vocabularies';
import '../discussion.css';

type Chapter = HandbookChapter;

const LANGUAGES = ['en', 'it', 'es', 'fr', 'de', 'ro', 'bg', 'fi', 'sv', 'nb', 'is'];

interface Draft {
  title: string;
  date: string;
  organisationId: string;
  introductions: { language: string; text: string }[];
  chapters: Chapter[];
  errors: Record<string, string[]>;
  message: string | null;
  busy: boolean;
}

function draftOf(h: HandbookView | null): Draft {
  return {
    title: h?.title ?? '',
    date: h?.date ?? new Date().toISOString().slice(0, 10),
    organisationId: h?.organisationId ?? '',
    introductions: h
      ? h.introductions.map((i) => ({ ...i }))
      : [
          { language: 'en', text: '' },
          { language: 'it', text: '' },
        ],
    chapters: h
      ? h.chapters.map((c) => ({ titles: { ...c.titles }, practices: c.practices.map((p) => ({ ...p })) }))
      : [{ titles: {}, practices: [] }],
    errors: {},
    message: null,
    busy: false,
  };
}

function body(d: Draft): HandbookInput {
  return {
    title: d.title,
    date: d.date || null,
    organisationId: d.organisationId,
    introductions: d.introductions.filter((i) => i.text.trim()),
    chapters: d.chapters.map((c) => ({
      titles: Object.fromEntries(Object.entries(c.titles).filter(([, v]) => v.trim())),
      practices: c.practices,
    })),
    // The API's default licence.
    licence: null,
  };
}

/** The composition form: title, date, publisher, an introduction per language, chapters of published practices in order. */
function composer(
  d: Draft,
  practices: CatalogueItem[],
  organisations: Organisation[],
  update: () => void,
  submit: (e: Event) => void,
): TemplateResult {
  const e = d.errors;
  const languages = d.introductions.map((i) => i.language);
  const name = (id: string) => practices.find((p) => p.id === id)?.name ?? id;
  const chosen = new Set(d.chapters.flatMap((c) => c.practices.map((p) => p.practiceId)));
  return html`<form class="form handbook-form" novalidate @submit=${submit}>
    ${alertBox(d.message)}
    ${inputField({ id: 'hb-title', name: 'title', label: t('handbook.titleField'), value: d.title, errors: e, required: true, maxlength: 200, onInput: (v) => (d.title = v) })}
    ${inputField({ id: 'hb-date', name: 'date', type: 'date', label: t('handbook.date'), value: d.date, errors: e, required: true, onInput: (v) => (d.date = v) })}
    ${selectField({
      id: 'hb-publisher',
      name: 'organisationId',
      label: t('handbook.publisher'),
      hint: t('handbook.publisherHint'),
      value: d.organisationId,
      placeholder: t('handbook.pick'),
      errors: e,
      required: true,
      options: organisations.map((o) => ({ value: o.id, label: o.name })),
      onChange: (v) => (d.organisationId = v),
    })}
    <fieldset>
      <legend>${t('handbook.introductions')}</legend>
      ${e.introductions ? html`<p class="field-error">${e.introductions.join(' ')}</p>` : nothing}
      ${d.introductions.map(
        (intro, n) => html`${selectField({
          id: `hb-intro-${n}-language`,
          name: `introductions[${n}].language`,
          label: t('handbook.language'),
          value: intro.language,
          placeholder: t('handbook.pick'),
          errors: e,
          options: LANGUAGES.map((l) => ({ value: l, label: languageName(l) })),
          onChange: (v) => {
            intro.language = v;
            update();
          },
        })}
          ${textareaField({
            id: `hb-intro-${n}-text`,
            name: `introductions[${n}].text`,
            label: t('handbook.introduction', { language: languageName(intro.language) }),
            value: intro.text,
            errors: e,
            lang: intro.language,
            maxlength: 20000,
            rows: 4,
            onInput: (v) => (intro.text = v),
          })}`,
      )}
      <button type="button" class="secondary small" @click=${() => {
        d.introductions.push({ language: '', text: '' });
        update();
      }}>${t('handbook.addLanguage')}</button>
    </fieldset>
    ${e.chapters ? html`<p class="field-error" role="alert">${e.chapters.join(' ')}</p>` : nothing}
    ${d.chapters.map(
      (c, ci) => html`<fieldset class="chapter-block">
      <legend>${t('handbook.chapter', { number: ci + 1 })}</legend>
      ${languages.filter(Boolean).map((l) =>
        inputField({
          id: `hb-ch-${ci}-title-${l}`,
          name: `chapters[${ci}].titles`,
          label: t('handbook.chapterTitle', { language: languageName(l) }),
          value: c.titles[l] ?? '',
          errors: l === languages[0] ? e : {},
          lang: l,
          maxlength: 200,
          onInput: (v) => (c.titles[l] = v),
        }),
      )}
      ${e[`chapters[${ci}].practices`] ? html`<p class="field-error">${e[`chapters[${ci}].practices`].join(' ')}</p>` : nothing}
      <ol>
        ${c.practices.map((p, pi) => {
          const item = practices.find((x) => x.id === p.practiceId);
          const error = e[`chapters[${ci}].practices[${pi}].practiceId`];
          return html`<li>
            <span lang=${item?.language ?? nothing}>${name(p.practiceId)}</span>
            ${error ? html`<span class="field-error">${error.join(' ')}</span>` : nothing}
            ${
              item && item.languages.length > 1
                ? html`<label for=${`hb-ch-${ci}-p-${pi}-v`} class="visually-hidden">${t('handbook.version', { name: item.name })}</label>
                  <select id=${`hb-ch-${ci}-p-${pi}-v`} @change=${(ev: Event) => (p.language = (ev.target as HTMLSelectElement).value || null)}>
                    <option value="" ?selected=${!p.language}>${t('handbook.versionDefault')}</option>
                    ${item.languages.map((l) => html`<option value=${l} ?selected=${p.language === l}>${languageName(l)}</option>`)}
                  </select>`
                : nothing
            }
            <button type="button" class="secondary small" ?disabled=${pi === 0}
              @click=${() => {
                c.practices.splice(pi - 1, 0, ...c.practices.splice(pi, 1));
                update();
              }}>${t('handbook.up')}<span class="visually-hidden"> ${name(p.practiceId)}</span></button>
            <button type="button" class="secondary small"
              @click=${() => {
                c.practices.splice(pi, 1);
                update();
              }}>${t('handbook.removeShort')}<span class="visually-hidden"> ${name(p.practiceId)}</span></button>
          </li>`;
        })}
      </ol>
      <label for=${`hb-ch-${ci}-add`}>${t('handbook.addPractice')}</label>
      <select id=${`hb-ch-${ci}-add`} @change=${(ev: Event) => {
        const select = ev.target as HTMLSelectElement;
        if (select.value) c.practices.push({ practiceId: select.value, language: null });
        select.value = '';
        update();
      }}>
        <option value="">${t('handbook.pick')}</option>
        ${practices.filter((p) => !chosen.has(p.id)).map((p) => html`<option value=${p.id}>${p.name} (${p.organisationName})</option>`)}
      </select>
      ${
        d.chapters.length > 1
          ? html`<p><button type="button" class="secondary small" @click=${() => {
              d.chapters.splice(ci, 1);
              update();
            }}>${t('handbook.removeChapter')}</button></p>`
          : nothing
      }
    </fieldset>`,
    )}
    <p><button type="button" class="secondary" @click=${() => {
      d.chapters.push({ titles: {}, practices: [] });
      update();
    }}>${t('handbook.addChapter')}</button></p>
    ${practices.length ? nothing : html`<p class="muted">${t('handbook.noPractices')}</p>`}
    <div class="actions"><button type="submit" ?disabled=${d.busy}>${t('handbook.save')}</button></div>
  </form>`;
}

async function sources(): Promise<{ practices: CatalogueItem[]; organisations: Organisation[] }> {
  const [catalogue, organisations] = await Promise.all([
    settle(client.GET('/api/catalogue', { params: { query: { pageSize: '100', sort: 'name' } } })),
    fetchOrganisations(),
    loadVocabularies(),
  ]);
  return {
    practices: catalogue.ok && Array.isArray(catalogue.data?.items) ? catalogue.data.items : [],
    organisations: organisations.ok && Array.isArray(organisations.data) ? organisations.data : [],
  };
}

/** The coordinator's handbooks, and a new one. */
export const adminHandbooksPage: PageFactory = (ctx) => {
  let list: HandbookView[] | null = null;
  let src: Awaited<ReturnType<typeof sources>> | null = null;
  let draft: Draft | null = null;

  void (async () => {
    const [result, s] = await Promise.all([settle(client.GET('/api/handbooks')), sources()]);
    list = result.ok && Array.isArray(result.data) ? result.data : [];
    src = s;
    ctx.update();
  })();

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const d = draft;
    if (!d) return;
    d.busy = true;
    ctx.update();
    const result = await settle(client.POST('/api/handbooks', { body: body(d) }));
    if (result.ok && result.data) {
      navigate(`/admin/handbooks/${encodeURIComponent(result.data.id)}`);
      return;
    }
    d.busy = false;
    d.errors = fieldErrors(result.ok ? null : result.problem, normalisePath);
    d.message = result.ok ? null : problemMessage(result);
    ctx.update();
  }

  function view(): TemplateResult {
    if (!list || !src) return loading();
    return html`<p>${t('handbook.intro')}</p>
      ${
        list.length
          ? html`<ul class="plain">${list.map((h) => html`<li><a href=${`/admin/handbooks/${encodeURIComponent(h.id)}`}>${h.title}</a> — ${t(`handbook.status.${h.status}` as MessageKey)}</li>`)}</ul>`
          : html`<p class="muted">${t('handbook.none')}</p>`
      }
      ${
        draft
          ? html`<h2>${t('handbook.new')}</h2>${composer(
              draft,
              src.practices,
              src.organisations,
              () => ctx.update(),
              (e) => void submit(e),
            )}`
          : html`<p><button type="button" @click=${() => {
              draft = draftOf(null);
              ctx.update();
            }}>${t('handbook.new')}</button></p>`
      }`;
  }

  return { title: () => t('handbook.title'), view: () => coordinatorOnly(view) };
};

/** One handbook: its composition, generation with progress, and its files. */
export const adminHandbookPage: PageFactory = (ctx) => {
  let handbook: HandbookView | null = null;
  let missing = false;
  let src: Awaited<ReturnType<typeof sources>> | null = null;
  let draft: Draft | null = null;
  let status: string | null = null;
  let problem: string | null = null;
  let timer: number | undefined;
  const url = `/api/handbooks/${encodeURIComponent(ctx.params.id)}`;
  const path = { id: ctx.params.id };

  async function load(): Promise<void> {
    const result = await settle(client.GET('/api/handbooks/{id}', { params: { path } }));
    if (result.ok && result.data) {
      const before = handbook?.status;
      handbook = result.data;
      if (!draft) draft = draftOf(handbook);
      if (before && before !== handbook.status && (handbook.status === 'generated' || handbook.status === 'failed')) {
        status = handbook.status === 'generated' ? t('handbook.done') : t('handbook.failedShort');
      }
      if (handbook.status === 'queued' || handbook.status === 'generating') timer = window.setTimeout(() => void load(), 1000);
    } else missing = true;
    ctx.update();
  }
  void Promise.all([
    load(),
    sources().then((s) => {
      src = s;
    }),
  ]).then(() => ctx.update());

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    const d = draft;
    if (!d || !handbook) return;
    d.busy = true;
    ctx.update();
    const result = await settle(
      client.PUT('/api/handbooks/{id}', { params: { path, header: { 'If-Match': handbook.etag } }, body: body(d) }),
    );
    d.busy = false;
    if (result.ok && result.data) {
      handbook = result.data;
      d.errors = {};
      d.message = null;
      status = t('handbook.saved');
    } else {
      d.errors = fieldErrors(result.ok ? null : result.problem, normalisePath);
      d.message = result.ok ? null : problemMessage(result);
    }
    ctx.update();
  }

  async function generate(): Promise<void> {
    problem = null;
    if (!handbook) return;
    const result = await settle(
      client.POST('/api/handbooks/{id}/generate', { params: { path, header: { 'If-Match': handbook.etag } } }),
    );
    if (result.ok && result.data) {
      handbook = result.data;
      status = t('handbook.queued');
      timer = window.setTimeout(() => void load(), 500);
    } else if (!result.ok) {
      problem = problemMessage(result);
      if (draft) draft.errors = fieldErrors(result.problem, normalisePath);
    }
    ctx.update();
  }

  function stepText(step: string | null): string {
    if (!step) return '';
    const [part, language] = step.split(':');
    return t(`handbook.step.${part}` as MessageKey, { language: language ? languageName(language) : '' });
  }

  function files(h: HandbookView): TemplateResult | typeof nothing {
    const materialId = h.materialId;
    if (!materialId) return nothing;
    return html`<section aria-labelledby="hb-files">
      <h2 id="hb-files">${t('handbook.files', { revision: h.revision })}</h2>
      <ul class="plain">
        ${h.languages.map(
          (l) => html`<li>
          ${languageName(l)}:
          <a href=${`/api/materials/${encodeURIComponent(materialId)}/versions/${l}/download`}>${t('handbook.pdf')}</a>
          ${h.wordFiles.includes(l) ? html` · <a href=${`${url}/word/${l}`}>${t('handbook.word')}</a>` : nothing}
        </li>`,
        )}
      </ul>
      <p><a href=${`/materials?q=${encodeURIComponent(h.title)}`}>${t('handbook.inLibrary')}</a></p>
    </section>`;
  }

  function view(): TemplateResult {
    if (missing) return html`<p class="notice">${t('handbook.notFound')}</p>`;
    if (!handbook || !src || !draft) return loading();
    const h = handbook;
    const running = h.status === 'queued' || h.status === 'generating';
    return html`<p class="back"><a href="/admin/handbooks">${t('handbook.back')}</a></p>
      ${statusRegion(status)}
      <section aria-labelledby="hb-generation">
        <h2 id="hb-generation">${t('handbook.generation')}</h2>
        <p>${t(`handbook.status.${h.status}` as MessageKey)}${h.generatedAt ? ` — ${formatDateTime(h.generatedAt)}` : ''}</p>
        ${
          running
            ? html`<label for="hb-progress">${stepText(h.step) || t('handbook.status.queued')}</label>
              <progress id="hb-progress" class="progress-bar" max="100" .value=${h.progress}>${h.progress}%</progress>`
            : nothing
        }
        ${h.status === 'failed' && h.lastError ? html`<div class="notice" role="alert"><p>${t('handbook.failed')}</p><p>${h.lastError}</p></div>` : nothing}
        ${alertBox(problem)}
        <p><button type="button" ?disabled=${running} @click=${() => void generate()}>${h.revision ? t('handbook.regenerate') : t('handbook.generate')}</button></p>
      </section>
      ${files(h)}
      <h2>${t('handbook.composition')}</h2>
      ${composer(
        draft,
        src.practices,
        src.organisations,
        () => ctx.update(),
        (e) => void save(e),
      )}`;
  }

  return {
    title: () => handbook?.title ?? t('handbook.title'),
    view: () => coordinatorOnly(view),
    dispose: () => window.clearTimeout(timer),
  };
};
