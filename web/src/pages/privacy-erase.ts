import { html, nothing, type TemplateResult } from 'lit-html';
import { describeFailure } from '../api';
import { client, settle } from '../client';
import { t } from '../i18n';
import { linkProblem, linkProblemView, type LinkProblem } from '../signed-link';
import type { PageFactory } from '../router';
import { alertBox, checkboxField, statusRegion } from '../ui';

/**
 * The page the confirmation mail links to. Opening it erases nothing (mail scanners open links
 * too): the person confirms with a button, choosing whether a published essay stays without their name.
 */
export const privacyErasePage: PageFactory = (ctx) => {
  const token = (ctx.query.get('token') ?? '').trim();
  let problem: LinkProblem | null = token ? null : 'invalid';
  let keepEssay = false;
  let sending = false;
  let done = false;
  let error: string | null = null;

  async function confirm(): Promise<void> {
    if (sending) return;
    sending = true;
    error = null;
    ctx.update();
    const result = await settle(client.POST('/api/privacy/erasure', { body: { token, keepEssayPublished: keepEssay } }));
    sending = false;
    problem = linkProblem(result);
    if (result.ok) done = true;
    else if (!problem) error = describeFailure(result, []).message;
    ctx.update();
  }

  function body(): TemplateResult {
    if (problem) return linkProblemView(problem);
    if (done) return html`${statusRegion(t('erase.done'))}`;
    return html`<p class="lead">${t('erase.text')}</p>
      ${alertBox(error)}
      <form class="form narrow" novalidate @submit=${(e: Event) => (e.preventDefault(), void confirm())}>
        ${checkboxField({
          id: 'erase-keep-essay',
          name: 'keepEssayPublished',
          label: t('erase.keepEssay'),
          hint: t('erase.keepEssayHint'),
          checked: keepEssay,
          errors: {},
          onChange: (checked) => (keepEssay = checked),
        })}
        <div class="actions"><button type="submit" class="danger" ?disabled=${sending}>${t('erase.confirm')}</button></div>
      </form>
      ${done ? nothing : statusRegion(null)}`;
  }

  return { title: () => t('erase.title'), view: body };
};
