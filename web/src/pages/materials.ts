import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { ApiResult } from '../api';
import { client, settle } from '../client';
import { ListState } from '../list-state';
import { collator, getLang, t, type MessageKey } from '../i18n';
import {
  CATEGORIES,
  categoryLabel,
  foundIn,
  formatSize,
  licenceView,
  loadPracticeNames,
  materialEditHref,
  relatedPracticeLinks,
  typeLabel,
  type Category,
  type LibraryItem,
  type LibraryPage,
  type LibraryVersion,
} from '../materials';
import { navigate, type PageFactory } from '../router';
import { loading } from '../ui';
import { languageName, loadVocabularies } from '../vocabularies';

/** Everything the visitor chose; it lives in the URL so results can be shared and Back works. */
interface Query {
  q: string;
  language: string;
  organisation: string;
  category: string;
  year: string;
}

const FILTERS = ['language', 'organisation', 'category', 'year'] as const;
type Filter = (typeof FILTERS)[number];

const EMPTY: Query = { q: '', language: '', organisation: '', category: '', year: '' };

function parseQuery(params: URLSearchParams): Query {
  const get = (name: string) => (params.get(name) ?? '').trim();
  const language = get('language').toLowerCase();
  const category = get('category');
  const year = get('year');
  return {
    q: get('q').slice(0, 200),
    language: /^[a-z]{2}$/.test(language) ? language : '',
    organisation: get('organisation'),
    category: (CATEGORIES as readonly string[]).includes(category) ? category : '',
    year: /^\d{4}$/.test(year) ? year : '',
  };
}

/** Query string for the site's URL and the API; empty values are left out. */
function toParams(query: Query): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const name of FILTERS) if (query[name]) params.set(name, query[name]);
  return params;
}

function href(query: Query): string {
  const search = toParams(query).toString();
  return search ? `/materials?${search}` : '/materials';
}

function fetchPage(query: Query): Promise<ApiResult<LibraryPage>> {
  const one = (value: string) => (value ? [value] : undefined);
  return settle(
    client.GET('/api/materials', {
      params: {
        query: {
          q: query.q || undefined,
          language: one(query.language),
          organisation: one(query.organisation),
          category: one(query.category),
          year: one(query.year),
          // The version offered first follows the interface language (Accept-Language says the same).
          lang: getLang(),
        },
      },
    }),
  );
}

function hasFilters(query: Query): boolean {
  return !!query.q || FILTERS.some((name) => !!query[name]);
}

const groupKeys: Record<Category, MessageKey> = {
  'final-publication': 'materials.group.final-publication',
  'policy-paper': 'materials.group.policy-paper',
  'case-study': 'materials.group.case-study',
  'practice-report': 'materials.group.practice-report',
  'training-material': 'materials.group.training-material',
  other: 'materials.group.other',
};

/** The last answer, shown while the next one loads so the filter that changed keeps its place and focus. */
let previous: LibraryPage | null = null;
/** The whole library, unfiltered: the choices the filters offer. */
let everything: LibraryItem[] | null = null;
/** Whether the visitor opened the filters on a narrow screen. */
let filtersOpen = false;

const WIDE = '(min-width: 48rem)';

/**
 * The title is in the preferred language when the material has one there;
 * otherwise the API falls back to the original's title.
 */
function titleLang(item: LibraryItem): string {
  const preferred = item.versions.find((v) => v.language === item.preferredLanguage);
  const original = item.versions.find((v) => v.isOriginal);
  if (preferred && original && preferred !== original && preferred.title === original.title) return item.language;
  return preferred ? item.preferredLanguage : item.language;
}

function downloadText(v: LibraryVersion): string {
  return t('materials.download', { language: languageName(v.language), type: typeLabel(v.type), size: formatSize(v.size) });
}

/** "Read (English)": opens a PDF in the browser's own viewer, in a new tab. */
function readLink(v: LibraryVersion, describedBy: string, className?: string): TemplateResult | typeof nothing {
  if (!v.readUrl) return nothing;
  return html`<a
    class=${className || nothing}
    href=${v.readUrl}
    hreflang=${v.language}
    type=${v.contentType || nothing}
    target="_blank"
    rel="noopener"
    aria-describedby=${describedBy}
    >${t('materials.read', { language: languageName(v.language) })}<span class="visually-hidden"> ${t('materials.newTab')}</span></a
  >`;
}

