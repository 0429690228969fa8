// The styles every page shares, in cascade order; pages used only by editors and coordinators import their own.
import './styles/base.css';
import './styles/header.css';
import './styles/main.css';
import './styles/cards.css';
import './styles/forms.css';
import './styles/badges.css';
import './styles/catalogue.css';
import './styles/practice.css';
import './styles/library.css';
import './styles/material-editing.css';
import './styles/footer-and-wide.css';
import './styles/mobilities.css';
import './styles/home.css';
import './styles/related.css';
import { render } from 'lit-html';
import { onLangChange, ready, t, type MessageKey } from './i18n';
import { loadFailedPage } from './lazy-page';
import { addRoute, setNotFound, startRouter, match, type Page } from './router';
import { loadMe, onSessionChange } from './session';
import { shell } from './shell';

addRoute('/', () => import('./pages/home').then((m) => m.homePage));
addRoute('/partners', () => import('./pages/partners').then((m) => m.partnersPage));
addRoute('/partners/:id', () => import('./pages/partner').then((m) => m.partnerPage));
addRoute('/essays', () => import('./pages/essays').then((m) => m.essaysPage));
addRoute('/practices', () => import('./pages/practices').then((m) => m.practicesPage));
addRoute('/practices/:id', () => import('./pages/practice').then((m) => m.practicePage));
addRoute('/my/practices', () => import('./pages/my-practices').then((m) => m.myPracticesPage));
// Before /my/practices/:id, which would otherwise match "new".
addRoute('/my/practices/new', () => import('./pages/my-practice-new').then((m) => m.myPracticeNewPage));
addRoute('/my/practices/:id', () => import('./pages/my-practice-edit').then((m) => m.myPracticeEditPage));
addRoute('/my/practices/:id/review', () => import('./pages/my-practice-review').then((m) => m.myPracticeReviewPage));
addRoute('/materials', () => import('./pages/materials').then((m) => m.materialsPage));
addRoute('/my/materials', () => import('./pages/my-materials').then((m) => m.myMaterialsPage));
addRoute('/my/materials/new', () => import('./pages/my-material-new').then((m) => m.myMaterialNewPage));
addRoute('/my/materials/:id', () => import('./pages/my-material-edit').then((m) => m.myMaterialEditPage));
addRoute('/my/account', () => import('./pages/my-account').then((m) => m.myAccountPage));
addRoute('/sign-in', () => import('./pages/sign-in').then((m) => m.signInPage));
addRoute('/sign-in/complete', () => import('./pages/sign-in-complete').then((m) => m.signInCompletePage));
addRoute('/admin/organisations', () => import('./pages/admin-organisations').then((m) => m.adminOrganisationsPage));
addRoute('/admin/organisations/:id', () => import('./pages/admin-organisation-edit').then((m) => m.adminOrganisationEditPage));
addRoute('/admin/invitations', () => import('./pages/admin-invitations').then((m) => m.adminInvitationsPage));
addRoute('/admin/outbox', () => import('./pages/admin-outbox').then((m) => m.adminOutboxPage));
addRoute('/admin/outbox/:id', () => import('./pages/admin-outbox-message').then((m) => m.adminOutboxMessagePage));
addRoute('/my/mobilities', () => import('./pages/my-mobilities').then((m) => m.myMobilitiesPage));
addRoute('/my/mobilities/new', () => import('./pages/my-mobility-new').then((m) => m.myMobilityNewPage));
addRoute('/my/mobilities/:id', () => import('./pages/my-mobility-edit').then((m) => m.myMobilityEditPage));
addRoute('/admin/mobilities', () => import('./pages/admin-mobilities').then((m) => m.adminMobilitiesPage));
addRoute('/admin/essays/:id', () => import('./pages/admin-essay').then((m) => m.adminEssayPage));
addRoute('/admin/privacy', () => import('./pages/admin-privacy').then((m) => m.adminPrivacyPage));
addRoute('/privacy', () => import('./pages/privacy').then((m) => m.privacyPage));
// The paths in the privacy mails (PrivacyLinks).
addRoute('/privacy/mine', () => import('./pages/privacy-mine').then((m) => m.privacyMinePage));
addRoute('/privacy/erase', () => import('./pages/privacy-erase').then((m) => m.privacyErasePage));
// The paths in the participants' reminder e-mails (ParticipantTokens.LinksAsync).
addRoute('/participants/essay', () => import('./pages/participant-essay').then((m) => m.participantEssayPage));
addRoute('/participants/unsubscribe', () => import('./pages/participant-unsubscribe').then((m) => m.participantUnsubscribePage));
// Twinning pages load on first visit, keeping them out of the first load's script.
addRoute('/twinnings', () => import('./pages/twinnings').then((m) => m.twinningsPage));
addRoute('/twinnings/:id', () => import('./pages/twinning').then((m) => m.twinningPage));
addRoute('/my/twinnings', () => import('./pages/my-twinnings').then((m) => m.myTwinningsPage));
addRoute('/my/twinnings/:id', () => import('./pages/my-twinning').then((m) => m.myTwinningPage));
addRoute('/admin/twinnings/new', () => import('./pages/twinning-edit').then((m) => m.twinningEditPage));
addRoute('/admin/twinnings/:id/edit', () => import('./pages/twinning-edit').then((m) => m.twinningEditPage));
// The path in twinning attendees' e-mails (MeetingReminders.LinksAsync).
addRoute('/attendance', () => import('./pages/attendance').then((m) => m.attendancePage));
addRoute('/transfers/:id', () => import('./pages/transfer').then((m) => m.transferPage));
addRoute('/admin/handbooks', () => import('./pages/admin-handbooks').then((m) => m.adminHandbooksPage));
addRoute('/admin/handbooks/:id', () => import('./pages/admin-handbooks').then((m) => m.adminHandbookPage));
addRoute('/admin/comments', () => import('./pages/admin-comments').then((m) => m.adminCommentsPage));
setNotFound(() => import('./pages/not-found').then((m) => m.notFoundPage));

