import type { TemplateResult } from 'lit-html';
import type { MessageKey } from './i18n';

export interface PageContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /**
   * The heading the server's first HTML gave this page (a practice's name), while the page loads its record;
   * only on the first page of a visit.
   */
  firstHeading?: string;
  firstHeadingLang?: string;
  /** Re-render the page (ignored once the visitor has navigated away). */
  update(): void;
}

export interface Page {
  /** Text of the page's <h1>; also used for document.title. */
  title(): string;
  view(): TemplateResult;
  /** Language of the <h1> text when it is content rather than interface (a practice's name). */
  titleLang?(): string | undefined;
  dispose?(): void;
}

export type PageFactory = (ctx: PageContext) => Page;

/** Fetches a page's module: each page is its own chunk, loaded when it is first visited. */
export type PageLoader = () => Promise<PageFactory>;

interface Route {
  segments: string[];
  load: PageLoader;
}

const routes: Route[] = [];
let notFound: PageLoader | null = null;

export function addRoute(pattern: string, load: PageLoader): void {
  routes.push({ segments: split(pattern), load });
}

export function setNotFound(load: PageLoader): void {
  notFound = load;
}

function split(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export function match(pathname: string): { load: PageLoader; params: Record<string, string> } {
  const parts = split(pathname);
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      const seg = route.segments[i];
      if (seg.startsWith(':')) {
        try {
          params[seg.slice(1)] = decodeURIComponent(parts[i]);
        } catch {
          ok = false;
          break;
        }
      } else if (seg !== parts[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return { load: route.load, params };
  }
  if (!notFound) throw new Error('no not-found page registered');
  return { load: notFound, params: {} };
}

export interface NavigateOptions {
  replace?: boolean;
  /** A one-off message shown in the page's status region after navigating. */
  flash?: MessageKey;
  /**
   * Only the query changed by the visitor's own action (a filter, a sort order):
   * keep the scroll position and the focus where they are.
   */
  keepFocus?: boolean;
}

type NavigateHandler = (url: URL, focus: boolean, flash: MessageKey | null) => void;
let handler: NavigateHandler = () => {};
let currentKey = '';

function keyOf(url: URL): string {
  return url.pathname + url.search;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  const url = new URL(to, location.href);
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  currentKey = keyOf(url);
  if (!options.keepFocus) window.scrollTo(0, 0);
  handler(url, !options.keepFocus, options.flash ?? null);
}

/** Start routing: render the current URL, then handle link clicks and back/forward. */
export function startRouter(onNavigate: NavigateHandler): void {
  handler = onNavigate;

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || !anchor.hasAttribute('href')) return;
    if (anchor.hasAttribute('download')) return;
    const target = anchor.getAttribute('target');
    if (target && target !== '_self') return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin) return;
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
    // Same page, only the fragment differs: let the browser scroll.
    if (keyOf(url) === currentKey && url.hash) return;
    event.preventDefault();
    if (keyOf(url) === currentKey && !url.hash) {
      // Re-clicking the current page: just move focus to its heading.
      handler(url, true, null);
      return;
    }
    navigate(url.href);
  });

  window.addEventListener('popstate', () => {
    const url = new URL(location.href);
    if (keyOf(url) === currentKey) return; // fragment-only change
    currentKey = keyOf(url);
    handler(url, true, null);
  });

  const url = new URL(location.href);
  // Normalise trailing slashes so /partners/ and /partners are the same page.
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
    url.pathname = url.pathname.replace(/\/+$/, '') || '/';
    history.replaceState(null, '', url);
  }
  currentKey = keyOf(url);
  handler(url, false, null);
}
