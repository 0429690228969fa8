import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage, type ApiResult } from '../api';
import type { AttendanceView } from '../api/schema';
import { client, settle } from '../client';
import { t, useLang } from '../i18n';
import type { PageFactory } from '../router';
import { meetingWhen, twinningHref } from '../twinnings';
import { loadStateView, type LoadState } from '../page';
import { alertBox, statusRegion } from '../ui';

/** The API explains a link it does not accept in the attendee's words; other failures get the usual message. */
function failure(result: ApiResult<unknown>): string {
  return result.ok ? t('error.generic') : (result.problem?.detail ?? problemMessage(result));
}

/** The attendee's page, reached from the link in their mails: their registration, which they can cancel, and the reminders, which they can stop. */
export const attendancePage: PageFactory = (ctx) => {
  const token = ctx.query.get('token') ?? '';
  const query = { token };
  let state: LoadState<AttendanceView> = { kind: 'loading' };
  let error: string | null = null;
  let status: string | null = null;
  let busy = false;

  async function load(): Promise<void> {
    const result = await settle(client.GET('/api/attendance', { params: { query } }));
    if (result.ok && result.data) {
      state = { kind: 'ready', value: result.data };
      void useLang(result.data.language);
    } else state = { kind: 'error', message: failure(result) };
    ctx.update();
  }
  void load();

  async function act(action: 'cancel' | 'unsubscribe' | 'resubscribe'): Promise<void> {
    if (busy) return;
    if (action === 'cancel' && !window.confirm(t('twin.attendance.confirm'))) return;
    busy = true;
    ctx.update();
    const result = await settle(client.POST(`/api/attendance/${action}`, { params: { query } }));
    busy = false;
    if (result.ok && result.data) {
      state = { kind: 'ready', value: result.data };
      status = t(
        action === 'cancel'
          ? 'twin.attendance.cancelledDone'
          : action === 'unsubscribe'
            ? 'twin.attendance.unsubscribedDone'
            : 'twin.attendance.resubscribedDone',
      );
    } else error = failure(result);
    ctx.update();
  }

  function body(): TemplateResult {
    return loadStateView(state, { missing: t('error.404'), ready: page });
  }

  function page(v: AttendanceView): TemplateResult {
    return html`<p class="lead">${t('twin.attendance.hello', { name: v.name })}</p>
      <dl class="facts">
        <div><dt>${t('twin.attendance.twinning')}</dt><dd><a href=${twinningHref(v.twinningId)}>${v.twinningTitle}</a></dd></div>
        <div><dt>${t('twin.attendance.meeting')}</dt><dd>${v.meetingTitle}</dd></div>
        <div><dt>${t('twin.meeting.when')}</dt><dd>${meetingWhen(v)}${v.city ? ` · ${v.city}` : ''}</dd></div>
        <div>
          <dt>${t('twin.attendance.status')}</dt>
          <dd>${v.meetingCancelled ? t('twin.meeting.cancelled') : v.status === 'cancelled' ? t('twin.attendance.notComing') : t('twin.attendance.coming')}</dd>
        </div>
      </dl>
      ${alertBox(error)}
      ${
        v.status === 'registered' && !v.meetingCancelled && !v.isPast
          ? html`<p><button type="button" ?disabled=${busy} @click=${() => act('cancel')}>${t('twin.attendance.cancel')}</button></p>`
          : nothing
      }
      <h2>${t('twin.attendance.mails')}</h2>
      <p>${v.unsubscribed ? t('twin.attendance.stopped') : t('twin.attendance.receiving')}</p>
      <p>
        <button type="button" class="secondary" ?disabled=${busy} @click=${() => act(v.unsubscribed ? 'resubscribe' : 'unsubscribe')}>
          ${v.unsubscribed ? t('twin.attendance.resubscribe') : t('twin.attendance.unsubscribe')}
        </button>
      </p>
      ${statusRegion(status)}`;
  }

  return { title: () => t('twin.attendance.title'), view: body };
};
