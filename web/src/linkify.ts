export type Segment = { kind: 'text'; text: string } | { kind: 'url'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"»”’]$/;

function trimTrailing(candidate: string): string {
  let url = candidate;
  for (;;) {
    if (TRAILING.test(url)) {
      url = url.slice(0, -1);
      continue;
    }
    // Drop a closing bracket that has no opening partner inside the URL,
    // e.g. "(see https://example.org/page)".
    const last = url.slice(-1);
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    if (last in pairs) {
      const open = url.split(pairs[last]).length - 1;
      const close = url.split(last).length - 1;
      if (close > open) {
        url = url.slice(0, -1);
        continue;
      }
    }
    return url;
  }
}

function httpHref(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Split plain text into text and http(s) URL segments, for rendering links without innerHTML. */
export function splitLinks(text: string): Segment[] {
  const segments: Segment[] = [];
  let index = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const last = segments[segments.length - 1];
    if (last?.kind === 'text') last.text += value;
    else segments.push({ kind: 'text', text: value });
  };
  for (const found of text.matchAll(URL_PATTERN)) {
    const start = found.index ?? 0;
    const url = trimTrailing(found[0]);
    const href = httpHref(url);
    pushText(text.slice(index, start));
    if (href) segments.push({ kind: 'url', text: url, href });
    else pushText(url);
    index = start + url.length;
  }
  pushText(text.slice(index));
  return segments;
}
