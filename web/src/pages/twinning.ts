import { html, nothing, type TemplateResult } from 'lit-html';
import { client, settle } from '../client';
import { formatList, t, type MessageKey } from '../i18n';
import { formatDay } from '../mobilities';
import { practiceHref } from '../practices';
import type { PageFactory } from '../router';
import {
  adoptionLabel,
  formatLabel,
  loadServices,
  meetingWhen,
  orgLink,
  seatsText,
  serviceLabel,
  statusBadge,
  titleOf,
  updateText,
  workspaceHref,
  type MeetingView,
  type OutcomeView,
  type Phase,
  type TwinningView,
  type UpdateView,
} from '../twinnings';
import { loadStateView, once, toLoadState, type LoadState } from '../page';
import { safeHttpUrl } from '../ui';
import { languageName } from '../vocabularies';
import { discussion } from '../discussion';

function section(id: string, heading: string, content: TemplateResult | null): TemplateResult | typeof nothing {
  if (!content) return nothing;
  return html`<section class="twinning-section" aria-labelledby=${id}>
    <h2 id=${id}>${heading}</h2>
    ${content}
  </section>`;
}

function phaseState(p: Phase, todayIso: string): 'done' | 'current' | 'next' {
  if (p.done) return 'done';
  return p.startDate <= todayIso ? 'current' : 'next';
}

function timeline(phases: Phase[]): TemplateResult | null {
  if (!phases.length) return null;
  const now = new Date().toISOString().slice(0, 10);
  return html`<ol class="timeline">
    ${phases.map((p) => {
      const state = phaseState(p, now);
      return html`<li class=${`phase phase-${state}`}>
        <p class="phase-name"><strong>${p.name}</strong> <span class="badge phase-badge">${t(`twin.phase.${state}` as MessageKey)}</span></p>
        <p class="muted">${p.startDate === p.endDate ? formatDay(p.startDate) : t('mob.dateRange', { start: formatDay(p.startDate), end: formatDay(p.endDate) })}</p>
        ${p.purpose ? html`<p class="pre">${p.purpose}</p>` : nothing}
      </li>`;
    })}
  </ol>`;
}

function meeting(m: MeetingView): TemplateResult {
  const join = safeHttpUrl(m.joinUrl);
  return html`<li class="meeting ${m.status === 'cancelled' ? 'meeting-cancelled' : ''}">
    <h3>${m.title}</h3>
    <p>
      <span class="badge">${formatLabel(m.format)}</span>
      ${m.status === 'cancelled' ? html`<span class="badge warning">${t('twin.meeting.cancelled')}</span>` : nothing}
      ${m.isPublic ? nothing : html`<span class="badge muted-badge">${t('twin.meeting.membersOnly')}</span>`}
    </p>
    <dl class="facts">
      <div><dt>${t('twin.meeting.when')}</dt><dd>${meetingWhen(m)}</dd></div>
      ${
        m.format === 'in-person'
          ? html`<div>
            <dt>${t('twin.meeting.where')}</dt>
            <dd>${m.host ? html`${orgLink(m.host)}, ` : nothing}${[m.address, m.city].filter(Boolean).join(', ')}</dd>
          </div>`
          : nothing
      }
      ${
        m.invited.length
          ? html`<div><dt>${t('twin.meeting.invited')}</dt><dd>${m.invited.map((o, i) => html`${i ? ', ' : ''}${orgLink(o)}`)}</dd></div>`
          : nothing
      }
      ${m.capacity != null && !m.isPast ? html`<div><dt>${t('twin.meeting.seats')}</dt><dd>${seatsText(m)}</dd></div>` : nothing}
      ${
        join && !m.isPast
          ? html`<div><dt>${t('twin.meeting.join')}</dt><dd><a href=${join} rel="noopener">${t('twin.meeting.joinLink')}</a></dd></div>`
          : nothing
      }
    </dl>
    ${m.agenda ? html`<details><summary>${t('twin.meeting.agenda')}</summary><p class="pre">${m.agenda}</p></details>` : nothing}
    ${m.materials ? html`<details><summary>${t('twin.meeting.materials')}</summary><p class="pre">${m.materials}</p></details>` : nothing}
  </li>`;
}

function meetings(list: MeetingView[], empty: string): TemplateResult {
  return list.length ? html`<ul class="plain meetings">${list.map(meeting)}</ul>` : html`<p class="muted">${empty}</p>`;
}

function update(u: UpdateView): TemplateResult {
  const text = updateText(u);
  if (!text) return html``;
  return html`<article class="twinning-update" lang=${text.language}>
    <h3>${text.title}</h3>
    <p class="muted">
      <time datetime=${u.date}>${formatDay(u.date)}</time>${u.author ? html` · ${u.author.name}` : nothing}
      ${u.published ? nothing : html` · <span class="badge muted-badge">${t('twin.update.draft')}</span>`}
    </p>
    ${
      text.outOfDate
        ? html`<p class="notice out-of-date"><span class="badge warning">${t('practice.outOfDate')}</span> ${t('twin.update.outOfDate')}</p>`
        : nothing
    }
    <p class="pre">${text.body}</p>
    ${
      u.texts.length > 1
        ? html`<p class="muted">${t('twin.update.languages', { list: formatList(u.texts.map((x) => languageName(x.language))) })}</p>`
        : nothing
    }
  </article>`;
}

