/** Unit tests of the feed description, robots.txt and the Content-Security-Policy. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildHeaderPolicy,
  buildMetaPolicy,
  renderHeadersFile,
} from '../../../src/lib/site/csp.ts';
import { checkExternalLink } from '../../../src/lib/site/link-policy.ts';
import { renderFeedDescription, renderRobots } from '../../../src/lib/site/feed-and-robots.ts';

const site = new URL('https://meetings.example/');

test('a feed description shows hostile highlight text as literal text, never as markup', () => {
  const html = renderFeedDescription(['a <img src=x onerror=alert(1)> & "b"', 'ctrl\u0001char']);
  assert.equal(
    html,
    '<ul><li>a &lt;img src=x onerror=alert(1)&gt; &amp; &quot;b&quot;</li><li>ctrlchar</li></ul>',
  );
  assert.equal(renderFeedDescription([]), '');
});

test('robots.txt allows everything and points at the sitemap index', () => {
  assert.match(renderRobots(site), /^Sitemap: https:\/\/meetings\.example\/sitemap-index\.xml$/m);
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
  assert.match(checkExternalLink('https://stats.example/')!, /not in allowedLinkHosts/);
  assert.equal(checkExternalLink('https://stats.example/', ['stats.example']), undefined);
});
