import '../styles/practice-editing.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { problemMessage } from '../api';
import type { FieldChange, PracticeReview } from '../api/schema';
import { client, settle } from '../client';
import { countryName, t, type MessageKey } from '../i18n';
import { chooseText, editHref, formatAmount, sendTransition, statusBadge } from '../practices';
import { loadStateView, once, PageLoad } from '../page';
import type { PageFactory } from '../router';
import { alertBox, coordinatorOnly, statusRegion, textareaField } from '../ui';
import { fieldLabel, languageName, loadVocabularies, targetGroupLabel } from '../vocabularies';
import { practiceSections } from './practice';

const fieldNames: Record<string, MessageKey> = {
  language: 'practice.language',
  country: 'practice.country',
  city: 'practice.city',
  startYear: 'practice.startYear',
  endYear: 'practice.endYear',
  ongoing: 'practice.ongoing',
  fields: 'practice.fields',
  targetGroups: 'practice.targetGroups',
  budgetAmount: 'practice.amount',
  budgetCurrency: 'practice.currency',
  budgetYear: 'practice.budgetYear',
  contactVisible: 'practice.contactVisible',
  contactName: 'practice.contactName',
  contactEmail: 'practice.contactEmail',
  contactPhone: 'practice.contactPhone',
  name: 'practice.name',
  objectives: 'practice.objectives',
  description: 'practice.description',
  budget: 'practice.budget',
  fundingSource: 'practice.fundingSource',
  evaluation: 'practice.evaluation',
  indicators: 'practice.indicators',
  translation: 'review.translation',
};

/** A stored value in words: codes become names, yes and no, one list item per line. */
function shown(change: FieldChange, value: string | null): TemplateResult | string {
  if (value === null) return html`<span class="muted">${t('review.empty')}</span>`;
  switch (change.field) {
    case 'language':
      return languageName(value);
    case 'country':
      return countryName(value);
    case 'ongoing':
    case 'contactVisible':
      return value === 'true' ? t('review.yes') : t('review.no');
    case 'fields':
      return value.split('\n').map(fieldLabel).join(', ');
    case 'targetGroups':
      return value.split('\n').map(targetGroupLabel).join(', ');
    case 'budgetAmount':
      return formatAmount(Number(value), null);
    default:
      return html`<span class="pre" lang=${change.language || nothing}>${value}</span>`;
  }
}

