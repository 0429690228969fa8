import './styles.css';
import './twinnings.css';
import { render } from 'lit-html';
import { onLangChange, ready, t, type MessageKey } from './i18n';
import { addRoute, setNotFound, startRouter, match, type Page } from './router';
import { loadMe, onSessionChange } from './session';
import { shell } from './shell';
import { homePage } from './pages/home';
import { partnersPage } from './pages/partners';
import { signInPage } from './pages/sign-in';
import { signInCompletePage } from './pages/sign-in-complete';
import { adminOrganisationsPage } from './pages/admin-organisations';
import { adminOrganisationEditPage } from './pages/admin-organisation-edit';
import { adminInvitationsPage } from './pages/admin-invitations';
import { adminOutboxPage } from './pages/admin-outbox';
import { adminOutboxMessagePage } from './pages/admin-outbox-message';
import { practicesPage } from './pages/practices';
import { practicePage } from './pages/practice';
import { myPracticesPage } from './pages/my-practices';
import { materialsPage } from './pages/materials';
import { myMaterialsPage } from './pages/my-materials';
import { myMobilitiesPage } from './pages/my-mobilities';
import { adminMobilitiesPage } from './pages/admin-mobilities';
import { adminEssayPage } from './pages/admin-essay';
import { participantEssayPage } from './pages/participant-essay';
import { participantUnsubscribePage } from './pages/participant-unsubscribe';
import { notFoundPage } from './pages/not-found';
import { partnerPage } from './pages/partner';
import { essaysPage } from './pages/essays';
import { privacyPage } from './pages/privacy';
import { privacyMinePage } from './pages/privacy-mine';
import { privacyErasePage } from './pages/privacy-erase';
import { adminPrivacyPage } from './pages/admin-privacy';
import { lazyPage } from './lazy-page';

addRoute('/', homePage);
addRoute('/partners', partnersPage);
addRoute('/partners/:id', partnerPage);
addRoute('/essays', essaysPage);
addRoute('/practices', practicesPage);
addRoute('/practices/:id', practicePage);
addRoute('/my/practices', myPracticesPage);
// Before /my/practices/:id, which would otherwise match "new".
addRoute('/my/practices/new', lazyPage(() => import('./pages/my-practice-new').then((m) => m.myPracticeNewPage)));
addRoute('/my/practices/:id', lazyPage(() => import('./pages/my-practice-edit').then((m) => m.myPracticeEditPage)));
addRoute('/my/practices/:id/review', lazyPage(() => import('./pages/my-practice-review').then((m) => m.myPracticeReviewPage)));
addRoute('/materials', materialsPage);
addRoute('/my/materials', myMaterialsPage);
addRoute('/my/materials/new', lazyPage(() => import('./pages/my-material-new').then((m) => m.myMaterialNewPage)));
addRoute('/my/materials/:id', lazyPage(() => import('./pages/my-material-edit').then((m) => m.myMaterialEditPage)));
addRoute('/my/account', lazyPage(() => import('./pages/my-account').then((m) => m.myAccountPage)));
addRoute('/sign-in', signInPage);
addRoute('/sign-in/complete', signInCompletePage);
addRoute('/admin/organisations', adminOrganisationsPage);
addRoute('/admin/organisations/:id', adminOrganisationEditPage);
addRoute('/admin/invitations', adminInvitationsPage);
addRoute('/admin/outbox', adminOutboxPage);
addRoute('/admin/outbox/:id', adminOutboxMessagePage);
addRoute('/my/mobilities', myMobilitiesPage);
addRoute('/my/mobilities/new', lazyPage(() => import('./pages/my-mobility-new').then((m) => m.myMobilityNewPage)));
addRoute('/my/mobilities/:id', lazyPage(() => import('./pages/my-mobility-edit').then((m) => m.myMobilityEditPage)));
addRoute('/admin/mobilities', adminMobilitiesPage);
addRoute('/admin/essays/:id', adminEssayPage);
addRoute('/admin/privacy', adminPrivacyPage);
addRoute('/privacy', privacyPage);
// The paths in the privacy mails (PrivacyLinks).
addRoute('/privacy/mine', privacyMinePage);
addRoute('/privacy/erase', privacyErasePage);
// The paths in the participants' reminder e-mails (ParticipantTokens.LinksAsync).
addRoute('/participants/essay', participantEssayPage);
addRoute('/participants/unsubscribe', participantUnsubscribePage);
// Twinning pages load on first visit, keeping them out of the first load's script.
addRoute('/twinnings', lazyPage(() => import('./pages/twinnings').then((m) => m.twinningsPage)));
addRoute('/twinnings/:id', lazyPage(() => import('./pages/twinning').then((m) => m.twinningPage)));
addRoute('/my/twinnings', lazyPage(() => import('./pages/my-twinnings').then((m) => m.myTwinningsPage)));
addRoute('/my/twinnings/:id', lazyPage(() => import('./pages/my-twinning').then((m) => m.myTwinningPage)));
addRoute('/admin/twinnings/new', lazyPage(() => import('./pages/twinning-edit').then((m) => m.twinningEditPage)));
addRoute('/admin/twinnings/:id/edit', lazyPage(() => import('./pages/twinning-edit').then((m) => m.twinningEditPage)));
// The path in twinning attendees' e-mails (MeetingReminders.LinksAsync).
addRoute('/attendance', lazyPage(() => import('./pages/attendance').then((m) => m.attendancePage)));
addRoute('/transfers/:id', lazyPage(() => import('./pages/transfer').then((m) => m.transferPage)));
addRoute('/admin/handbooks', lazyPage(() => import('./pages/admin-handbooks').then((m) => m.adminHandbooksPage)));
addRoute('/admin/handbooks/:id', lazyPage(() => import('./pages/admin-handbooks').then((m) => m.adminHandbookPage)));
addRoute('/admin/comments', lazyPage(() => import('./pages/admin-comments').then((m) => m.adminCommentsPage)));
setNotFound(notFoundPage);

const root = document.getElementById('app')!;
let page: Page | null = null;
let path = '/';
let flash: MessageKey | null = null;

function renderApp(): void {
  if (!page) return;
  const heading = page.title();
  document.title = heading === t('site.name') ? heading : `${heading} · ${t('site.name')}`;
  render(shell(path, heading, page.view(), flash ? t(flash) : null, renderApp, page.titleLang?.()), root);
}

// The first page waits for the reader's catalogue.
void ready.then(() => startRouter((url, focus, nextFlash) => {
  page?.dispose?.();
  path = url.pathname;
  flash = nextFlash;
  const { factory, params } = match(url.pathname);
  let self: Page | null = null;
  const created = factory({
    params,
    query: url.searchParams,
    update: () => {
      if (page === self) renderApp();
    },
  });
  self = created;
  page = created;
  // The no-JS placeholder goes away on first render.
  root.querySelector('noscript')?.remove();
  renderApp();
  if (focus) root.querySelector<HTMLElement>('main h1')?.focus();
}));

onLangChange(renderApp);
onSessionChange(renderApp);
void loadMe();
