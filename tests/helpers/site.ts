/** Reading the corpus site that tests/prepare.ts built: pages as parsed HTML, meetings as records. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { parse, type HTMLElement } from 'node-html-parser';
import { readFrontmatterYaml } from '../../src/lib/frontmatter.ts';
import type { Meeting } from '../../src/lib/schema.ts';
import { corpusSite } from './paths.ts';

/** Fails loudly when the corpus site has not been built (run through `npm test`). */
export function requireBuiltSite(): string {
  if (!existsSync(path.join(corpusSite.dist, 'index.html'))) {
    throw new Error(
      `No built corpus site in ${corpusSite.dist}: run the tests with \`npm test\` (it runs tests/prepare.ts first).`,
    );
  }
  return corpusSite.dist;
}

/** Every HTML file of the built site, as URL paths (`/meetings/2025-04-14/`, `/404.html`). */
export function listPages(): string[] {
  const dist = requireBuiltSite();
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'pagefind' && entry.name !== '_astro') walk(full);
      } else if (entry.name.endsWith('.html')) {
        const rel = '/' + path.relative(dist, full).split(path.sep).join('/');
        pages.push(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(dist);
  return pages.sort();
}

/** The file in dist that serves a URL path, or undefined when none does. */
export function fileForUrl(urlPath: string): string | undefined {
  const dist = requireBuiltSite();
  const clean = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  const candidates = clean.endsWith('/')
    ? [path.join(dist, clean, 'index.html')]
    : [path.join(dist, clean), path.join(dist, clean, 'index.html')];
  return candidates.find((f) => existsSync(f) && !f.endsWith(path.sep));
}

const pageCache = new Map<string, HTMLElement>();

/** The parsed HTML of a page of the built site. */
export function readPage(urlPath: string): HTMLElement {
  let page = pageCache.get(urlPath);
  if (!page) {
    const file = fileForUrl(urlPath);
    if (!file) throw new Error(`no page at ${urlPath}`);
    page = parse(readFileSync(file, 'utf8'));
    pageCache.set(urlPath, page);
  }
  return page;
}

/**
 * The turns of a built meeting page, in order: each `.turn` element of the transcript and its
 * id, which is its heading's (src/lib/site/transcript-html.ts).
 */
export function pageTurns(page: HTMLElement): { id: string | undefined; el: HTMLElement }[] {
  return page
    .querySelectorAll('section.transcript .turn')
    .map((el) => ({ id: el.querySelector('[id]')?.getAttribute('id'), el }));
}

/**
 * The meeting records in `dir` (default: those the corpus site was built from), parsed the way
 * Astro parses frontmatter.
 */
export function readMeetingRecords(dir?: string): Meeting[] {
  if (dir === undefined) requireBuiltSite();
  const from = dir ?? corpusSite.mdx;
  return readdirSync(from)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(from, f), 'utf8');
      const yaml = readFrontmatterYaml(text);
      if (yaml === undefined) throw new Error(`${f}: no frontmatter`);
      return load(yaml) as Meeting;
    });
}
