import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { repeat } from 'lit-html/directives/repeat.js';
import { client, settle } from '../client';
import { ListState } from '../list-state';
import { collator, countryName, getLang, t } from '../i18n';
import {
  formatYears,
  practiceHref,
  rememberCatalogueSearch,
  type CatalogueItem,
  type CatalogueResponse,
  type FacetName,
} from '../practices';
import { navigate, type PageFactory } from '../router';
import { loading } from '../ui';
import { fieldLabel, languageName, loadVocabularies, targetGroupLabel, vocabularies } from '../vocabularies';

const PAGE_SIZE = 20;

type ListFacet = 'country' | 'field' | 'targetGroup' | 'language';
const LIST_FACETS: readonly ListFacet[] = ['country', 'field', 'targetGroup', 'language'];

/** Everything the visitor chose; it lives in the URL so results can be shared and Back works. */
interface Query {
  q: string;
  country: string[];
  field: string[];
  targetGroup: string[];
  language: string[];
  /** One of "", "true", "false": the API takes a single value. */
  ongoing: string;
  /** "", "true" or "false": taken up by other partners or not. */
  takenUp: string;
  sort: 'newest' | 'name' | 'transfers';
  page: number;
}

function parseQuery(params: URLSearchParams): Query {
  const list = (name: string) => [
    ...new Set(
      params
        .getAll(name)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  const ongoing = params.get('ongoing') ?? '';
  const takenUp = params.get('takenUp') ?? '';
  const sort = params.get('sort');
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: (params.get('q') ?? '').trim(),
    country: list('country'),
    field: list('field'),
    targetGroup: list('targetGroup'),
    language: list('language'),
    ongoing: ongoing === 'true' || ongoing === 'false' ? ongoing : '',
    takenUp: takenUp === 'true' || takenUp === 'false' ? takenUp : '',
    sort: sort === 'name' || sort === 'transfers' ? sort : 'newest',
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

/** Query string for the site's URL; defaults are left out. */
function toParams(query: Query): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const name of LIST_FACETS) for (const value of query[name]) params.append(name, value);
  if (query.ongoing) params.set('ongoing', query.ongoing);
  if (query.takenUp) params.set('takenUp', query.takenUp);
  if (query.sort !== 'newest') params.set('sort', query.sort);
  if (query.page > 1) params.set('page', String(query.page));
  return params;
}

function href(query: Query): string {
  const search = toParams(query).toString();
  return search ? `/practices?${search}` : '/practices';
}

/** The API's query: the site's, with the sort, page and reader's language always said. */
function apiQuery(query: Query) {
  const one = (value: string) => (value ? [value] : undefined);
  return {
    q: query.q || undefined,
    country: query.country,
    field: query.field,
    targetGroup: query.targetGroup,
    language: query.language,
    ongoing: one(query.ongoing),
    takenUp: one(query.takenUp),
    sort: query.sort,
    page: String(query.page),
    pageSize: String(PAGE_SIZE),
    lang: getLang(),
  };
}

function hasFilters(query: Query): boolean {
  return !!query.q || !!query.ongoing || !!query.takenUp || LIST_FACETS.some((name) => query[name].length > 0);
}

function activeFilterCount(query: Query): number {
  return (query.ongoing ? 1 : 0) + (query.takenUp ? 1 : 0) + LIST_FACETS.reduce((sum, name) => sum + query[name].length, 0);
}

/**
 * The last answer, shown while the next one loads: a filter change builds a
 * new page, and the checkbox that was clicked must stay where it is (and keep focus).
 */
let previous: CatalogueResponse | null = null;
/** Whether the visitor opened the filters on a narrow screen. */
let filtersOpen = false;

const WIDE = '(min-width: 48rem)';

function facetLabel(name: FacetName, value: string): string {
  switch (name) {
    case 'country':
      return countryName(value);
    case 'field':
      return fieldLabel(value);
    case 'targetGroup':
      return targetGroupLabel(value);
    case 'language':
      return languageName(value);
    case 'ongoing':
      return value === 'true' ? t('catalogue.ongoing') : t('catalogue.ended');
    case 'takenUp':
      return value === 'true' ? t('transfer.facetYes') : t('transfer.facetNo');
  }
}

function vocabularyOrder(name: 'field' | 'targetGroup'): string[] {
  const v = vocabularies();
  if (!v) return [];
  return (name === 'field' ? v.fields : v.targetGroups).map((x) => x.id);
}

function sortOptions(name: FacetName, values: { value: string; count: number }[]) {
  if (name === 'ongoing' || name === 'takenUp')
    return values.sort((a, b) => (a.value === 'true' ? -1 : b.value === 'true' ? 1 : 0));
  if (name === 'field' || name === 'targetGroup') {
    const order = vocabularyOrder(name);
    const rank = (v: string) => (order.includes(v) ? order.indexOf(v) : order.length);
    return values.sort((a, b) => rank(a.value) - rank(b.value) || a.value.localeCompare(b.value));
  }
  const compare = collator().compare;
  return values.sort((a, b) => compare(facetLabel(name, a.value), facetLabel(name, b.value)));
}

export const practicesPage: PageFactory = (ctx) => {
  const query = parseQuery(ctx.query);
  const wide = window.matchMedia(WIDE);
  const onResize = () => ctx.update();
  wide.addEventListener('change', onResize);
  rememberCatalogueSearch(toParams(query).toString() ? `?${toParams(query)}` : '');

  // Only when coming from the catalogue itself (a filter, Back between result pages):
  // elsewhere, old results under new filters would be misleading.
  // A filter change builds a new page: the last answer stays on screen until the next one is in.
  const list = new ListState<CatalogueResponse>(document.querySelector('main .catalogue') ? previous : null);
  list.busy = true;
  let requestedLang = '';
  let searchText = query.q;

  async function load(rerender = true): Promise<void> {
    requestedLang = getLang();
    const answered = list.load(
      () =>
        Promise.all([settle(client.GET('/api/catalogue', { params: { query: apiQuery(query) } })), loadVocabularies()]).then(
          ([result]) => result,
        ),
      (data) => Array.isArray(data.items),
    );
    if (rerender) ctx.update();
    if (!(await answered)) return;
    if (list.data) list.data = { ...list.data, facets: list.data.facets ?? {} };
    previous = list.data ?? previous;
    ctx.update();
  }

  function go(next: Partial<Query>, keepFocus = true): void {
    navigate(href({ ...query, page: 1, ...next }), { keepFocus });
  }

  function toggle(name: FacetName, value: string, on: boolean): void {
    if (name === 'ongoing') {
      // "Ongoing" and "Ended" exclude each other: the API filters on one value.
      go({ ongoing: on ? value : '' });
      return;
    }
    if (name === 'takenUp') {
      go({ takenUp: on ? value : '' });
      return;
    }
    const values = query[name].filter((v) => v !== value);
    go({ [name]: on ? [...values, value] : values });
  }

  function facet(name: FacetName, legend: string): TemplateResult | typeof nothing {
    const selected =
      name === 'ongoing'
        ? query.ongoing
          ? [query.ongoing]
          : []
        : name === 'takenUp'
          ? query.takenUp
            ? [query.takenUp]
            : []
          : query[name];
    const counts = new Map((list.data?.facets[name] ?? []).map((x) => [String(x.value), x.count]));
    for (const value of selected) if (!counts.has(value)) counts.set(value, 0);
    const options = sortOptions(
      name,
      [...counts.entries()].map(([value, count]) => ({ value, count })).filter((x) => x.count > 0 || selected.includes(x.value)),
    );
    if (!options.length) return nothing;
    return html`<fieldset class="facet">
      <legend>${legend}</legend>
      <ul class="check-list">
        ${repeat(
          options,
          (o) => o.value,
          (o) => {
            const id = `facet-${name}-${o.value.replace(/[^A-Za-z0-9_-]/g, '_')}`;
            return html`<li class="check">
              <input
                type="checkbox"
                id=${id}
                name=${name}
                value=${o.value}
                .checked=${live(selected.includes(o.value))}
                @change=${(e: Event) => toggle(name, o.value, (e.target as HTMLInputElement).checked)}
              />
              <label for=${id}>${facetLabel(name, o.value)} <span class="facet-count">(${o.count})</span></label>
            </li>`;
          },
        )}
      </ul>
    </fieldset>`;
  }

  function filters(): TemplateResult {
    const open = wide.matches || filtersOpen;
    const active = activeFilterCount(query);
    return html`<details
      class="filters"
      ?open=${open}
      @toggle=${(e: Event) => {
        if (!wide.matches) filtersOpen = (e.target as HTMLDetailsElement).open;
      }}
    >
      <summary>
        ${t('catalogue.filters')}${active ? html` <span class="badge">${t('catalogue.active', { count: active })}</span>` : nothing}
      </summary>
      <div class="filter-groups">
        ${facet('country', t('catalogue.country'))} ${facet('field', t('catalogue.field'))}
        ${facet('targetGroup', t('catalogue.targetGroup'))} ${facet('language', t('catalogue.language'))}
        ${facet('ongoing', t('catalogue.status'))} ${facet('takenUp', t('transfer.facet'))}
      </div>
    </details>`;
  }

  function item(p: CatalogueItem): TemplateResult {
    // The API picks the version in the interface language when there is one.
    const shown = (p.languages ?? []).includes(getLang()) ? getLang() : p.language;
    const place = [p.city, p.country ? countryName(p.country) : ''].filter(Boolean).join(', ');
    const years = formatYears(p);
    return html`<article class="card practice-card">
      <h3><a href=${practiceHref(p.id)} lang=${shown || nothing}>${p.name}</a></h3>
      <dl class="facts">
        ${place ? html`<div><dt>${t('catalogue.where')}</dt><dd>${place}</dd></div>` : nothing}
        ${p.organisationName ? html`<div><dt>${t('catalogue.organisation')}</dt><dd>${p.organisationName}</dd></div>` : nothing}
        ${years ? html`<div><dt>${t('catalogue.years')}</dt><dd>${years}</dd></div>` : nothing}
        ${p.transfers ? html`<div><dt>${t('transfer.takenUpBy')}</dt><dd>${t('transfer.partnerCount', { count: p.transfers })}</dd></div>` : nothing}
      </dl>
      ${p.summary ? html`<p class="summary" lang=${shown || nothing}>${p.summary}</p>` : nothing}
      ${
        p.fields?.length
          ? html`<ul class="badges" aria-label=${t('catalogue.fieldsList')}>
            ${p.fields.map((f) => html`<li class="badge field-badge">${fieldLabel(f)}</li>`)}
          </ul>`
          : nothing
      }
      ${
        p.languages?.length
          ? html`<ul class="badges" aria-label=${t('catalogue.languagesList')}>
            ${p.languages.map((l) => html`<li class="badge lang-badge">${languageName(l)}</li>`)}
          </ul>`
          : nothing
      }
    </article>`;
  }

  function countText(): string {
    if (!list.data) return '';
    if (list.data.total === 0) return t('catalogue.countNone');
    return t('catalogue.count', { count: list.data.total });
  }

  function paging(d: CatalogueResponse): TemplateResult | typeof nothing {
    const size = d.pageSize || PAGE_SIZE;
    const pages = Math.max(1, Math.ceil(d.total / size));
    const page = d.page || query.page;
    if (pages <= 1 && page <= 1) return nothing;
    return html`<nav class="paging" aria-label=${t('catalogue.pages')}>
      ${
        page > 1
          ? html`<a class="button-link secondary" rel="prev" href=${href({ ...query, page: Math.min(page - 1, pages) })}
            >${t('catalogue.previous')}</a
          >`
          : nothing
      }
      <span class="page-of">${t('catalogue.page', { page, pages })}</span>
      ${
        page < pages
          ? html`<a class="button-link secondary" rel="next" href=${href({ ...query, page: page + 1 })}
            >${t('catalogue.next')}</a
          >`
          : nothing
      }
    </nav>`;
  }

  function results(): TemplateResult {
    if (list.error) {
      return html`<div class="notice" role="alert">
        <p><strong>${t('catalogue.loadError')}</strong></p>
        <p>${list.error}</p>
        <p><button type="button" class="secondary" @click=${() => load()}>${t('action.retry')}</button></p>
      </div>`;
    }
    if (!list.data) return loading();
    if (!list.data.items.length) {
      if (hasFilters(query) || list.data.total > 0) {
        return html`<div class="notice empty">
            <p>${t('catalogue.empty')}</p>
            <p>
              <button type="button" class="secondary" @click=${() => go({ q: '', country: [], field: [], targetGroup: [], language: [], ongoing: '', takenUp: '' }, false)}>
                ${t('catalogue.clear')}
              </button>
            </p>
          </div>
          ${paging(list.data)}`;
      }
      return html`<p class="notice">${t('catalogue.emptyAll')}</p>`;
    }
    return html`<div class="result-list">${list.data.items.map(item)}</div>
      ${paging(list.data)}`;
  }

  function searchForm(): TemplateResult {
    const submit = (e: Event) => {
      e.preventDefault();
      go({ q: searchText.trim() });
    };
    return html`<form class="search" role="search" @submit=${submit}>
      <label for="catalogue-q">${t('catalogue.search')}</label>
      <div class="search-row">
        <input
          id="catalogue-q"
          name="q"
          type="search"
          maxlength="200"
          .value=${live(searchText)}
          @input=${(e: Event) => (searchText = (e.target as HTMLInputElement).value)}
        />
        <button type="submit">${t('catalogue.searchButton')}</button>
      </div>
    </form>`;
  }

  function sortSelect(): TemplateResult {
    return html`<div class="sort">
      <label for="catalogue-sort">${t('catalogue.sort')}</label>
      <select
        id="catalogue-sort"
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          go({ sort: value === 'name' || value === 'transfers' ? value : 'newest' });
        }}
      >
        <option value="newest" .selected=${live(query.sort === 'newest')}>${t('catalogue.newest')}</option>
        <option value="name" .selected=${live(query.sort === 'name')}>${t('catalogue.byName')}</option>
        <option value="transfers" .selected=${live(query.sort === 'transfers')}>${t('transfer.sort')}</option>
      </select>
    </div>`;
  }

  return {
    title: () => t('catalogue.title'),
    view: () => {
      // Items come in the interface language: ask again when it changes.
      if (requestedLang !== getLang()) void load(false);
      return html`<p class="lead">${t('catalogue.intro')}</p>
        ${searchForm()}
        <div class="catalogue">
          ${filters()}
          <section class="results" aria-labelledby="results-heading" aria-busy=${list.busy ? 'true' : 'false'}>
            <h2 id="results-heading" class="visually-hidden">${t('catalogue.results')}</h2>
            <div class="results-head">
              <p class="result-count" role="status" aria-live="polite">${list.busy && !list.data ? '' : countText()}</p>
              ${sortSelect()}
            </div>
            ${results()}
          </section>
        </div>
        ${list.data || list.error ? openData() : nothing}`;
    },
    dispose: () => wide.removeEventListener('change', onResize),
  };

  /** Below the results, so it appears with them rather than being pushed down by them. */
  function openData(): TemplateResult {
    return html`<section class="open-data" aria-labelledby="open-data">
          <h2 id="open-data">${t('catalogue.openData')}</h2>
          <p>${t('catalogue.openDataText')}</p>
          <ul>
            <li><a href="/api/catalogue/export.csv" type="text/csv">${t('catalogue.csv')}</a></li>
            <li><a href="/api/catalogue/export.json" type="application/json">${t('catalogue.json')}</a></li>
            <li><a href="/api/catalogue/feed.atom" type="application/atom+xml">${t('catalogue.feed')}</a></li>
            <li><a href="/api/reference/">${t('catalogue.apiReference')}</a></li>
          </ul>
        </section>`;
  }
};
