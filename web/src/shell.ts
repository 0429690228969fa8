import { html, nothing, type TemplateResult } from 'lit-html';
import { getLang, LANGUAGES, setLang, t, type MessageKey } from './i18n';
import { getMe, isCoordinator, isEditor, signOut } from './session';
import { navigate } from './router';

interface NavItem {
  href: string;
  label: MessageKey;
  /** Also active for sub-paths (e.g. /admin/outbox/123). */
  prefix?: boolean;
}

const publicNav: NavItem[] = [
  { href: '/', label: 'nav.home' },
  { href: '/partners', label: 'nav.partners', prefix: true },
  { href: '/practices', label: 'nav.practices', prefix: true },
  { href: '/materials', label: 'nav.materials' },
  { href: '/twinnings', label: 'nav.twinnings', prefix: true },
];

// Partners and coordinators share /my/practices: a coordinator sees every
// organisation's practices there, hence the different name.
const partnerNav: NavItem[] = [
  { href: '/my/practices', label: 'nav.myPractices', prefix: true },
  { href: '/my/materials', label: 'nav.myMaterials', prefix: true },
  { href: '/my/mobilities', label: 'nav.mobilities', prefix: true },
  { href: '/my/twinnings', label: 'nav.myTwinnings', prefix: true },
];

const coordinatorNav: NavItem[] = [
  { href: '/my/practices', label: 'nav.moderation', prefix: true },
  { href: '/my/materials', label: 'nav.allMaterials', prefix: true },
  { href: '/my/mobilities', label: 'nav.mobilities', prefix: true },
];

/** The coordinator's administration pages, behind one entry so the menu keeps to one line. */
const adminNav: NavItem[] = [
  { href: '/my/twinnings', label: 'nav.myTwinnings', prefix: true },
  { href: '/admin/organisations', label: 'nav.organisations', prefix: true },
  { href: '/admin/invitations', label: 'nav.invitations', prefix: true },
  { href: '/admin/mobilities', label: 'nav.mobilityOverview', prefix: true },
  { href: '/admin/outbox', label: 'nav.outbox', prefix: true },
  { href: '/admin/privacy', label: 'nav.privacyAdmin' },
  { href: '/admin/handbooks', label: 'nav.handbooks', prefix: true },
  { href: '/admin/comments', label: 'nav.reportedComments' },
];

function isActive(item: NavItem, path: string): boolean {
  return path === item.href || (!!item.prefix && path.startsWith(item.href + '/'));
}

function navLink(item: NavItem, path: string): TemplateResult {
  return html`<li>
    <a href=${item.href} aria-current=${isActive(item, path) ? 'page' : nothing}>${t(item.label)}</a>
  </li>`;
}

/** The phone menu and the administration group are disclosures; both close when the page changes. */
let menuOpen = false;
let adminOpen = false;
let shownPath = '';

/** Following a link closes the menus, also when it leads to the page already shown. */
function closeOnLink(event: Event): void {
  if ((event.target as Element | null)?.closest?.('a')) {
    menuOpen = false;
    adminOpen = false;
  }
}

function adminGroup(path: string, rerender: () => void): TemplateResult {
  const current = adminNav.some((item) => isActive(item, path));
  const toggle = () => {
    adminOpen = !adminOpen;
    rerender();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && adminOpen) {
      adminOpen = false;
      rerender();
      document.getElementById('admin-toggle')?.focus();
    }
  };
  return html`<li class="nav-group" @keydown=${onKey}>
    <button type="button" id="admin-toggle" class="nav-toggle ${current ? 'current' : ''}" aria-expanded=${adminOpen ? 'true' : 'false'}
      aria-controls="admin-links" @click=${toggle}>${t('nav.admin')}</button>
    <ul id="admin-links" class="nav-sub" ?hidden=${!adminOpen}>
      ${adminNav.map((item) => navLink(item, path))}
    </ul>
  </li>`;
}

