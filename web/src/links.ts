/** Addresses of the public pages other pages link to, kept apart from the pages so a link does not load the page's code. */
export function partnerHref(id: string): string {
  return `/partners/${encodeURIComponent(id)}`;
}
