/**
 * The search page in Chromium over the corpus site (served with the site's own `_headers`, so
 * under its Content-Security-Policy). Expected turns are found in the meeting records by this
 * file, not written down: words and phrases that occur once in the whole archive, misheard
 * terms from content/terminology.yaml.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from 'js-yaml';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Meeting, Turn } from '../../src/lib/schema.ts';
import { formatSearchQuery, parseSearchState } from '../../src/lib/search/results.ts';
import { isStopWord } from '../../src/lib/search/stop-words.ts';
import { compileTerminology, terminologyFileSchema } from '../../src/lib/search/terminology.ts';
import {
  findBrowserSkipReason,
  launchBrowser,
  startStaticServer,
  type StaticServer,
} from '../helpers/browser.ts';
import { repoRoot } from '../helpers/paths.ts';
import { readMeetingRecords, requireBuiltSite } from '../helpers/site.ts';

const skip = findBrowserSkipReason();

interface Hit {
  href: string;
  meta: string;
  excerpt: string;
}

interface Located {
  meeting: Meeting;
  turn: Turn;
}

/** Lowercase words of a text, punctuation stripped: the form the checks below compare. */
function toWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w !== '');
}

describe('search page', { skip }, () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: StaticServer;
  let meetings: Meeting[];
  const turns = new Map<string, Located>();
  const problems: string[] = [];

  before(async () => {
    const dist = requireBuiltSite();
    meetings = readMeetingRecords();
    for (const meeting of meetings) {
      for (const turn of meeting.turns) turns.set(`${meeting.id}#${turn.id}`, { meeting, turn });
    }
    server = await startStaticServer(dist);
    browser = await launchBrowser();
    context = await browser.newContext();
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (!url.href.startsWith(server.url)) problems.push(`request to another host: ${url.href}`);
    });
    context.on('console', (message) => {
      if (message.type() === 'error') {
        problems.push(`console error: ${message.text()} (${message.location().url})`);
      }
    });
    context.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens `/search/<query>` and waits until the results for exactly that search are shown. */
  async function openSearch(query: string, page?: Page): Promise<Page> {
    const target = page ?? (await context.newPage());
    await target.goto(`${server.url}search/${query}`);
    await waitForResults(target, query);
    return target;
  }

  async function waitForResults(page: Page, query: string): Promise<void> {
    const expected = formatSearchQuery(parseSearchState(new URLSearchParams(query))) || '';
    await page.waitForFunction(
      (expected) =>
        document.querySelector('#search-results')?.getAttribute('data-query') === expected,
      expected,
      { timeout: 15_000 },
    );
  }

  function readHits(page: Page): Promise<Hit[]> {
    return page.$$eval('#search-results a.hit-link', (links) =>
      links.map((a) => ({
        href: a.getAttribute('href') ?? '',
        meta: a.querySelector('.hit-meta')?.textContent ?? '',
        excerpt: a.querySelector('.hit-excerpt')?.innerHTML ?? '',
      })),
    );
  }

  /** The meeting and turn a result links to (`/meetings/<id>/?hl=...#<turn>`). */
  function locate(hit: Hit): Located {
    const match = /^\/meetings\/([a-z0-9-]+)\/(?:\?[^#]*)?#([a-z0-9_-]+)$/.exec(hit.href);
    assert.ok(match, `result link ${hit.href} is not a turn permalink`);
    const found = turns.get(`${match[1]}#${match[2]}`);
    assert.ok(found, `result link ${hit.href} names no turn`);
    return found;
  }

  /**
   * Words that occur once in the archive and share no 5-letter start with any other word, so
   * neither Pagefind's stemming ("abilities" finds "ability") nor its prefix matching finds
   * another turn.
   */
  function findUniqueWords(count: number): { word: string; at: Located }[] {
    const seen = new Map<string, { n: number; at: Located }>();
    const prefixes = new Map<string, number>();
    for (const at of turns.values()) {
      // Pagefind also indexes "pre-processing" as "preprocessing".
      for (const word of toWords(at.turn.text).map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))) {
        const entry = seen.get(word);
        seen.set(word, { n: (entry?.n ?? 0) + 1, at });
        if (!entry) prefixes.set(word.slice(0, 5), (prefixes.get(word.slice(0, 5)) ?? 0) + 1);
      }
    }
    const unique = [...seen]
      .filter(([w, e]) => e.n === 1 && /^[a-z]{9,}$/.test(w) && prefixes.get(w.slice(0, 5)) === 1)
      .map(([word, e]) => ({ word, at: e.at }))
      .sort((a, b) => a.word.localeCompare(b.word));
    assert.ok(unique.length >= count, `only ${unique.length} unique words in the corpus`);
    // Spread over the alphabet rather than the first few.
    return Array.from(
      { length: count },
      (_, i) => unique[Math.floor((i * unique.length) / count)]!,
    );
  }

  it('lands a query for a word said once on that turn, marked and in view', async () => {
    for (const { word, at } of findUniqueWords(3)) {
      const page = await openSearch(`?q=${word}`);
      const hits = await readHits(page);
      assert.equal(hits.length, 1, `"${word}": ${hits.length} results`);
      const found = locate(hits[0]!);
      assert.equal(`${found.meeting.id}#${found.turn.id}`, `${at.meeting.id}#${at.turn.id}`);
      const letters = (html: string) => html.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
      const excerptMarks = [...hits[0]!.excerpt.matchAll(/<mark>(.*?)<\/mark>/g)];
      assert.ok(
        excerptMarks.some((m) => letters(m[1] ?? '') === word),
        `"${word}" not marked in ${hits[0]!.excerpt}`,
      );
      await page.click('#search-results a.hit-link');
      await page.waitForURL(`**/meetings/${at.meeting.id}/**`);
      const turn = page.locator(`.turn:has(> [id="${at.turn.id}"])`);
      await turn.locator('mark.search-hit').first().waitFor();
      const marked = await turn.locator('mark.search-hit').allTextContents();
      assert.ok(
        marked.some((m) => letters(m) === word),
        `"${word}" not marked in the turn: ${marked.join(', ')}`,
      );
      const box = await turn.boundingBox();
      const viewport = page.viewportSize();
      assert.ok(box && viewport, 'turn not rendered');
      assert.ok(box.y >= 0 && box.y < viewport.height, `turn at y=${box.y}, not in view`);
      await page.close();
    }
  });

  it('matches a quoted phrase exactly', async () => {
    // Three consecutive words, none a stop word, that occur together once, while each is common.
    const counts = new Map<string, number>();
    const trigrams = new Map<string, { n: number; at: Located }>();
    for (const at of turns.values()) {
      const words = toWords(at.turn.text);
      for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
      for (let i = 0; i + 2 < words.length; i++) {
        const key = words.slice(i, i + 3).join(' ');
        trigrams.set(key, { n: (trigrams.get(key)?.n ?? 0) + 1, at });
      }
    }
    const phrase = [...trigrams]
      .filter(
        ([key, e]) =>
          e.n === 1 &&
          /^[a-z]+ [a-z]+ [a-z]+$/.test(key) &&
          key
            .split(' ')
            .every((w) => !isStopWord(w) && w.length >= 4 && (counts.get(w) ?? 0) >= 30),
      )
      .sort(([a], [b]) => a.localeCompare(b))[0];
    assert.ok(phrase, 'no phrase of common words that occurs once');
    const [text, { at }] = phrase;
    const page = await openSearch(`?${new URLSearchParams({ q: `"${text}"` })}`);
    const hits = await readHits(page);
    assert.equal(hits.length, 1, `"${text}": ${hits.length} results`);
    assert.equal(locate(hits[0]!).turn.id, at.turn.id);
    await openSearch(`?${new URLSearchParams({ q: text })}`, page);
    const loose = await page.locator('#search-status').textContent();
    assert.doesNotMatch(loose ?? '', /^1 result/, 'the words unquoted should match more turns');
    await page.close();
  });

  it('browses a speaker in a year without a query, and every result is theirs', async () => {
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await openSearch('?speaker=chenyu&year=2025', page);
    // A browse reads the browse index and the records' fragments, not Pagefind's library.
    const pagefind = fetched.filter((p) => p.startsWith('/pagefind/'));
    assert.ok(
      pagefind.some((p) => p.startsWith('/pagefind/browse/')),
      pagefind.join(' '),
    );
    assert.deepEqual(
      pagefind.filter((p) => !/^\/pagefind\/(browse\/|fragment\/)/.test(p)),
      [],
      'a browse loaded Pagefind',
    );
    const hits = await readHits(page);
    assert.ok(hits.length >= 8, `only ${hits.length} results`);
    for (const hit of hits) {
      const { meeting, turn } = locate(hit);
      assert.ok(turn.speakers.includes('chenyu'), `${hit.href}: spoken by ${turn.speaker}`);
      assert.equal(meeting.date?.slice(0, 4), '2025', `${hit.href}: not in 2025`);
    }
    assert.equal(await page.locator('#search-more').isVisible(), true, 'no "More results"');
    // In transcript order, newest meeting first, across a "More results" too.
    await page.click('#search-more');
    await page.waitForFunction(
      (n) => document.querySelectorAll('a.hit-link').length > n,
      hits.length,
    );
    const order = (await readHits(page)).map((hit) => {
      const { meeting, turn } = locate(hit);
      return { date: meeting.date ?? '', at: meeting.turns.indexOf(turn), href: hit.href };
    });
    for (const [i, b] of order.entries()) {
      const a = order[i - 1];
      if (!a) continue;
      assert.ok(
        a.date > b.date || (a.date === b.date && a.at < b.at),
        `${a.href} before ${b.href}`,
      );
    }
    // A browse counts turns, not index records: every chenyu turn of 2025, exactly.
    const expected = meetings
      .filter((m) => m.date?.startsWith('2025'))
      .flatMap((m) => m.turns)
      .filter((t) => t.speakers.includes('chenyu')).length;
    assert.equal(
      await page.locator('#search-status').textContent(),
      `${expected.toLocaleString('en')} results.`,
    );
    // So do the filter options: each says how many turns choosing it lists.
    await page.focus('#filter-year');
    await page.waitForFunction(
      () =>
        document.querySelector('#search-form')?.getAttribute('data-counts') ===
        '?speaker=chenyu&year=2025',
    );
    const option = await page.locator('#filter-year option[value="2025"]').textContent();
    assert.equal(option, `2025 (${expected.toLocaleString('en')})`);
    await page.close();
  });

  it('returns only the chosen speaker’s turns for a query', async () => {
    const page = await openSearch('?q=driver&speaker=nimlgen');
    await page.click('#search-more');
    await page.waitForFunction(() => document.querySelectorAll('a.hit-link').length > 8);
    const hits = await readHits(page);
    assert.ok(hits.length > 8, `only ${hits.length} results`);
    for (const hit of hits) {
      const { turn } = locate(hit);
      assert.ok(turn.speakers.includes('nimlgen'), `${hit.href}: spoken by ${turn.speaker}`);
      assert.match(hit.excerpt, /<mark>/, `${hit.href}: nothing marked`);
    }
    await page.close();
  });

  it('restores the query and filters from the URL, and the back button restores them', async () => {
    const page = await openSearch('?q=scheduler&speaker=geohot');
    assert.equal(await page.inputValue('#search-q'), 'scheduler');
    assert.equal(await page.inputValue('#filter-speaker'), 'geohot');
    assert.equal(await page.inputValue('#site-search'), 'scheduler');
    await page.selectOption('#filter-year', '2025');
    await waitForResults(page, '?q=scheduler&speaker=geohot&year=2025');
    assert.equal(new URL(page.url()).search, '?q=scheduler&speaker=geohot&year=2025');
    for (const hit of await readHits(page)) assert.match(hit.meta, /2025/);
    await page.goBack();
    await waitForResults(page, '?q=scheduler&speaker=geohot');
    assert.equal(await page.inputValue('#filter-year'), '');
    assert.equal(new URL(page.url()).search, '?q=scheduler&speaker=geohot');
    // Filter counts, once the reader turns to the filters: for the query and the other filters.
    await page.focus('#filter-year');
    await page.waitForFunction(() =>
      document.querySelector('#search-form')?.hasAttribute('data-counts'),
    );
    const label = await page.locator('#filter-year option[value="2025"]').textContent();
    assert.match(label ?? '', /^2025 \([\d,]+\)$/);
    await page.close();
  });

  it('works from the keyboard: / focuses, arrows move, Enter opens, Escape clears', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}search/`);
    await page.waitForFunction(() => document.documentElement.dataset['search'] === 'ready');
    await page.locator('body').press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-q');
    await page.keyboard.type('tinybox');
    await waitForResults(page, '?q=tinybox');
    const focused = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute('href') ?? document.activeElement?.id,
      );
    const hrefs = (await readHits(page)).map((h) => h.href);
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), hrefs[0]);
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), hrefs[1]);
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), hrefs[0]);
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 'search-q');
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#search-q'), '');
    await waitForResults(page, '');
    assert.equal(await page.locator('a.hit-link').count(), 0);
    await page.keyboard.type('tinybox');
    await waitForResults(page, '?q=tinybox');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/meetings/**');
    assert.equal(
      new URL(page.url()).pathname + new URL(page.url()).search + new URL(page.url()).hash,
      hrefs[0],
    );
    // On any other page, / focuses the header search box.
    await page.locator('body').press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search');
    await page.close();
  });

  it('finds a misheard term under its right spelling', async () => {
    const terminology = terminologyFileSchema.parse(
      load(readFileSync(path.join(repoRoot, 'content/terminology.yaml'), 'utf8')),
    );
    const find = compileTerminology(terminology);
    const misheard = [...turns.values()]
      .map((at) => ({ at, hit: find(at.turn.text).find((h) => h.term === 'Tenstorrent') }))
      .find((x) => x.hit);
    assert.ok(misheard?.hit, 'no misheard Tenstorrent in the corpus');
    const { at, hit } = misheard;
    const page = await openSearch(`?q=tenstorrent&meeting=${at.meeting.id}`);
    const hits = await readHits(page);
    const landed = hits.find((h) => locate(h).turn.id === at.turn.id);
    assert.ok(landed, `turn with "${hit.variant}" not among ${hits.length} results`);
    assert.match(landed.excerpt, /<mark>\[Tenstorrent\]<\/mark>/);
    // The meeting page marks the spelling the transcript actually uses.
    await page.click(`a.hit-link[href="${landed.href}"]`);
    await page.waitForURL('**/meetings/**');
    const marked = await page
      .locator(`.turn:has(> [id="${at.turn.id}"]) mark.search-hit`)
      .allTextContents();
    assert.ok(
      marked.some((m) => hit.variant.toLowerCase().includes(m.toLowerCase())),
      `marked: ${marked}`,
    );
    await page.close();
  });

  it('ranks what is said about a person for their name, and offers their turns as a filter', async () => {
    const page = await openSearch('?q=chenyu');
    const hits = await readHits(page);
    assert.ok(hits.length > 0);
    // The name is not indexed with every turn the person speaks: each result says it.
    for (const hit of hits) assert.match(hit.excerpt, /<mark>[^<]*chenyu[^<]*<\/mark>/i, hit.href);
    const hint = page.locator('#search-speaker-hint a');
    assert.equal(await hint.getAttribute('href'), '/search/?speaker=chenyu');
    await hint.click();
    await waitForResults(page, '?speaker=chenyu');
    assert.equal(await page.inputValue('#filter-speaker'), 'chenyu');
    await page.close();
  });

  it('announces the result count in a live region', async () => {
    const page = await openSearch('?q=scheduler');
    const status = page.locator('#search-status');
    assert.equal(await status.getAttribute('role'), 'status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    // Records hold one or more matching turns: a lower bound until all are shown.
    assert.match((await status.textContent()) ?? '', /^[\d,]+ or more results for “scheduler”\.$/);
    // Once every result is listed, the count is exact.
    const word = findUniqueWords(1)[0]!.word;
    await openSearch(`?${new URLSearchParams({ q: word })}`, page);
    assert.equal((await readHits(page)).length, 1);
    assert.equal(await status.textContent(), `1 result for “${word}”.`);
    await page.close();
  });

  it('says search needs JavaScript, and links to the meetings index, without it', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${server.url}search/?q=scheduler`);
    const message = page.locator('.search-nojs');
    assert.match((await message.textContent()) ?? '', /needs JavaScript/);
    assert.equal(await message.locator('a').getAttribute('href'), '/');
    await noJs.close();
  });

  it('ran with no request to another host, no CSP violation and no console error', () => {
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
