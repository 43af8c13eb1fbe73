/**
 * The judged set: queries with what must come first, queries that must find nothing, known
 * mis-hearings and misspellings, each scored in a real browser on a built site. Written from the
 * shared corpus: the exact-word queries are words said in a few turns whose stem is said in
 * hundreds ("schedulers" beside "schedule", "scheduling"). The score of a query is the reciprocal
 * rank of its first relevant result (1 for a right "nothing" or "did you mean"); the set's score
 * is their mean (MRR). Used by tests/browser/relevance.test.ts and `npm run bench`.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { wordsOf } from '../../src/lib/search/contract.ts';
import type { Meeting } from '../../src/lib/schema.ts';

export type JudgedCase =
  /** The turns saying the word exactly must come first. */
  | { kind: 'exact'; q: string }
  /** Nobody said it: no result, whatever Pagefind's prefix fallback would find. */
  | { kind: 'nothing'; q: string }
  /** A known mis-hearing: the turns of the right term, with a note. */
  | { kind: 'misheard'; q: string; term: string }
  /** A misspelling: nothing, and "did you mean" the right word. */
  | { kind: 'suggest'; q: string; suggestion: string };

export const judgedSet: readonly JudgedCase[] = [
  { kind: 'exact', q: 'kernelizing' },
  { kind: 'exact', q: 'bufferized' },
  { kind: 'exact', q: 'schedulers' },
  { kind: 'exact', q: 'rewriter' },
  { kind: 'exact', q: 'schedulizer' },
  { kind: 'exact', q: 'optimizers' },
  { kind: 'exact', q: 'functionalities' },
  { kind: 'exact', q: 'reductions' },
  { kind: 'exact', q: 'updater' },
  // Said in more records than the vocabulary lists in full (12) from 4x on: maintainers in 16 at
  // 4x and 44 at 11x, maintainable in 22 at 11x.
  { kind: 'exact', q: 'maintainers' },
  { kind: 'exact', q: 'maintainable' },
  { kind: 'nothing', q: 'kenneth' },
  { kind: 'nothing', q: 'zzqx' },
  { kind: 'nothing', q: 'flurbo' },
  { kind: 'nothing', q: 'qwertyuiop' },
  { kind: 'misheard', q: 'ken stewart', term: 'Tenstorrent' },
  { kind: 'misheard', q: 'tens torrent', term: 'Tenstorrent' },
  { kind: 'misheard', q: 'tiny grad', term: 'tinygrad' },
  { kind: 'suggest', q: 'schedular', suggestion: 'scheduler' },
  { kind: 'suggest', q: 'kernal', suggestion: 'kernel' },
];

export interface JudgedResult {
  case: JudgedCase;
  /** Reciprocal rank of the first relevant result, or 1/0 for nothing and suggestions. */
  score: number;
  /** How many results must come first (exact: the turns saying the word, at most 3). */
  mustLead: number;
  /** Of those leading places, how many hold a relevant turn. */
  leading: number;
  detail: string;
}

interface Shown {
  status: string;
  note: string;
  suggestion: string;
  hits: { href: string; excerpt: string }[];
}

async function readPage(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const note = document.querySelector<HTMLElement>('#search-note');
    return {
      status: document.querySelector('#search-status')?.textContent ?? '',
      note: note && !note.hidden ? (note.textContent ?? '') : '',
      suggestion: note && !note.hidden ? (note.querySelector('a')?.textContent ?? '') : '',
      hits: [...document.querySelectorAll('#search-results a.hit-link')].map((a) => ({
        href: a.getAttribute('href') ?? '',
        excerpt: a.querySelector('.hit-excerpt')?.textContent ?? '',
      })),
    };
  });
}

/** Runs every case on the site at `origin` and scores it against the meeting records. */
export async function runJudgedSet(
  context: BrowserContext,
  origin: string,
  meetings: readonly Meeting[],
): Promise<{ results: JudgedResult[]; mrr: number }> {
  const text = new Map(meetings.flatMap((m) => m.turns.map((t) => [`${m.id}#${t.id}`, t.text])));
  const turnOf = (href: string) => {
    const match = /^\/meetings\/([a-z0-9-]+)\/(?:\?[^#]*)?#(.+)$/.exec(href);
    return match ? (text.get(`${match[1]}#${match[2]}`) ?? '') : '';
  };
  const results: JudgedResult[] = [];
  for (const c of judgedSet) {
    const page = await context.newPage();
    const query = `?${new URLSearchParams({ q: c.q })}`;
    await page.goto(`${origin}search/${query}`);
    await page.waitForFunction(
      (q) => document.querySelector('#search-results')?.getAttribute('data-query') === q,
      query,
      { timeout: 15_000 },
    );
    const shown = await readPage(page);
    await page.close();
    results.push(scoreCase(c, shown, turnOf, meetings));
  }
  const mrr = results.reduce((n, r) => n + r.score, 0) / results.length;
  return { results, mrr };
}

function scoreCase(
  c: JudgedCase,
  shown: Shown,
  turnOf: (href: string) => string,
  meetings: readonly Meeting[],
): JudgedResult {
  const nothing = shown.hits.length === 0 && shown.status.startsWith('No results');
  if (c.kind === 'nothing' || c.kind === 'suggest') {
    const right = nothing && (c.kind === 'nothing' || shown.suggestion === c.suggestion);
    const detail = `${shown.status} ${shown.note}`.trim();
    return { case: c, score: right ? 1 : 0, mustLead: 0, leading: 0, detail };
  }
  const relevant =
    c.kind === 'exact'
      ? (href: string) => wordsOf(turnOf(href)).includes(c.q)
      : (href: string) => wordsOf(turnOf(href)).join(' ').includes(wordsOf(c.term).join(' '));
  const rank = shown.hits.findIndex((h) => relevant(h.href)) + 1;
  const saying = meetings
    .flatMap((m) => m.turns)
    .filter((t) => {
      const words = wordsOf(t.text);
      return c.kind === 'exact' ? words.includes(c.q) : words.join(' ').includes(c.q);
    }).length;
  const mustLead = c.kind === 'exact' ? Math.min(saying, 3) : 1;
  const leading = shown.hits.slice(0, mustLead).filter((h) => relevant(h.href)).length;
  const noted = c.kind === 'misheard' ? shown.note.includes(c.term) : true;
  return {
    case: c,
    score: rank > 0 && noted ? 1 / rank : 0,
    mustLead,
    leading,
    detail: `${shown.status} first relevant at ${rank || 'none'}${noted ? '' : ', no note'}`,
  };
}
