import { html, nothing, type TemplateResult } from 'lit-html';
import { fieldErrors, normalisePath, problemMessage } from './api';
import type { TransferEditInput, TransferKind, TransferStatus, TransferView } from './api/schema';
import { client, settle } from './client';
import { countryName, formatDateTime, getLang, t, type MessageKey } from './i18n';
import { getMe } from './session';
import { alertBox, inputField, selectField, statusRegion, textareaField } from './ui';
import { languageName } from './vocabularies';

/** A record of one organisation taking up another's practice, and an outcome indicator: as the API describes them. */
export type { TransferView };
type Indicator = TransferView['indicators'][number];

const KINDS = ['adopted', 'adapted'] as const satisfies readonly TransferKind[];
const STATUSES = ['trying', 'adopted', 'stopped'] as const satisfies readonly TransferStatus[];

/** The form's choice as the API's value; the select offers nothing else, and an empty one is null. */
function oneOf<T extends string>(allowed: readonly T[], value: string): T | null {
  return allowed.find((x) => x === value) ?? null;
}

export function transferHref(id: string): string {
  return `/transfers/${encodeURIComponent(id)}`;
}

export function statusLabel(status: TransferView['status']): string {
  return t(`transfer.status.${status}` as MessageKey);
}

function indicatorList(list: Indicator[], lang: string): TemplateResult | typeof nothing {
  if (!list.length) return nothing;
  return html`<ul class="indicators-view" lang=${lang}>
    ${list.map((i) => html`<li><span class="indicator-name">${i.name}</span>${i.value ? html`: <strong>${i.value}</strong>` : nothing}</li>`)}
  </ul>`;
}

/** One record in a list: who took up what, where, how it stands, and its latest outcomes. */
export function transferCard(x: TransferView, show: 'organisation' | 'practice' | 'both'): TemplateResult {
  const org = html`<a href=${`/partners/${encodeURIComponent(x.organisation.id)}`}>${x.organisation.name}</a>${x.organisation.country ? `, ${countryName(x.organisation.country)}` : ''}`;
  const practice = html`<a href=${`/practices/${encodeURIComponent(x.practice.id)}`} lang=${x.practice.language}>${x.practice.name}</a>`;
  return html`<article class="card transfer-card">
    <h3>
      ${show === 'practice' ? practice : show === 'organisation' ? org : html`${org} — ${practice}`}
    </h3>
    ${show === 'practice' ? html`<p class="muted">${x.practice.organisationName}, ${countryName(x.practice.country)}</p>` : nothing}
    <p>
      <span class="badge">${statusLabel(x.status)}</span> <span class="badge">${t(`transfer.kind.${x.kind}` as MessageKey)}</span>
      ${x.source === 'twinning' ? html`<span class="badge">${t('transfer.fromTwinning')}</span>` : nothing}
    </p>
    ${indicatorList(x.indicators, x.language)}
    <p><a href=${transferHref(x.id)}>${t('transfer.open')}</a></p>
  </article>`;
}

interface FormState {
  kind: string;
  startedOn: string;
  changes: string;
  servesWhom: string;
  status: string;
  statusReason: string;
  language: string;
  results: string;
  indicators: Indicator[];
  errors: Record<string, string[]>;
  busy: boolean;
  message: string | null;
}

export function formFrom(x: TransferView | null): FormState {
  return {
    kind: x?.kind ?? '',
    startedOn: x?.startedOn ?? '',
    changes: x?.changes ?? '',
    servesWhom: x?.servesWhom ?? '',
    status: x?.status ?? '',
    statusReason: x?.statusReason ?? '',
    language: x?.language ?? getLang(),
    results: x?.results ?? '',
    indicators: x?.indicators.length ? x.indicators.map((i) => ({ ...i })) : [{ name: '', value: '' }],
    errors: {},
    busy: false,
    message: null,
  };
}

export function formBody(f: FormState): TransferEditInput {
  return {
    kind: oneOf(KINDS, f.kind),
    startedOn: f.startedOn || null,
    changes: f.changes,
    servesWhom: f.servesWhom,
    status: oneOf(STATUSES, f.status),
    statusReason: f.statusReason || null,
    language: f.language,
    results: f.results || null,
    indicators: f.indicators
      .filter((i) => i.name.trim() || (i.value ?? '').trim())
      .map((i) => ({ name: i.name, value: i.value || null })),
  };
}

