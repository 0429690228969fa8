import { html, type TemplateResult } from 'lit-html';
import type { PublishedEssay } from '../api/schema';
import { client, settle } from '../client';
import { t } from '../i18n';
import { essayArticle } from '../mobilities';
import { loadStateView, once, toLoadState, type LoadState } from '../page';
import type { PageFactory } from '../router';

/** Every published essay, newest first: what the professionals learned on their visits. */
export const essaysPage: PageFactory = (ctx) => {
  let state: LoadState<PublishedEssay[]> = { kind: 'loading' };
  const start = once(() => void load());

  async function load(): Promise<void> {
    state = toLoadState(await settle(client.GET('/api/essays')), Array.isArray);
    ctx.update();
  }

  function list(essays: PublishedEssay[]): TemplateResult {
    if (!essays.length) return html`<p class="notice">${t('essaysPage.empty')}</p>`;
    return html`<div class="essay-list">${essays.map((e) => essayArticle(e, true))}</div>`;
  }

  return {
    title: () => t('essaysPage.title'),
    view: () => {
      start();
      return html`<p class="lead">${t('essaysPage.intro')}</p>
        ${loadStateView(state, { ready: list, missing: t('essaysPage.empty') })}`;
    },
  };
};