const root = document.getElementById('app')!;
let page: Page | null = null;
let path = '/';
let flash: MessageKey | null = null;
let navigation = 0;
let started = false;

function renderApp(): void {
  if (!page) return;
  const heading = page.title();
  document.title = heading === t('site.name') ? heading : `${heading} · ${t('site.name')}`;
  render(shell(path, heading, page.view(), flash ? t(flash) : null, renderApp, page.titleLang?.()), root);
}

// The interface language's catalogue and the page's module load together; the first render waits for
// both, so the first frame the script paints is the page itself, never a "loading" stand-in for it.
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function show(url: URL, focus: boolean, nextFlash: MessageKey | null): Promise<void> {
  const ticket = ++navigation;
  const { load, params } = match(url.pathname);
  const [factory] = await Promise.all([load().catch(() => loadFailedPage), ready]);
  // The modules were just evaluated: render in a task of its own, so neither blocks input for long.
  if (!started) await nextTask();
  // A later navigation overtook this one while its module was on its way.
  if (ticket !== navigation) return;
  page?.dispose?.();
  path = url.pathname;
  flash = nextFlash;
  const first = started ? null : root.querySelector('h1');
  let self: Page | null = null;
  const created = factory({
    params,
    query: url.searchParams,
    firstHeading: first?.textContent?.trim() || undefined,
    firstHeadingLang: first?.lang || undefined,
    update: () => {
      if (page === self) renderApp();
    },
  });
  self = created;
  page = created;
  if (!started) {
    // The server's first HTML (title, heading, no-JS note) gives way to the app on its first render.
    started = true;
    root.replaceChildren();
  }
  renderApp();
  if (focus) root.querySelector<HTMLElement>('main h1')?.focus();
}

startRouter((url, focus, nextFlash) => void show(url, focus, nextFlash));

onLangChange(renderApp);
onSessionChange(renderApp);
void loadMe();
