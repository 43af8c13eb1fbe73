/**
 * Every link in the built corpus site resolves: internal paths to a file in dist, `#fragments`
 * (in-page and cross-page) to an element id on the target page; external links are https and go
 * only to the hosts in src/lib/site/link-policy.ts and archive.yaml's linkHosts. Failures name the page, the element and the href.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'node-html-parser';
import { loadArchive } from '../../src/lib/archive-config.ts';
import { checkExternalLink } from '../../src/lib/site/link-policy.ts';
import { repoRoot } from '../helpers/paths.ts';
import { fileForUrl, listPages, requireBuiltSite } from '../helpers/site.ts';

const { linkHosts } = loadArchive(repoRoot);

const dist = requireBuiltSite();
const site = new URL(
  /<link rel="canonical" href="([^"]+)"/.exec(readFileSync(`${dist}/index.html`, 'utf8'))?.[1] ??
    'https://invalid.example/',
);

interface Link {
  page: string;
  element: string;
  href: string;
}

/** Ids on each page and every link-like attribute, read once (pages are parsed one at a time). */
const idsByPage = new Map<string, Set<string>>();
const links: Link[] = [];
for (const page of listPages()) {
  const root = parse(readFileSync(fileForUrl(page)!, 'utf8'));
  idsByPage.set(page, new Set(root.querySelectorAll('[id]').map((e) => e.id)));
  for (const el of root.querySelectorAll(
    'a[href], link[href], script[src], img[src], form[action]',
  )) {
    const href = el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action')!;
    const text = el.textContent.trim().slice(0, 40);
    links.push({ page, element: `<${el.rawTagName}>${text ? ` "${text}"` : ''}`, href });
  }
}

/** The page path (as listPages gives it) that serves an internal URL path, if any. */
function pageFor(pathname: string): string | undefined {
  if (idsByPage.has(pathname)) return pathname;
  if (fileForUrl(pathname)) return pathname; // a non-HTML file (feed, CSS, script)
  return undefined;
}

describe('links in the built site', () => {
  it('reads the pages and their links', () => {
    assert.ok(idsByPage.size > 100, `over 100 pages (got ${idsByPage.size})`);
    console.log(`links: ${links.length.toLocaleString('en')} links on ${idsByPage.size} pages`);
  });

  it('every internal link and fragment resolves, in-page and across pages', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const { page, element, href } of links) {
      const url = new URL(href, new URL(page, site));
      if (url.origin !== site.origin) continue;
      checked++;
      const target = pageFor(decodeURIComponent(url.pathname));
      if (!target) {
        broken.push(`${page}: ${element} href="${href}": no page at ${url.pathname}`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && !idsByPage.get(target)?.has(fragment)) {
        broken.push(
          `${page}: ${element} href="${href}": no element with id "${fragment}" on ${target}`,
        );
      }
    }
    console.log(`links: ${checked.toLocaleString('en')} internal links checked`);
    assert.deepEqual(broken.slice(0, 50), [], `${broken.length} broken internal link(s)`);
  });

  it('external links are https and go only to allowed hosts', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const { page, element, href } of links) {
      if (/^(mailto|tel|javascript|data|vbscript):/i.test(href.trim())) {
        bad.push(`${page}: ${element} href="${href}": scheme not allowed`);
        continue;
      }
      const url = new URL(href, new URL(page, site));
      if (url.origin === site.origin) continue;
      checked++;
      const why = checkExternalLink(url.href, linkHosts);
      if (why) bad.push(`${page}: ${element} href="${href}": ${why}`);
    }
    console.log(`links: ${checked.toLocaleString('en')} external links checked`);
    assert.deepEqual(bad.slice(0, 50), [], `${bad.length} external link(s) not allowed`);
  });
});
