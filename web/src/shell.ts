import { html, nothing, type TemplateResult } from 'lit-html';
import { getLang, LANGS, setLang, t, type Lang, type MessageKey } from './i18n';
import { getMe, isCoordinator, isEditor, signOut } from './session';
import { navigate } from './router';

const languageNames: Record<Lang, string> = { en: 'English', it: 'Italiano' };

interface NavItem {
  href: string;
  label: MessageKey;
  /** Also active for sub-paths (e.g. /admin/outbox/123). */
  prefix?: boolean;
}

const publicNav: NavItem[] = [
  { href: '/', label: 'nav.home' },
  { href: '/partners', label: 'nav.partners' },
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
  { href: '/my/materials', label: 'nav.myMaterials', prefix: true },
  { href: '/my/mobilities', label: 'nav.mobilities', prefix: true },
  { href: '/my/twinnings', label: 'nav.myTwinnings', prefix: true },
  { href: '/admin/organisations', label: 'nav.organisations', prefix: true },
  { href: '/admin/invitations', label: 'nav.invitations', prefix: true },
  { href: '/admin/outbox', label: 'nav.outbox', prefix: true },
];

function isActive(item: NavItem, path: string): boolean {
  return path === item.href || (!!item.prefix && path.startsWith(item.href + '/'));
}

function navLink(item: NavItem, path: string): TemplateResult {
  return html`<li>
    <a href=${item.href} aria-current=${isActive(item, path) ? 'page' : nothing}>${t(item.label)}</a>
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
  if (me === null) return html``;
  if (!me.signedIn) {
    return html`<a class="button-link" href="/sign-in" aria-current=${path === '/sign-in' ? 'page' : nothing}
      >${t('nav.signIn')}</a
    >`;
  }
  return html`<span class="who">${t('nav.signedInAs', { email: me.email })}</span>
    <button type="button" class="secondary" ?disabled=${signingOut} @click=${() => onSignOut(rerender)}>
      ${t('nav.signOut')}
    </button>`;
}

function languageSwitch(): TemplateResult {
  return html`<div class="lang">
    <label for="lang-select">${t('lang.label')}</label>
    <select id="lang-select" @change=${(e: Event) => setLang((e.target as HTMLSelectElement).value as Lang)}>
      ${LANGS.map(
        (lang) => html`<option value=${lang} lang=${lang} .selected=${lang === getLang()}>${languageNames[lang]}</option>`,
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
  const items = isCoordinator()
    ? [...publicNav, ...coordinatorNav]
    : isEditor()
      ? [...publicNav, ...partnerNav]
      : publicNav;
  return html`
    <a class="skip-link" href="#main" @click=${focusMain}>${t('site.skip')}</a>
    <header class="site-header">
      <div class="wrap header-row">
        <a class="brand" href="/">${t('site.name')}</a>
        <div class="tools">
          ${languageSwitch()}
          <div class="account">${account(path, rerender)}</div>
        </div>
      </div>
      <nav class="wrap site-nav" aria-label=${t('site.nav')}>
        <ul>
          ${items.map((item) => navLink(item, path))}
        </ul>
      </nav>
    </header>
    <main id="main" tabindex="-1" class="wrap">
      <p class="flash" role="status" aria-live="polite">${flash ?? ''}</p>
      <h1 tabindex="-1" lang=${headingLang || nothing}>${heading}</h1>
      ${content}
    </main>
    <footer class="site-footer">
      <div class="wrap"><p>${t('site.footer')}</p></div>
    </footer>
  `;
}