/** The coordinator's review: the revision as the public will see it, what changed since the published version, and the decision. */
export const myPracticeReviewPage: PageFactory = (ctx) => {
  const id = ctx.params.id;
  const record = new PageLoad(
    () =>
      Promise.all([settle(client.GET('/api/practices/{id}/review', { params: { path: { id } } })), loadVocabularies()]).then(
        ([result]) => result,
      ),
    () => ctx.update(),
  );
  // Loads on the first render, once the sign-in guard has let the page through; a reload keeps the review on screen.
  const load = () => record.load({ keep: true });
  const start = once(() => void load());
  let chosen: string | null = null;
  let comment = '';
  let busy = false;
  let error: string | null = null;
  let status: string | null = null;
  let commentError: string[] | undefined;

  async function decide(action: 'request-changes' | 'publish' | 'unpublish', review: PracticeReview): Promise<void> {
    const text = comment.trim();
    commentError = undefined;
    if (action === 'request-changes' && !text) {
      commentError = [t('edit.commentRequired')];
      ctx.update();
      document.getElementById('review-comment')?.focus();
      return;
    }
    busy = true;
    error = null;
    status = null;
    ctx.update();
    const result = await sendTransition(id, action, review.etag, text);
    busy = false;
    if (result.ok) {
      comment = '';
      status = {
        'request-changes': t('edit.changesRequested'),
        publish: t('edit.publishedDone'),
        unpublish: t('edit.unpublishedDone'),
      }[action];
      await load();
    } else {
      error = problemMessage(result);
      ctx.update();
    }
  }

  function changes(review: PracticeReview): TemplateResult | typeof nothing {
    if (!review.published) return html`<p class="notice">${t('review.firstVersion')}</p>`;
    if (!review.changes.length) return html`<p class="notice">${t('review.noChanges')}</p>`;
    return html`<section aria-labelledby="review-changes">
      <h2 id="review-changes">${t('review.changesTitle')}</h2>
      <p class="muted">${t('review.changesIntro')}</p>
      <div class="table-scroll">
        <table class="data diff">
          <caption class="visually-hidden">${t('review.changesTitle')}</caption>
          <thead>
            <tr><th scope="col">${t('review.field')}</th><th scope="col">${t('review.before')}</th><th scope="col">${t('review.after')}</th></tr>
          </thead>
          <tbody>
            ${review.changes.map(
              (c) => html`<tr>
                <th scope="row">${t(fieldNames[c.field] ?? 'review.field')}${c.language ? html` <span class="badge lang-badge">${languageName(c.language)}</span>` : nothing}</th>
                <td data-label=${t('review.before')} class="before">${shown(c, c.before)}</td>
                <td data-label=${t('review.after')} class="after">${shown(c, c.after)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  function decision(review: PracticeReview): TemplateResult {
    const canReview = review.status === 'submitted';
    const canUnpublish = !!review.published;
    return html`<section class="panel moderation" aria-labelledby="review-decision">
      <h2 id="review-decision">${t('review.decision')}</h2>
      ${alertBox(error)}
      ${
        canReview || canUnpublish
          ? html`${textareaField({
              id: 'review-comment',
              name: 'comment',
              label: t('edit.modComment'),
              hint: t('edit.modCommentHint'),
              value: comment,
              errors: commentError ? { comment: commentError } : {},
              rows: 4,
              onInput: (value) => (comment = value),
            })}
            <div class="actions">
              ${
                canReview
                  ? html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => decide('request-changes', review)}>
                      ${t('edit.requestChanges')}
                    </button>
                    <button type="button" ?disabled=${busy} @click=${() => decide('publish', review)}>${t('edit.publish')}</button>`
                  : nothing
              }
              ${
                canUnpublish
                  ? html`<button type="button" class="secondary" ?disabled=${busy} @click=${() => decide('unpublish', review)}>${t('edit.unpublish')}</button>`
                  : nothing
              }
            </div>`
          : html`<p class="muted">${t('edit.nothingToModerate')}</p>`
      }
      ${statusRegion(status)}
    </section>`;
  }

  function body(): TemplateResult {
    start();
    return loadStateView(record.state, {
      before: html`<p class="back"><a href=${editHref(id)}>${t('review.back')}</a></p>`,
      missing: t('edit.notFound'),
      ready: reviewed,
    });
  }

  function reviewed(review: PracticeReview): TemplateResult {
    const text = chooseText(review.preview.texts, chosen);
    if (!text) return html``;
    return html`
      <p>${statusBadge(review.status)}</p>
      ${changes(review)}
      <section class="preview" aria-labelledby="review-preview">
        <h2 id="review-preview">${t('review.previewTitle')}</h2>
        ${
          review.preview.texts.length > 1
            ? html`<div class="field inline-field">
              <label for="review-language">${t('detail.textLanguage')}</label>
              <select id="review-language" @change=${(e: Event) => ((chosen = (e.target as HTMLSelectElement).value), ctx.update())}>
                ${review.preview.texts.map(
                  (x) =>
                    html`<option value=${x.language} .selected=${x.language === text.language}>${languageName(x.language)}</option>`,
                )}
              </select>
            </div>`
            : nothing
        }
        <article class="practice preview-frame">
          <h3 class="preview-name" lang=${text.language}>${text.name}</h3>
          ${practiceSections(review.preview, text)}
        </article>
      </section>
      ${decision(review)}`;
  }

  return {
    title: () => t('review.title'),
    view: () => coordinatorOnly(body),
  };
};
