import { en } from './i18n/en';

/** What a public page's first HTML says before any script runs (the build writes one file per page). */
export interface PageHead {
  path: string;
  /** The built file that carries this head (index.html stays the neutral start of every other page). */
  file: string;
  title: string;
  description: string;
}

const site = en['site.name'];

/**
 * The public pages without a record. Each gets its own copy of index.html with its title, description and heading,
 * so a search engine or a slow phone sees the page, not an empty shell. Record pages (a practice, a partner) get
 * theirs from the function app, which reads the record. English, the default language of the first visit.
 */
export const pageHeads: readonly PageHead[] = [
  { path: '/', file: 'home.html', title: en['home.title'], description: en['home.lead'] },
  { path: '/partners', file: 'partners.html', title: en['partners.title'], description: en['partners.intro'] },
  { path: '/practices', file: 'practices.html', title: en['catalogue.title'], description: en['catalogue.intro'] },
  { path: '/materials', file: 'materials.html', title: en['materials.title'], description: en['materials.intro'] },
  { path: '/essays', file: 'essays.html', title: en['essaysPage.title'], description: en['essaysPage.intro'] },
  { path: '/twinnings', file: 'twinnings.html', title: en['twin.list.title'], description: en['twin.list.intro'] },
  { path: '/privacy', file: 'privacy.html', title: en['privacy.title'], description: en['privacy.intro'] },
];

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]);
}

/** index.html with a page's title, description and heading: the same three places the function app fills for a record's page. */
export function withHead(shell: string, head: PageHead): string {
  const description = escapeHtml(head.description.replace(/\s+/g, ' ').trim());
  return (
    shell
      .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(`${head.title} · ${site}`)}</title>`)
      .replace(/<meta name="description" content="[^"]*">/, `<meta name="description" content="${description}">`)
      // The page's lead paragraph is its description: on first paint it is the largest text, as it is once the app runs.
      .replace(/<h1(?: [^>]*)?>[^<]*<\/h1>/, `<h1>${escapeHtml(head.title)}</h1>\n        <p class="lead">${description}</p>`)
  );
}
