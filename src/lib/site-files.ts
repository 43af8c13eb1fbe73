/** Pure renderers of the files readers' tools expect: sitemap.xml, robots.txt, the RSS feed. */

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * A sitemap of `paths` (as Astro reports built pages: `/`, `/meetings/2025-04-14/`), sorted and
 * deduplicated, without the 404 page, as absolute URLs on `site`.
 */
export function renderSitemap(site: URL, paths: readonly string[]): string {
  const urls = [...new Set(paths.map((p) => p.replace(/\/+/g, '/')))]
    .filter((p) => !/^\/404(\.html|\/)?$/.test(p))
    .sort()
    .map((p) => `  <url><loc>${escapeXml(new URL(p, site).href)}</loc></url>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

/** robots.txt: everything may be crawled; the sitemap is at `/sitemap.xml` on `site`. */
export function renderRobots(site: URL): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${new URL('/sitemap.xml', site).href}\n`;
}

/** One entry of the meetings feed. */
export interface FeedItem {
  title: string;
  /** Absolute URL of the meeting page. */
  link: string;
  /** `YYYY-MM-DD`, or undefined for an undated meeting. */
  date?: string | undefined;
  /** Highlight titles (and summaries), shown as the item's description. */
  highlights: readonly string[];
}

/** Feed metadata. */
export interface FeedChannel {
  title: string;
  description: string;
  /** Absolute URL of the site's home page. */
  link: string;
  /** Absolute URL of the feed itself. */
  self: string;
}

const rfc822 = (date: string): string => new Date(`${date}T00:00:00Z`).toUTCString();

/** Highlights as an HTML list, each one escaped: feed readers render descriptions as HTML. */
function renderHighlightList(highlights: readonly string[]): string {
  if (highlights.length === 0) return '';
  return `<ul>${highlights.map((h) => `<li>${escapeXml(h)}</li>`).join('')}</ul>`;
}

/**
 * An RSS 2.0 feed. Each item's description is an HTML list of its highlights, escaped twice
 * (as HTML, then as XML), so transcript text shows as literal text in a feed reader and never as
 * markup. Same input, byte-identical output.
 */
export function renderRssFeed(channel: FeedChannel, items: readonly FeedItem[]): string {
  const latest = items.find((i) => i.date)?.date;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(channel.title)}</title>`,
    `<link>${escapeXml(channel.link)}</link>`,
    `<description>${escapeXml(channel.description)}</description>`,
    '<language>en</language>',
    `<atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml"/>`,
    ...(latest ? [`<lastBuildDate>${rfc822(latest)}</lastBuildDate>`] : []),
  ];
  for (const item of items) {
    lines.push(
      '<item>',
      `<title>${escapeXml(item.title)}</title>`,
      `<link>${escapeXml(item.link)}</link>`,
      `<guid isPermaLink="true">${escapeXml(item.link)}</guid>`,
      ...(item.date ? [`<pubDate>${rfc822(item.date)}</pubDate>`] : []),
      `<description>${escapeXml(renderHighlightList(item.highlights))}</description>`,
      '</item>',
    );
  }
  lines.push('</channel>', '</rss>', '');
  return lines.join('\n');
}
