/** Pure helpers for the files readers' tools expect: robots.txt and the feed's item texts. */
import { escapeHtml } from '../format.ts';

/** robots.txt: everything may be crawled; the sitemap index (@astrojs/sitemap) is on `site`. */
export function renderRobots(site: URL): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${new URL('/sitemap-index.xml', site).href}\n`;
}

// Characters XML 1.0 forbids; a transcript could carry them, and one would break the feed.
const xmlForbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * A feed item's description: its highlights as an HTML list, each escaped as HTML (the feed
 * library escapes the whole as XML), so transcript text shows as literal text in a feed reader.
 */
export function renderFeedDescription(highlights: readonly string[]): string {
  if (highlights.length === 0) return '';
  const items = highlights.map((h) => `<li>${escapeHtml(h.replace(xmlForbidden, ''))}</li>`);
  return `<ul>${items.join('')}</ul>`;
}
