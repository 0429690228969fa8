import { html, type TemplateResult } from 'lit-html';
import { problemMessage } from '../api';
import { client, settle } from '../client';
import { t } from '../i18n';
import { navigate, type PageFactory } from '../router';
import { setMe, toMe } from '../session';

type State = { kind: 'working' } | { kind: 'invalid' } | { kind: 'error'; message: string };

export const signInCompletePage: PageFactory = (ctx) => {
  const token = ctx.query.get('token')?.trim() ?? '';
  let state: State = token ? { kind: 'working' } : { kind: 'invalid' };

  async function complete(): Promise<void> {
    state = { kind: 'working' };
    ctx.update();
    const result = await settle(client.POST('/api/auth/complete', { body: { token } }));
    const me = result.ok ? toMe(result.data) : null;
    if (me?.signedIn) {
      setMe(me);
      // replace: the token must not stay in the history.
      const target = me.role === 'coordinator' ? '/admin/organisations' : '/';
      navigate(target, { replace: true, flash: 'flash.signedIn' });
      return;
    }
    if (!result.ok && (result.status === 400 || result.status === 404 || result.status === 410)) {
      state = { kind: 'invalid' };
    } else {
      state = { kind: 'error', message: result.ok ? t('error.generic') : problemMessage(result) };
    }
    ctx.update();
  }
  if (token) void complete();

  const newLink = (): TemplateResult => html`<p><a href="/sign-in">${t('complete.newLink')}</a></p>`;

  return {
    title: () =>
      state.kind === 'working'
        ? t('complete.working')
        : state.kind === 'invalid'
          ? t('complete.failedTitle')
          : t('complete.errorTitle'),
    view: () => {
      switch (state.kind) {
        case 'working':
          return html`<p class="muted" role="status">${t('site.loading')}</p>`;
        case 'invalid':
          return html`<div class="notice">
            <p>${t('complete.failedText')}</p>
            ${newLink()}
          </div>`;
        case 'error':
          return html`<div class="notice" role="alert">
            <p>${state.message}</p>
            <p><button type="button" class="secondary" @click=${() => complete()}>${t('action.retry')}</button></p>
            ${newLink()}
          </div>`;
      }
    },
  };
};
