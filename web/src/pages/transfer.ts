import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage } from '../api';
import { client, settle } from '../client';
import { countryName, formatDateTime, t, type MessageKey } from '../i18n';
import { loadStateView, PageLoad } from '../page';
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
import { statusRegion } from '../ui';
import { loadVocabularies } from '../vocabularies';
import '../discussion.css';

/** A transfer record's page: what the partner changed, whom it serves, how it stands and its outcomes over time; its own editors update it here. */
export const transferPage: PageFactory = (ctx) => {
  const path = { id: ctx.params.id };
  const transfer = new PageLoad(
    () =>
      Promise.all([settle(client.GET('/api/transfers/{id}', { params: { path } })), loadVocabularies()]).then(
        ([result]) => result,
      ),
    () => ctx.update(),
  );
  void transfer.load({ keep: true });
  let form: ReturnType<typeof formFrom> | null = null;
  let status: string | null = null;

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const current = transfer.value;
    if (!current || !form) return;
    const f = form;
    f.busy = true;
    ctx.update();
    const result = await settle(
      client.PUT('/api/transfers/{id}', {
        params: { path: { id: current.id }, header: { 'If-Match': current.etag ?? '' } },
        body: formBody(f),
      }),
    );
    if (result.ok && result.data) {
      transfer.state = { kind: 'ready', value: result.data };
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
      transfer.value
        ? t('transfer.title', { organisation: transfer.value.organisation.name })
        : transfer.state.kind === 'missing'
          ? t('transfer.notFound')
          : t('transfer.titlePlain'),
    view: () => loadStateView(transfer.state, { ready: record, missing: t('transfer.notFound') }),
  };
};