let signingOut = false;

async function onSignOut(rerender: () => void): Promise<void> {
  if (signingOut) return;
  signingOut = true;
  rerender();
  const ok = await signOut();
  signingOut = false;
  if (ok) navigate('/', { flash: 'flash.signedOut' });
  else navigate(location.pathname + location.search, { replace: true, flash: 'flash.signOutFailed' });
}

function focusMain(event: Event): void {
  event.preventDefault();
  const target = document.querySelector<HTMLElement>('#main h1') ?? document.getElementById('main');
  target?.focus();
}

function account(path: string, rerender: () => void): TemplateResult {
  const me = getMe();
  // Until the session is known, an invisible sign-in link holds its place, so the menu beside it does not move.
  if (me === null) return html`<span class="button-link placeholder" aria-hidden="true">${t('nav.signIn')}</span>`;
  if (!me.signedIn) {
    return html`<a class="button-link" href="/sign-in" aria-current=${path === '/sign-in' ? 'page' : nothing}
      >${t('nav.signIn')}</a
    >`;
  }
  return html`<a class="who" href="/my/account" aria-current=${path === '/my/account' ? 'page' : nothing}
      ><span class="visually-hidden">${t('nav.account')}: </span>${me.email}</a
    >
    <button type="button" class="secondary" ?disabled=${signingOut} @click=${() => onSignOut(rerender)}>
      ${t('nav.signOut')}
    </button>`;
}

function languageSwitch(): TemplateResult {
  return html`<div class="lang">
    <label for="lang-select">${t('lang.label')}</label>
    <select id="lang-select" @change=${(e: Event) => setLang((e.target as HTMLSelectElement).value)}>
      ${LANGUAGES.map(
        (lang) => html`<option value=${lang.code} lang=${lang.code} .selected=${lang.code === getLang()}>${lang.name}</option>`,
      )}
    </select>
  </div>`;
}

export function shell(
  path: string,
  heading: string,
  content: TemplateResult,
  flash: string | null,
  rerender: () => void,
  headingLang?: string,
): TemplateResult {
  if (path !== shownPath) {
    shownPath = path;
    menuOpen = false;
    adminOpen = false;
  }
  const items = isCoordinator() ? [...publicNav, ...coordinatorNav] : isEditor() ? [...publicNav, ...partnerNav] : publicNav;
  const toggleMenu = () => {
    menuOpen = !menuOpen;
    rerender();
  };
  return html`
    <a class="skip-link" href="#main" @click=${focusMain}>${t('site.skip')}</a>
    <header class="site-header">
      <div class="wrap header-row">
        <a class="brand" href="/">${t('site.name')}</a>
        ${languageSwitch()}
        <button type="button" class="menu-toggle secondary" aria-expanded=${menuOpen ? 'true' : 'false'} aria-controls="site-menu"
          @click=${toggleMenu}>${t('nav.menu')}</button>
        <div id="site-menu" class="site-menu ${menuOpen ? 'open' : ''}">
          <nav class="site-nav" aria-label=${t('site.nav')} @click=${closeOnLink}>
            <ul>
              ${items.map((item) => navLink(item, path))} ${isCoordinator() ? adminGroup(path, rerender) : nothing}
            </ul>
          </nav>
          <div class="account">${account(path, rerender)}</div>
        </div>
      </div>
    </header>
    <main id="main" tabindex="-1" class="wrap">
      <p class="flash" role="status" aria-live="polite">${flash ?? ''}</p>
      <h1 tabindex="-1" lang=${headingLang || nothing}>${heading}</h1>
      ${content}
    </main>
    <footer class="site-footer">
      <div class="wrap">
        <p>${t('site.footer')} · <a href="/essays">${t('nav.essays')}</a> · <a href="/privacy" aria-current=${path === '/privacy' ? 'page' : nothing}>${t('nav.privacy')}</a></p>
      </div>
    </footer>
  `;
}
