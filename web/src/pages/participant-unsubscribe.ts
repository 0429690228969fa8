import { html, type TemplateResult } from 'lit-html';
import { problemMessage, type ApiResult } from '../api';
import type { ParticipantSubscription } from '../api/schema';
import { client, settle } from '../client';
import { formatDateTime, t } from '../i18n';
import { formatDays } from '../mobilities';
import type { PageFactory } from '../router';
import { initialLinkState, linkStateView, participantLanguage, toLinkState, type LinkState } from '../signed-link';
import { alertBox, statusRegion } from '../ui';

/**
 * The page the reminders' footer links to. Opening it changes nothing (link scanners open
 * links too): the participant stops the reminders with a button, and can undo it here.
 */
export const participantUnsubscribePage: PageFactory = (ctx) => {
  const token = (ctx.query.get('token') ?? '').trim();
  let state: LinkState<ParticipantSubscription> = initialLinkState(token);
  const applyLanguage = participantLanguage();
  let sending = false;
  let error: string | null = null;
  let status: string | null = null;

  /** Takes the answer when it is the subscription or says the link is not valid; true for the subscription. */
  function accept(result: ApiResult<ParticipantSubscription>): boolean {
    const next = toLinkState(result);
    if (next.kind !== 'ready' && next.kind !== 'link') return false;
    state = next;
    applyLanguage(next);
    return next.kind === 'ready';
  }

  async function load(): Promise<void> {
    const result = await settle(client.GET('/api/participants/subscription', { params: { query: { token } } }));
    if (!accept(result) && state.kind !== 'link') state = toLinkState(result);
    ctx.update();
  }
  if (token) void load();

  async function change(unsubscribe: boolean): Promise<void> {
    if (sending) return;
    sending = true;
    error = null;
    status = null;
    ctx.update();
    const result = await settle(
      client.POST(unsubscribe ? '/api/participants/unsubscribe' : '/api/participants/resubscribe', {
        params: { query: { token } },
      }),
    );
    sending = false;
    if (accept(result)) {
      status = unsubscribe ? t('unsubscribe.done') : t('unsubscribe.undone');
    } else if (state.kind === 'ready') {
      error = result.ok ? t('error.generic') : problemMessage(result);
    }
    ctx.update();
    // The button that was pressed is replaced by its opposite: keep focus on it.
    document.getElementById('subscription-action')?.focus();
  }

  function body(): TemplateResult {
    return linkStateView(state, { ready: subscription, retry: () => void load() });
  }

  function subscription(s: ParticipantSubscription): TemplateResult {
    const visit = t('unsubscribe.visit', { host: s.hostOrganisationName, dates: formatDays(s.startDate, s.endDate) });
    return html`<p class="lead">${t('essayPage.greeting', { name: s.participantName })}</p>
      <p>${visit}</p>
      ${alertBox(error)}
      <div class="panel subscription">
        ${
          s.unsubscribed
            ? html`<p><strong>${t('unsubscribe.off')}</strong></p>
              ${s.unsubscribedAt ? html`<p class="note">${t('unsubscribe.since', { date: formatDateTime(s.unsubscribedAt) })}</p>` : ''}
              <p>${t('unsubscribe.undoHint')}</p>
              <p>
                <button type="button" id="subscription-action" class="secondary" ?disabled=${sending} @click=${() => change(false)}>
                  ${t('unsubscribe.undo')}
                </button>
              </p>`
            : html`<p><strong>${t('unsubscribe.on')}</strong></p>
              <p>${t('unsubscribe.stopHint')}</p>
              <p>
                <button type="button" id="subscription-action" ?disabled=${sending} @click=${() => change(true)}>
                  ${t('unsubscribe.stop')}
                </button>
              </p>`
        }
      </div>
      ${statusRegion(status)}`;
  }

  return {
    title: () => t('unsubscribe.title'),
    view: body,
  };
};
