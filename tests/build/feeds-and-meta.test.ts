/**
 * What readers and tools expect of the built site: an RSS feed of meetings linked from every
 * page's head and from the home page, a sitemap listing every page, robots.txt pointing at it,
 * a canonical URL on every page but the 404, and Open Graph / Twitter meta per meeting.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { escapeHtml } from '../../src/lib/format.ts';
import { listPages, readMeetingRecords, readPage, requireBuiltSite } from '../helpers/site.ts';

const dist = requireBuiltSite();
const pages = listPages();
const meetings = readMeetingRecords();
const home = readPage('/');
const site = new URL(home.querySelector('link[rel="canonical"]')!.getAttribute('href')!);
const xml = new XMLParser({ ignoreAttributes: false });

interface FeedItem {
  title?: string;
  link?: string;
  pubDate?: string;
  description?: string;
}

describe('feeds, sitemap, robots, canonical and social meta', () => {
  it('rss.xml lists every meeting with title, date, link and highlights', () => {
    const feed = xml.parse(readFileSync(path.join(dist, 'rss.xml'), 'utf8'));
    assert.equal(feed.rss['@_version'], '2.0');
    const items: FeedItem[] = [feed.rss.channel.item].flat();
    assert.equal(items.length, meetings.length, 'one item per meeting');
    for (const m of meetings) {
      const link = new URL(`/meetings/${m.id}/`, site).href;
      const item = items.find((i) => i.link === link);
      assert.ok(item, `rss.xml: an item for ${m.id} linking ${link}`);
      assert.ok(item.title, `rss.xml: ${m.id} has a title`);
      if (m.date) {
        const pubDate = new Date(item.pubDate ?? '');
        assert.equal(pubDate.toISOString().slice(0, 10), m.date, `rss.xml: ${m.id} pubDate`);
      }
      const first = m.highlights[0];
      if (first) {
        // The description is HTML: the highlight's text appears in it escaped as HTML.
        assert.ok(
          String(item.description).includes(escapeHtml(first.title)),
          `rss.xml: ${m.id} description has its first highlight`,
        );
      }
    }
  });

  it('every page links the feed from <head>; the home page links it for readers', () => {
    for (const page of pages) {
      const alt = readPage(page).querySelector(
        'head link[rel="alternate"][type="application/rss+xml"]',
      );
      assert.equal(
        alt?.getAttribute('href'),
        '/rss.xml',
        `${page}: <link rel="alternate"> to /rss.xml`,
      );
    }
    assert.ok(home.querySelector('main a[href="/rss.xml"]'), 'the home page links the feed');
  });

  it('the sitemap lists every page but the 404, and robots.txt points at it', () => {
    const index = xml.parse(readFileSync(path.join(dist, 'sitemap-index.xml'), 'utf8'));
    const locs: string[] = [];
    for (const entry of [index.sitemapindex.sitemap].flat() as { loc: string }[]) {
      const file = path.join(dist, new URL(entry.loc).pathname);
      const urlset = xml.parse(readFileSync(file, 'utf8')).urlset;
      locs.push(...([urlset.url].flat() as { loc: string }[]).map((u) => u.loc));
    }
    const expected = pages.filter((p) => p !== '/404.html').map((p) => new URL(p, site).href);
    assert.deepEqual([...locs].sort(), [...expected].sort(), 'sitemap = every built page');
    const robots = readFileSync(path.join(dist, 'robots.txt'), 'utf8');
    assert.match(robots, new RegExp(`^Sitemap: ${new URL('/sitemap-index.xml', site).href}$`, 'm'));
  });

  it('every page but the 404 has its own canonical URL; the 404 is noindex', () => {
    for (const page of pages) {
      const head = readPage(page).querySelector('head')!;
      const canonical = head.querySelectorAll('link[rel="canonical"]');
      if (page === '/404.html') {
        assert.equal(canonical.length, 0, '404: no canonical URL');
        assert.equal(head.querySelector('meta[name="robots"]')?.getAttribute('content'), 'noindex');
        continue;
      }
      assert.equal(canonical.length, 1, `${page}: one canonical link`);
      assert.equal(
        canonical[0]!.getAttribute('href'),
        new URL(page, site).href,
        `${page}: canonical URL`,
      );
    }
  });

  it('every meeting page has Open Graph and Twitter card meta: title, date, first highlights', () => {
    for (const m of meetings) {
      const head = readPage(`/meetings/${m.id}/`).querySelector('head')!;
      const meta = (attr: string, name: string) =>
        head.querySelector(`meta[${attr}="${name}"]`)?.getAttribute('content');
      const where = `/meetings/${m.id}/`;
      assert.equal(meta('property', 'og:type'), 'article', `${where}: og:type`);
      assert.ok(meta('property', 'og:title'), `${where}: og:title`);
      assert.equal(meta('property', 'og:url'), new URL(where, site).href, `${where}: og:url`);
      assert.equal(meta('name', 'twitter:card'), 'summary', `${where}: twitter:card`);
      assert.equal(
        meta('name', 'twitter:title'),
        meta('property', 'og:title'),
        `${where}: twitter:title`,
      );
      if (m.date)
        assert.equal(meta('property', 'article:published_time'), m.date, `${where}: date`);
      const description = meta('property', 'og:description') ?? '';
      assert.equal(
        meta('name', 'twitter:description'),
        description,
        `${where}: twitter:description`,
      );
      if (m.highlights[0]) {
        assert.ok(
          description.includes(m.highlights[0].title),
          `${where}: og:description has the first highlight`,
        );
      }
    }
  });
});
