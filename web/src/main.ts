import './styles.css';
import { render } from 'lit-html';
import { onLangChange, t, type MessageKey } from './i18n';
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
import { myPracticeNewPage } from './pages/my-practice-new';
import { myPracticeEditPage } from './pages/my-practice-edit';
import { materialsPage } from './pages/materials';
import { myMaterialsPage } from './pages/my-materials';
import { myMaterialNewPage } from './pages/my-material-new';
import { myMaterialEditPage } from './pages/my-material-edit';
import { myMobilitiesPage } from './pages/my-mobilities';
import { myMobilityNewPage } from './pages/my-mobility-new';
import { myMobilityEditPage } from './pages/my-mobility-edit';
import { adminMobilitiesPage } from './pages/admin-mobilities';
import { adminEssayPage } from './pages/admin-essay';
import { participantEssayPage } from './pages/participant-essay';
import { participantUnsubscribePage } from './pages/participant-unsubscribe';
import { notFoundPage } from './pages/not-found';
import { myAccountPage } from './pages/my-account';
import { partnerPage } from './pages/partner';
import { essaysPage } from './pages/essays';
import { myPracticeReviewPage } from './pages/my-practice-review';
import { privacyPage } from './pages/privacy';
import { privacyMinePage } from './pages/privacy-mine';
import { privacyErasePage } from './pages/privacy-erase';
import { adminPrivacyPage } from './pages/admin-privacy';

addRoute('/', homePage);
addRoute('/partners', partnersPage);
addRoute('/partners/:id', partnerPage);
addRoute('/essays', essaysPage);
addRoute('/practices', practicesPage);
addRoute('/practices/:id', practicePage);
addRoute('/my/practices', myPracticesPage);
// Before /my/practices/:id, which would otherwise match "new".
addRoute('/my/practices/new', myPracticeNewPage);
addRoute('/my/practices/:id', myPracticeEditPage);
addRoute('/my/practices/:id/review', myPracticeReviewPage);
addRoute('/materials', materialsPage);
addRoute('/my/materials', myMaterialsPage);
addRoute('/my/materials/new', myMaterialNewPage);
addRoute('/my/materials/:id', myMaterialEditPage);
addRoute('/my/account', myAccountPage);
addRoute('/sign-in', signInPage);
addRoute('/sign-in/complete', signInCompletePage);
addRoute('/admin/organisations', adminOrganisationsPage);
addRoute('/admin/organisations/:id', adminOrganisationEditPage);
addRoute('/admin/invitations', adminInvitationsPage);
addRoute('/admin/outbox', adminOutboxPage);
addRoute('/admin/outbox/:id', adminOutboxMessagePage);
addRoute('/my/mobilities', myMobilitiesPage);
addRoute('/my/mobilities/new', myMobilityNewPage);
addRoute('/my/mobilities/:id', myMobilityEditPage);
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

startRouter((url, focus, nextFlash) => {
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
});

onLangChange(renderApp);
onSessionChange(renderApp);
void loadMe();
