import { html, type TemplateResult } from 'lit-html';
import { api, problemMessage } from '../api';
import { t } from '../i18n';
import { essayArticle, type PublishedEssay } from '../mobilities';
import type { PageFactory } from '../router';
import { loading } from '../ui';

/** Every published essay, newest first: what the professionals learned on their visits. */
export const essaysPage: PageFactory = (ctx) => {
  let essays: PublishedEssay[] | null = null;
  let error: string | null = null;

  async function load(): Promise<void> {
    const result = await api<PublishedEssay[]>('/api/essays');
    if (result.ok && Array.isArray(result.data)) essays = result.data;
    else error = result.ok ? t('error.generic') : problemMessage(result);
    ctx.update();
  }
  void load();

  function body(): TemplateResult {
    if (error) return html`<div class="notice" role="alert"><p>${error}</p></div>`;
    if (!essays) return loading();
    if (!essays.length) return html`<p class="notice">${t('essaysPage.empty')}</p>`;
    return html`<div class="essay-list">${essays.map((e) => essayArticle(e, true))}</div>`;
  }

  return {
    title: () => t('essaysPage.title'),
    view: () => html`<p class="lead">${t('essaysPage.intro')}</p>
      ${body()}`,
  };
};