function outcome(o: OutcomeView): TemplateResult {
  return html`<article class="card twinning-outcome" lang=${o.language}>
    <h3>${orgLink(o.organisation)}</h3>
    <p><span class="badge">${adoptionLabel(o.adoption)}</span></p>
    <dl class="facts">
      <div><dt>${t('twin.outcome.practice')}</dt><dd class="pre">${o.practice}</dd></div>
      <div><dt>${t('twin.outcome.started')}</dt><dd class="pre">${o.started}</dd></div>
      <div><dt>${t('twin.outcome.firstResults')}</dt><dd class="pre">${o.firstResults}</dd></div>
    </dl>
    ${
      o.indicators.length
        ? html`<h4>${t('practice.indicators')}</h4>
          <ul class="indicators-view">
            ${o.indicators.map((x) => html`<li><span class="indicator-name">${x.name}</span>${x.value ? html`: <strong>${x.value}</strong>` : nothing}</li>`)}
          </ul>`
        : nothing
    }
  </article>`;
}

/** A twinning's public page: who, the phases, meetings, published updates, outcomes and the practice transferred. */
export const twinningPage: PageFactory = (ctx) => {
  let state: LoadState<TwinningView> = { kind: 'loading' };
  const start = once(() => void load());
  const talk = discussion('twinnings', ctx.params.id, () => ctx.update());

  async function load(): Promise<void> {
    const [result] = await Promise.all([
      settle(client.GET('/api/twinnings/{id}', { params: { path: { id: ctx.params.id } } })),
      loadServices(),
    ]);
    state = toLoadState(result, (data) => !!data?.id);
    ctx.update();
  }

  function body(): TemplateResult {
    start();
    const back = html`<p class="back"><a href="/twinnings">${t('twin.back')}</a></p>`;
    return loadStateView(state, { before: back, missing: t('twin.notFound'), ready: twinning });
  }

  function twinning(tw: TwinningView): TemplateResult {
    const text = titleOf(tw.texts);
    const upcoming = tw.meetings.filter((m) => !m.isPast);
    const past = tw.meetings.filter((m) => m.isPast).reverse();
    const manage = tw.viewer.role || tw.viewer.canEdit;
    return html`<p>
        ${statusBadge(tw.status)} <span class="badge field-badge">${serviceLabel(tw.service.id, tw.service)}</span>
        ${manage ? html` <a class="button-link secondary" href=${workspaceHref(tw.id)}>${t('twin.manage')}</a>` : nothing}
      </p>
      ${text.description ? html`<p class="lead pre" lang=${text.language}>${text.description}</p>` : nothing}
      <div class="key-facts">
        ${section('tw-mentor', t('twin.mentor'), html`<p>${orgLink(tw.mentor)}${tw.mentor.city ? `, ${tw.mentor.city}` : ''}</p>`)}
        ${section(
          'tw-learners',
          t('twin.learners'),
          html`<ul class="plain">
            ${tw.learners.map((l) => html`<li>${orgLink(l)}${l.city ? `, ${l.city}` : ''}</li>`)}
          </ul>`,
        )}
        ${section('tw-regions', t('twin.regions'), tw.regions.length ? html`<p>${formatList(tw.regions)}</p>` : null)}
      </div>
      ${section(
        'tw-practice',
        t('twin.practice'),
        tw.practice
          ? html`<p><a href=${practiceHref(tw.practice.id)} lang=${tw.practice.language}>${tw.practice.name}</a></p>`
          : null,
      )}
      ${section('tw-phases', t('twin.phases'), timeline(tw.phases))}
      ${section(
        'tw-upcoming',
        t('twin.upcoming'),
        html`${meetings(upcoming, t('twin.noUpcoming'))}
          <p class="muted">
            <a href=${`/api/twinnings/${encodeURIComponent(tw.id)}/calendar.ics`} download=${`twinning-${tw.id}.ics`}>${t('twin.calendar')}</a>
          </p>`,
      )}
      ${past.length ? section('tw-past', t('twin.past'), meetings(past, '')) : nothing}
      ${section('tw-updates', t('twin.updates'), tw.updates.length ? html`${tw.updates.map(update)}` : html`<p class="muted">${t('twin.noUpdates')}</p>`)}
      ${section('tw-outcomes', t('twin.outcomes'), tw.outcomes.length ? html`<div class="cards">${tw.outcomes.map(outcome)}</div>` : html`<p class="muted">${t('twin.noOutcomes')}</p>`)}
      ${talk.view()}`;
  }

  return {
    title: () => {
      if (state.kind === 'missing') return t('twin.notFoundTitle');
      return state.kind === 'ready' ? titleOf(state.value.texts).title : t('twin.list.title');
    },
    titleLang: () => (state.kind === 'ready' ? titleOf(state.value.texts).language : undefined),
    view: body,
  };
};
