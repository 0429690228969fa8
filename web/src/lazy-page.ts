import { t } from './i18n';
import type { Page, PageFactory } from './router';
import { html } from 'lit-html';
import { alertBox, loading } from './ui';

/**
 * A page whose module is fetched when it is first visited, so pages few visitors open do not
 * weigh on the first load. Until the module arrives the page shows the usual loading state.
 */
export function lazyPage(load: () => Promise<PageFactory>): PageFactory {
  return (ctx) => {
    let inner: Page | null = null;
    let failed = false;
    let disposed = false;
    load().then(
      (factory) => {
        if (disposed) return;
        inner = factory(ctx);
        ctx.update();
      },
      () => {
        failed = true;
        ctx.update();
      },
    );
    return {
      title: () => inner?.title() ?? t('site.loading'),
      titleLang: () => inner?.titleLang?.(),
      view: () => inner?.view() ?? (failed ? loadFailed() : loading()),
      dispose: () => {
        disposed = true;
        inner?.dispose?.();
      },
    };
  };
}

/** The module could not be fetched (offline, or a new version replaced it): reloading fetches it again. */
function loadFailed() {
  return html`${alertBox(t('error.network'))}
    <p><button type="button" class="secondary" @click=${() => location.reload()}>${t('action.retry')}</button></p>`;
}
