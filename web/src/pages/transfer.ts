import { html, nothing, type TemplateResult } from 'lit-html';
import { api, problemMessage } from '../api';
import { countryName, formatDateTime, t, type MessageKey } from '../i18n';
import type { PageFactory } from '../router';
import {
  formBody,
  formErrors,
  formFrom,
  historyList,
  indicatorList,
  statusLabel,
  transferForm,
  type TransferView,
} from '../transfers';
import { loading, statusRegion } from '../ui';
import { loadVocabularies } from '../vocabularies';
import '../discussion.css';

type State =
  { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ready'; record: TransferView };

/** A transfer record's page: what the partner changed, whom it serves, how it stands and its outcomes over time; its own editors update it here. */
export const transferPage: PageFactory = (ctx) => {
  let state: State = { kind: 'loading' };
  let form: ReturnType<typeof formFrom> | null = null;
  let status: string | null = null;

  async function load(): Promise<void> {
    const [result] = await Promise.all([
      api<TransferView>(`/api/transfers/${encodeURIComponent(ctx.params.id)}`),
      loadVocabularies(),
    ]);
    if (result.ok && result.data) state = { kind: 'ready', record: result.data };
    else if (!result.ok && result.status === 404) state = { kind: 'missing' };
    else state = { kind: 'error', message: result.ok ? t('error.generic') : problemMessage(result) };
    ctx.update();
  }
  void load();

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (state.kind !== 'ready' || !form) return;
    const f = form;
    f.busy = true;
    ctx.update();
    const result = await api<TransferView>(`/api/transfers/${encodeURIComponent(state.record.id)}`, {
      method: 'PUT',
      body: formBody(f),
      headers: state.record.etag ? { 'If-Match': state.record.etag } : {},
    });
    if (result.ok && result.data) {
      state = { kind: 'ready', record: result.data };
      form = null;
      status = t('transfer.saved');
    } else {
      f.busy = false;
      f.errors = formErrors(result.ok ? null : result.problem);
      f.message = result.ok ? null : problemMessage(result);
    }
    ctx.update();
  }

  function record(x: TransferView): TemplateResult {
    return html`<p class="back"><a href=${`/practices/${encodeURIComponent(x.practice.id)}`}>${t('transfer.backToPractice')}</a></p>
      ${statusRegion(status)}
      <dl class="facts">
        <div><dt>${t('transfer.practice')}</dt><dd><a href=${`/practices/${encodeURIComponent(x.practice.id)}`} lang=${x.practice.language}>${x.practice.name}</a> — ${x.practice.organisationName}</dd></div>
        <div><dt>${t('transfer.organisation')}</dt><dd><a href=${`/partners/${encodeURIComponent(x.organisation.id)}`}>${x.organisation.name}</a>${x.organisation.country ? `, ${countryName(x.organisation.country)}` : ''}</dd></div>
        <div><dt>${t('transfer.kind')}</dt><dd>${t(`transfer.kind.${x.kind}` as MessageKey)}</dd></div>
        <div><dt>${t('transfer.startedOn')}</dt><dd>${x.startedOn}</dd></div>
        <div><dt>${t('transfer.status')}</dt><dd>${statusLabel(x.status)}${x.statusReason ? html` — <span lang=${x.language}>${x.statusReason}</span>` : nothing}</dd></div>
        ${x.twinningId ? html`<div><dt>${t('transfer.twinning')}</dt><dd><a href=${`/twinnings/${encodeURIComponent(x.twinningId)}`}>${t('transfer.fromTwinning')}</a></dd></div>` : nothing}
      </dl>
      <section aria-labelledby="tr-changes"><h2 id="tr-changes">${t('transfer.changes')}</h2><div class="pre" lang=${x.language}>${x.changes}</div></section>
      ${x.servesWhom ? html`<section aria-labelledby="tr-serves"><h2 id="tr-serves">${t('transfer.servesWhom')}</h2><div class="pre" lang=${x.language}>${x.servesWhom}</div></section>` : nothing}
      ${x.results ? html`<section aria-labelledby="tr-results"><h2 id="tr-results">${t('transfer.results')}</h2><div class="pre" lang=${x.language}>${x.results}</div></section>` : nothing}
      <section aria-labelledby="tr-indicators"><h2 id="tr-indicators">${t('transfer.indicators')}</h2>
        ${x.indicators.length ? indicatorList(x.indicators, x.language) : html`<p class="muted">${t('transfer.noIndicators')}</p>`}
        <p class="muted">${t('transfer.updated', { date: formatDateTime(x.updatedAt) })}</p>
      </section>
      ${historyList(x)}
      ${
        x.canEdit && !form
          ? html`<p><button type="button" @click=${() => {
              form = formFrom(x);
              ctx.update();
            }}>${t('transfer.update')}</button></p>`
          : nothing
      }
      ${
        form
          ? html`<h2>${t('transfer.update')}</h2>${transferForm(
              form,
              () => ctx.update(),
              (e) => void submit(e),
              () => {
                form = null;
                ctx.update();
              },
            )}`
          : nothing
      }`;
  }

  return {
    title: () =>
      state.kind === 'ready'
        ? t('transfer.title', { organisation: state.record.organisation.name })
        : state.kind === 'missing'
          ? t('transfer.notFound')
          : t('transfer.titlePlain'),
    view: () => {
      switch (state.kind) {
        case 'loading':
          return loading();
        case 'missing':
          return html`<p class="notice">${t('transfer.notFound')}</p>`;
        case 'error':
          return html`<div class="notice" role="alert"><p>${state.message}</p></div>`;
        case 'ready':
          return record(state.record);
      }
    },
  };
};
