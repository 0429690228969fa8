import { html, nothing, type TemplateResult } from 'lit-html';
import { client, settle } from '../client';
import { countryName, getLang, t } from '../i18n';
import {
  catalogueHref,
  chooseText,
  formatAmount,
  formatDate,
  formatYears,
  originalText,
  type PracticeText,
  type PublicPractice,
} from '../practices';
import { loadStateView, PageLoad } from '../page';
import type { PageFactory } from '../router';
import { compactMaterialList, type LibraryItem } from '../materials';
import { fieldLabel, languageName, loadVocabularies, targetGroupLabel } from '../vocabularies';
import { discussion } from '../discussion';
import { takenUpSection } from '../transfers';

/** A template section: a heading and its content, left out when there is nothing to show. */
function section(id: string, heading: string, content: TemplateResult | string | null | undefined) {
  if (content === null || content === undefined || content === '') return nothing;
  return html`<section class="template-section" aria-labelledby=${id}>
    <h2 id=${id}>${heading}</h2>
    ${typeof content === 'string' ? html`<p>${content}</p>` : content}
  </section>`;
}

/** Plain text as written: line breaks kept by CSS, never parsed as HTML. */
function plain(text: string | null | undefined, lang: string): TemplateResult | null {
  const value = (text ?? '').trim();
  return value ? html`<div class="pre" lang=${lang}>${value}</div>` : null;
}

function tagList(ids: string[] | null | undefined, label: (id: string) => string): TemplateResult | null {
  if (!ids?.length) return null;
  return html`<ul class="badges">
    ${ids.map((id) => html`<li class="badge field-badge">${label(id)}</li>`)}
  </ul>`;
}

function budget(p: PublicPractice, text: PracticeText): TemplateResult | null {
  const words = plain(text.budget, text.language);
  const amount = p.budgetAmount != null ? formatAmount(p.budgetAmount, p.budgetCurrency) : '';
  if (!words && !amount) return null;
  return html`${words}
  ${
    amount
      ? html`<p class="amount">
        ${p.budgetYear ? t('detail.amountYear', { amount, year: p.budgetYear }) : amount}
      </p>`
      : nothing
  }`;
}

function indicators(text: PracticeText): TemplateResult | null {
  const rows = (text.indicators ?? []).filter((x) => x.name?.trim());
  if (!rows.length) return null;
  return html`<ul class="indicators-view" lang=${text.language}>
    ${rows.map(
      (x) =>
        html`<li><span class="indicator-name">${x.name}</span>${x.value ? html`: <strong>${x.value}</strong>` : nothing}</li>`,
    )}
  </ul>`;
}

function contact(p: PublicPractice): TemplateResult | null {
  const c = p.contact;
  if (!c || !(c.name || c.email || c.phone)) return null;
  return html`<dl class="facts">
    ${c.name ? html`<div><dt>${t('detail.contactName')}</dt><dd>${c.name}</dd></div>` : nothing}
    ${
      c.email
        ? html`<div><dt>${t('detail.contactEmail')}</dt><dd><a href=${`mailto:${c.email}`}>${c.email}</a></dd></div>`
        : nothing
    }
    ${
      c.phone
        ? html`<div>
          <dt>${t('detail.contactPhone')}</dt>
          <dd><a href=${`tel:${c.phone.replace(/[^\d+]/g, '')}`}>${c.phone}</a></dd>
        </div>`
        : nothing
    }
  </dl>`;
}

/** The template's sections of a practice, as the public page shows them (also the coordinator's preview). */
export function practiceSections(p: PublicPractice, text: PracticeText): TemplateResult {
  const place = [p.city, p.country ? countryName(p.country) : ''].filter(Boolean).join(', ');
  const lang = text.language;
  return html`
    <div class="key-facts">
      ${section('s-organisation', t('detail.organisation'), p.organisationName)}
      ${section('s-place', t('detail.place'), place)} ${section('s-years', t('detail.years'), formatYears(p))}
    </div>
    ${section('s-objectives', t('practice.objectives'), plain(text.objectives, lang))}
    ${section('s-description', t('practice.description'), plain(text.description, lang))}
    ${section('s-fields', t('practice.fields'), tagList(p.fields, fieldLabel))}
    ${section('s-target-groups', t('practice.targetGroups'), tagList(p.targetGroups, targetGroupLabel))}
    ${section('s-budget', t('practice.budget'), budget(p, text))}
    ${section('s-funding', t('practice.fundingSource'), plain(text.fundingSource, lang))}
    ${section('s-evaluation', t('practice.evaluation'), plain(text.evaluation, lang))}
    ${section('s-indicators', t('practice.indicators'), indicators(text))}
    ${section('s-contact', t('practice.section.contact'), contact(p))}
  `;
}