function domId(id: string): string {
  return `m-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export const materialsPage: PageFactory = (ctx) => {
  const query = parseQuery(ctx.query);
  const wide = window.matchMedia(WIDE);
  const onResize = () => ctx.update();
  wide.addEventListener('change', onResize);
  // Back and forth inside the library: keep the last answers on screen while loading.
  const inLibrary = !!document.querySelector('main .library');
  if (!inLibrary) everything = null;
  const list = new ListState<LibraryPage>(inLibrary ? previous : null);
  list.busy = true;
  let requestedLang = '';
  let searchText = query.q;

  async function load(rerender = true): Promise<void> {
    requestedLang = getLang();
    const filtered = hasFilters(query);
    let all: ApiResult<LibraryPage> | null = null;
    const answered = list.load(
      async () => {
        const [result, unfiltered] = await Promise.all([
          fetchPage(query),
          filtered && !everything ? fetchPage(EMPTY) : Promise.resolve(null),
        ]);
        all = unfiltered;
        return result;
      },
      (data) => Array.isArray(data.items),
    );
    if (rerender) ctx.update();
    if (!(await answered)) return;
    const unfiltered = all as ApiResult<LibraryPage> | null;
    if (unfiltered?.ok && Array.isArray(unfiltered.data?.items)) everything = unfiltered.data.items;
    const data = list.data;
    if (data) {
      previous = data;
      if (!filtered) everything = data.items;
      // Related practices show by name: ask for the names the page does not know yet, then show them.
      void Promise.all([loadPracticeNames(data.items.flatMap((m) => m.relatedPractices)), loadVocabularies()]).then(() =>
        ctx.update(),
      );
    }
    ctx.update();
  }

  function go(next: Partial<Query>, keepFocus = true): void {
    navigate(href({ ...query, ...next }), { keepFocus });
  }

  function searchForm(): TemplateResult {
    const submit = (e: Event) => {
      e.preventDefault();
      go({ q: searchText.trim() });
    };
    return html`<form class="search" role="search" @submit=${submit}>
      <label for="materials-q">${t('materials.search')}</label>
      <p class="hint" id="materials-q-hint">${t('materials.searchHint')}</p>
      <div class="search-row">
        <input
          id="materials-q"
          name="q"
          type="search"
          maxlength="200"
          aria-describedby="materials-q-hint"
          .value=${live(searchText)}
          @input=${(e: Event) => (searchText = (e.target as HTMLInputElement).value)}
        />
        <button type="submit">${t('materials.searchButton')}</button>
      </div>
    </form>`;
  }

  /** The values a filter offers: those in the library, and the chosen one even when nothing has it. */
  function choices(name: Filter): { value: string; label: string }[] {
    const items = everything ?? list.data?.items ?? [];
    const found = new Map<string, string>();
    for (const item of items) {
      if (name === 'language') for (const v of item.versions) found.set(v.language, languageName(v.language));
      if (name === 'organisation') found.set(item.organisationId, item.organisationName || item.organisationId);
      if (name === 'category') found.set(item.category, categoryLabel(item.category));
      if (name === 'year') found.set(String(item.year), String(item.year));
    }
    const chosen = query[name];
    if (chosen && !found.has(chosen)) {
      found.set(chosen, name === 'language' ? languageName(chosen) : name === 'category' ? categoryLabel(chosen) : chosen);
    }
    const options = [...found.entries()].map(([value, label]) => ({ value, label }));
    if (name === 'year') return options.sort((a, b) => Number(b.value) - Number(a.value));
    if (name === 'category') {
      const rank = (v: string) => (CATEGORIES as readonly string[]).indexOf(v);
      return options.sort((a, b) => rank(a.value) - rank(b.value));
    }
    const compare = collator().compare;
    return options.sort((a, b) => compare(a.label, b.label));
  }

  function filter(name: Filter, label: MessageKey, all: MessageKey): TemplateResult {
    const id = `materials-${name}`;
    return html`<div class="field">
      <label for=${id}>${t(label)}</label>
      <select id=${id} name=${name} @change=${(e: Event) => go({ [name]: (e.target as HTMLSelectElement).value })}>
        <option value="" .selected=${live(query[name] === '')}>${t(all)}</option>
        ${choices(name).map((o) => html`<option value=${o.value} .selected=${live(o.value === query[name])}>${o.label}</option>`)}
      </select>
    </div>`;
  }

  function filters(): TemplateResult {
    const active = FILTERS.filter((name) => !!query[name]).length;
    const open = wide.matches || filtersOpen || active > 0;
    return html`<details
      class="library-filters"
      ?open=${open}
      @toggle=${(e: Event) => {
        if (!wide.matches) filtersOpen = (e.target as HTMLDetailsElement).open;
      }}
    >
      <summary>
        ${t('materials.filters')}${active ? html` <span class="badge">${t('catalogue.active', { count: active })}</span>` : nothing}
      </summary>
      <fieldset>
        <legend class="visually-hidden">${t('materials.filters')}</legend>
        <div class="filter-row">
          ${filter('language', 'materials.language', 'materials.allLanguages')}
          ${filter('organisation', 'materials.organisation', 'materials.allOrganisations')}
          ${filter('category', 'materials.category', 'materials.allCategories')}
          ${filter('year', 'materials.year', 'materials.allYears')}
        </div>
        ${
          hasFilters(query)
            ? html`<p class="clear-filters">
              <button type="button" class="secondary small" @click=${() => go(EMPTY, false)}>${t('materials.clear')}</button>
            </p>`
            : nothing
        }
      </fieldset>
    </details>`;
  }

  function item(m: LibraryItem): TemplateResult {
    const id = domId(m.id);
    const [preferred, ...others] = m.versions;
    return html`<article class="card material-card" aria-labelledby=${id}>
      <h3 id=${id} lang=${titleLang(m) || nothing}>${m.title}</h3>
      <dl class="facts">
        <div><dt>${t('materials.organisation')}</dt><dd>${m.organisationName}</dd></div>
        <div><dt>${t('materials.year')}</dt><dd>${m.year}</dd></div>
        <div><dt>${t('materials.licence')}</dt><dd>${licenceView(m.licence)}</dd></div>
        ${
          m.relatedPractices.length && relatedPracticeLinks(m.relatedPractices) !== nothing
            ? html`<div><dt>${t('materials.relatedPractices')}</dt><dd>${relatedPracticeLinks(m.relatedPractices)}</dd></div>`
            : nothing
        }
      </dl>
      ${m.description ? html`<p class="summary pre" lang=${m.language || nothing}>${m.description}</p>` : nothing}
      ${m.matchedLanguages?.length ? html`<p class="found-in">${foundIn(m.matchedLanguages)}</p>` : nothing}
      <ul class="badges" aria-label=${t('materials.versions')}>
        ${m.versions.map(
          (v) => html`<li class="badge lang-badge">
              ${languageName(v.language)}${v.isOriginal ? html` <span class="note-inline">(${t('materials.original')})</span>` : nothing}
            </li>
            ${
              v.outOfDate
                ? html`<li class="badge warning">
                  ${t('practice.outOfDate')}<span class="visually-hidden"> (${languageName(v.language)})</span>
                </li>`
                : nothing
            }`,
        )}
      </ul>
      ${
        preferred
          ? html`<p class="download">
            <a
              class="button-link"
              href=${preferred.downloadUrl}
              hreflang=${preferred.language}
              type=${preferred.contentType || nothing}
              aria-describedby=${id}
              >${downloadText(preferred)}</a
            >
            ${readLink(preferred, id, 'button-link secondary')}
            ${preferred.outOfDate ? html`<span class="badge warning">${t('practice.outOfDate')}</span>` : nothing}
          </p>`
          : nothing
      }
      ${
        others.length
          ? html`<p class="others-label" id=${`${id}-others`}>${t('materials.otherLanguages')}</p>
            <ul class="other-versions" aria-labelledby=${`${id}-others`}>
              ${others.map(
                (v) => html`<li>
                  <a href=${v.downloadUrl} hreflang=${v.language} type=${v.contentType || nothing} aria-describedby=${id}
                    >${downloadText(v)}</a
                  >${v.readUrl ? html` · ${readLink(v, id)}` : nothing}${v.outOfDate ? html` <span class="badge warning">${t('practice.outOfDate')}</span>` : nothing}
                </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        m.editable
          ? html`<p class="edit-link">
            <a href=${materialEditHref(m.id)} aria-describedby=${id}>${t('materials.edit')}</a>
          </p>`
          : nothing
      }
    </article>`;
  }

  function countText(): string {
    if (!list.data) return '';
    const count = list.data.items.length;
    if (count === 0) return t('materials.countNone');
    return t('materials.count', { count });
  }

  function results(): TemplateResult {
    if (list.error) {
      return html`<div class="notice" role="alert">
        <p><strong>${t('materials.loadError')}</strong></p>
        <p>${list.error}</p>
        <p><button type="button" class="secondary" @click=${() => load()}>${t('action.retry')}</button></p>
      </div>`;
    }
    if (!list.data) return loading();
    if (!list.data.items.length) {
      if (hasFilters(query)) {
        return html`<div class="notice empty">
          <p>${t('materials.empty')}</p>
          <p><button type="button" class="secondary" @click=${() => go(EMPTY, false)}>${t('materials.clear')}</button></p>
        </div>`;
      }
      return html`<p class="notice">${t('materials.emptyAll')}</p>`;
    }
    const known = CATEGORIES as readonly string[];
    const all = list.data.items;
    const groups = [...known, ...new Set(all.map((m) => m.category).filter((c) => !known.includes(c)))];
    return html`${groups.map((category) => {
      const items = all.filter((m) => m.category === category);
      if (!items.length) return nothing;
      const id = `group-${category}`;
      const heading = category in groupKeys ? t(groupKeys[category as Category]) : categoryLabel(category);
      return html`<section class="category-group" aria-labelledby=${id}>
        <div class="country-head">
          <h2 id=${id}>${heading}</h2>
          <p class="count">${t('materials.countInGroup', { count: items.length })}</p>
        </div>
        <div class="result-list">${items.map(item)}</div>
      </section>`;
    })}`;
  }

  return {
    title: () => t('materials.title'),
    view: () => {
      // The preferred version follows the interface language: ask again when it changes.
      if (requestedLang !== getLang()) void load(false);
      return html`<p class="lead">${t('materials.intro')}</p>
        ${searchForm()}
        <div class="library">
          ${filters()}
          <section class="results" aria-labelledby="results-heading" aria-busy=${list.busy ? 'true' : 'false'}>
            <h2 id="results-heading" class="visually-hidden">${t('materials.results')}</h2>
            <p class="result-count" role="status" aria-live="polite">${list.busy && !list.data ? '' : countText()}</p>
            ${results()}
          </section>
        </div>`;
    },
    dispose: () => wide.removeEventListener('change', onResize),
  };
};
