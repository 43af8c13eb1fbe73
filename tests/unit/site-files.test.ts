/** Unit tests of the feed, sitemap and robots renderers and of the Content-Security-Policy. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildHeaderPolicy, buildMetaPolicy, renderHeadersFile } from '../../src/lib/csp.ts';
import { checkExternalLink } from '../../src/lib/link-policy.ts';
import { renderRobots, renderRssFeed, renderSitemap } from '../../src/lib/site-files.ts';

const site = new URL('https://meetings.example/');

test('the feed shows hostile highlight text as literal text, never as markup', () => {
  const xml = renderRssFeed(
    { title: 'T & co', description: 'd', link: site.href, self: `${site.href}rss.xml` },
    [
      {
        title: '<script>alert(1)</script>',
        link: `${site.href}meetings/2025-04-14/`,
        date: '2025-04-14',
        highlights: ['a <img src=x onerror=alert(1)> & "b"', 'ctrl\u0001char'],
      },
    ],
  );
  assert.ok(xml.includes('<title>T &amp; co</title>'));
  assert.ok(xml.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>'));
  // HTML-escaped inside the list, then XML-escaped: a reader decodes once and sees text.
  assert.ok(
    xml.includes(
      '&lt;li&gt;a &amp;lt;img src=x onerror=alert(1)&amp;gt; &amp;amp; &amp;quot;b&amp;quot;&lt;/li&gt;',
    ),
  );
  assert.ok(!xml.includes('\u0001'), 'control characters XML forbids are dropped');
  assert.ok(xml.includes('<pubDate>Mon, 14 Apr 2025 00:00:00 GMT</pubDate>'));
});

test('an undated meeting has no pubDate; the same input gives the same bytes', () => {
  const channel = { title: 't', description: 'd', link: site.href, self: `${site.href}rss.xml` };
  const items = [{ title: 'x', link: `${site.href}meetings/x/`, highlights: [] }];
  const xml = renderRssFeed(channel, items);
  assert.ok(!xml.includes('pubDate'));
  assert.equal(renderRssFeed(channel, items), xml);
});

test('the sitemap lists pages once, sorted, absolute, without the 404', () => {
  const xml = renderSitemap(site, ['/b/', '/', '/b/', '/404.html', '/a/']);
  assert.deepEqual(
    [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]),
    ['https://meetings.example/', 'https://meetings.example/a/', 'https://meetings.example/b/'],
  );
  assert.match(renderRobots(site), /^Sitemap: https:\/\/meetings\.example\/sitemap\.xml$/m);
});

test('the policy allows Pagefind and nothing inline; _headers carries it with frame-ancestors', () => {
  const meta = buildMetaPolicy();
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.ok(!meta.includes('unsafe-inline') && !meta.includes("'unsafe-eval'"));
  assert.ok(!meta.includes('frame-ancestors'), 'browsers ignore frame-ancestors in a meta tag');
  assert.ok(buildHeaderPolicy().includes("frame-ancestors 'none'"));
  assert.ok(renderHeadersFile().includes(`  Content-Security-Policy: ${buildHeaderPolicy()}\n`));
});

test('external links: https to allowed hosts only', () => {
  assert.equal(checkExternalLink('https://www.youtube.com/watch?v=x&t=1'), undefined);
  assert.equal(checkExternalLink('https://github.com/tinygrad/tinygrad'), undefined);
  assert.match(checkExternalLink('http://github.com/')!, /scheme http:/);
  assert.match(checkExternalLink('https://evil.example/')!, /host evil\.example/);
  assert.match(checkExternalLink('https://github.com.evil.example/')!, /not in allowedLinkHosts/);
});