export const practicePage: PageFactory = (ctx) => {
  const record = new PageLoad(
    () =>
      Promise.all([
        settle(client.GET('/api/catalogue/{id}', { params: { path: { id: ctx.params.id } } })),
        loadVocabularies(),
      ]).then(([result]) => result),
    () => ctx.update(),
    (p) => Array.isArray(p.texts) && p.texts.length > 0,
  );
  /** The text version the visitor picked (a shared link's ?lang=); null follows the interface language. */
  let chosen: string | null = ctx.query.get('lang');
  /** The materials that belong to this practice, each offered in the visitor's language first. */
  let related: LibraryItem[] | null = null;
  const takenUp = takenUpSection(
    ctx.params.id,
    () => record.value?.organisationId ?? null,
    () => ctx.update(),
  );
  const talk = discussion('practices', ctx.params.id, () => ctx.update());

  async function loadMaterials(): Promise<void> {
    const result = await settle(
      client.GET('/api/materials', { params: { query: { practice: [ctx.params.id], lang: getLang() } } }),
    );
    related = result.ok && result.data && Array.isArray(result.data.items) ? result.data.items : [];
    ctx.update();
  }

  async function load(): Promise<void> {
    void loadMaterials();
    await record.load();
  }
  void load();

  function shownText(): PracticeText | undefined {
    const p = record.value;
    return p ? chooseText(p.texts, chosen) : undefined;
  }

  function languageSwitch(p: PublicPractice, text: PracticeText): TemplateResult | typeof nothing {
    if (p.texts.length < 2) return nothing;
    return html`<div class="field inline-field text-language">
      <label for="text-language">${t('detail.textLanguage')}</label>
      <select
        id="text-language"
        @change=${(e: Event) => {
          chosen = (e.target as HTMLSelectElement).value;
          ctx.update();
        }}
      >
        ${p.texts.map(
          (x) => html`<option value=${x.language} .selected=${x.language === text.language}>
            ${languageName(x.language)}${x.isOriginal ? ` (${t('detail.original')})` : ''}
          </option>`,
        )}
      </select>
    </div>`;
  }

  function outOfDate(p: PublicPractice, text: PracticeText): TemplateResult | typeof nothing {
    if (!text.outOfDate || text.isOriginal) return nothing;
    const original = originalText(p.texts);
    return html`<div class="notice out-of-date">
      <p><span class="badge warning">${t('practice.outOfDate')}</span></p>
      <p>${t('detail.outOfDateText')}</p>
      ${
        original
          ? html`<p>
            <button
              type="button"
              class="secondary"
              @click=${() => {
                chosen = original.language;
                ctx.update();
                document.querySelector<HTMLElement>('main h1')?.focus();
              }}
            >
              ${t('detail.showOriginal', { language: languageName(original.language) })}
            </button>
          </p>`
          : nothing
      }
    </div>`;
  }

  function practice(p: PublicPractice, text: PracticeText): TemplateResult {
    return html`
      ${languageSwitch(p, text)} ${outOfDate(p, text)} ${practiceSections(p, text)}
      ${section('s-materials', t('detail.materials'), related && related.length ? compactMaterialList(related) : null)}
      ${p.publishedAt ? html`<p class="muted published">${t('detail.published', { date: formatDate(p.publishedAt) })}</p>` : nothing}
      ${takenUp.view()} ${talk.view()}
    `;
  }

  function body(): TemplateResult {
    return loadStateView(record.state, {
      before: html`<p class="back"><a href=${catalogueHref()}>${t('detail.back')}</a></p>`,
      missing: t('detail.notFound'),
      retry: () => void load(),
      ready: (p) => {
        const text = shownText() ?? originalText(p.texts);
        return text ? html`<article class="practice">${practice(p, text)}</article>` : html``;
      },
    });
  }

  return {
    title: () => {
      if (record.state.kind === 'missing') return t('detail.notFoundTitle');
      return shownText()?.name || ctx.firstHeading || t('catalogue.title');
    },
    titleLang: () => shownText()?.language ?? (ctx.firstHeading ? ctx.firstHeadingLang : undefined),
    view: body,
  };
};