/** The "we tried this" form, for a new record or a change to one. */
export function transferForm(
  f: FormState,
  update: () => void,
  submit: (e: Event) => void,
  cancel: (() => void) | null,
): TemplateResult {
  const e = f.errors;
  return html`<form class="transfer-form" novalidate @submit=${submit}>
    ${alertBox(f.message)}
    ${selectField({
      id: 'tr-kind',
      name: 'kind',
      label: t('transfer.kind'),
      value: f.kind,
      placeholder: t('transfer.pick'),
      errors: e,
      required: true,
      options: [
        { value: 'adopted', label: t('transfer.kind.adopted') },
        { value: 'adapted', label: t('transfer.kind.adapted') },
      ],
      onChange: (v) => (f.kind = v),
    })}
    ${inputField({ id: 'tr-started', name: 'startedOn', type: 'date', label: t('transfer.startedOn'), value: f.startedOn, errors: e, required: true, onInput: (v) => (f.startedOn = v) })}
    ${textareaField({ id: 'tr-changes', name: 'changes', label: t('transfer.changes'), hint: t('transfer.changesHint'), value: f.changes, errors: e, required: true, maxlength: 4000, lang: f.language, onInput: (v) => (f.changes = v) })}
    ${textareaField({ id: 'tr-serves', name: 'servesWhom', label: t('transfer.servesWhom'), value: f.servesWhom, errors: e, required: true, maxlength: 1000, rows: 2, lang: f.language, onInput: (v) => (f.servesWhom = v) })}
    ${selectField({
      id: 'tr-status',
      name: 'status',
      label: t('transfer.status'),
      value: f.status,
      placeholder: t('transfer.pick'),
      errors: e,
      required: true,
      options: STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
      onChange: (v) => {
        f.status = v;
        update();
      },
    })}
    ${
      f.status === 'stopped'
        ? textareaField({
            id: 'tr-reason',
            name: 'statusReason',
            label: t('transfer.statusReason'),
            value: f.statusReason,
            errors: e,
            required: true,
            maxlength: 1000,
            rows: 2,
            onInput: (v) => (f.statusReason = v),
          })
        : nothing
    }
    ${textareaField({ id: 'tr-results', name: 'results', label: t('transfer.results'), value: f.results, errors: e, maxlength: 4000, rows: 3, lang: f.language, onInput: (v) => (f.results = v) })}
    <fieldset>
      <legend>${t('transfer.indicators')}</legend>
      ${f.indicators.map(
        (i, n) => html`<div class="indicator-row">
          ${inputField({ id: `tr-ind-${n}-name`, name: `indicators[${n}].name`, label: t('transfer.indicatorName'), value: i.name, errors: e, maxlength: 200, onInput: (v) => (i.name = v) })}
          ${inputField({ id: `tr-ind-${n}-value`, name: `indicators[${n}].value`, label: t('transfer.indicatorValue'), value: i.value ?? '', errors: e, maxlength: 100, onInput: (v) => (i.value = v) })}
        </div>`,
      )}
      <button type="button" class="secondary small" @click=${() => {
        f.indicators.push({ name: '', value: '' });
        update();
      }}>${t('transfer.addIndicator')}</button>
    </fieldset>
    ${selectField({
      id: 'tr-language',
      name: 'language',
      label: t('transfer.language'),
      value: f.language,
      placeholder: t('transfer.pick'),
      errors: e,
      required: true,
      options: ['en', 'it', 'es', 'fr', 'de', 'ro', 'bg', 'fi', 'sv', 'nb', 'is'].map((l) => ({
        value: l,
        label: languageName(l),
      })),
      onChange: (v) => (f.language = v),
    })}
    <div class="actions">
      <button type="submit" ?disabled=${f.busy}>${t('transfer.save')}</button>
      ${cancel ? html`<button type="button" class="secondary" @click=${cancel}>${t('transfer.cancel')}</button>` : nothing}
    </div>
  </form>`;
}

export function formErrors(problem: Parameters<typeof fieldErrors>[0]): Record<string, string[]> {
  return fieldErrors(problem, normalisePath);
}

/**
 * The practice page's "Taken up by…": every organisation that took the practice up, and for an
 * editor of another organisation the way to say "we tried this".
 */
export function takenUpSection(practiceId: string, ownerOrganisationId: () => string | null, update: () => void) {
  let records: TransferView[] | null = null;
  let form: FormState | null = null;
  let status: string | null = null;

  async function load(): Promise<void> {
    const result = await settle(client.GET('/api/transfers', { params: { query: { practiceId } } }));
    records = result.ok && Array.isArray(result.data) ? result.data : [];
    update();
  }
  void load();

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const f = form!;
    const me = getMe();
    f.busy = true;
    update();
    const result = await settle(
      client.POST('/api/transfers', {
        body: { practiceId, organisationId: me && me.signedIn ? me.organisationId : null, ...formBody(f) },
      }),
    );
    if (result.ok) {
      form = null;
      status = t('transfer.recorded');
      await load();
      return;
    }
    f.busy = false;
    f.errors = formErrors(result.problem);
    f.message = problemMessage(result);
    update();
  }

  function view(): TemplateResult {
    const me = getMe();
    const mine = me && me.signedIn && me.role === 'partner' ? me.organisationId : null;
    const canRecord =
      !!mine &&
      mine !== ownerOrganisationId() &&
      !!records &&
      !records.some((r) => r.organisation.id === mine && r.source === 'partner');
    return html`<section class="template-section taken-up" aria-labelledby="s-taken-up">
      <h2 id="s-taken-up">${t('transfer.takenUpBy')}</h2>
      ${statusRegion(status)}
      ${
        records === null
          ? nothing
          : records.length
            ? html`<ul class="transfer-list">${records.map((r) => html`<li>${transferCard(r, 'organisation')}</li>`)}</ul>`
            : html`<p class="muted">${t('transfer.none')}</p>`
      }
      ${
        canRecord && !form
          ? html`<p><button type="button" class="secondary" @click=${() => {
              form = formFrom(null);
              update();
            }}>${t('transfer.weTriedThis')}</button></p>`
          : nothing
      }
      ${
        form
          ? html`<h3>${t('transfer.weTriedThis')}</h3>${transferForm(
              form,
              update,
              (e) => void submit(e),
              () => {
                form = null;
                update();
              },
            )}`
          : nothing
      }
    </section>`;
  }

  return { view };
}

export function historyList(x: TransferView): TemplateResult | typeof nothing {
  if (!x.history.length) return nothing;
  return html`<section aria-labelledby="tr-history">
    <h2 id="tr-history">${t('transfer.history')}</h2>
    <ol class="transfer-list">
      ${[...x.history].reverse().map(
        (h) => html`<li>
          <p><strong>${formatDateTime(h.at)}</strong> — ${statusLabel(h.status)}${h.statusReason ? `: ${h.statusReason}` : ''}</p>
          ${indicatorList(h.indicators, x.language)}
        </li>`,
      )}
    </ol>
  </section>`;
}

export { indicatorList };
