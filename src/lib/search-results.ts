/**
 * Browser-side search logic that needs no DOM: the URL state of the search page, and turning a
 * Pagefind result (a group of turns, see search-records.ts) back into turns with excerpts.
 * Pure, so it is unit-tested in Node; src/scripts/search-page.ts wires it to the page.
 */
import { escapeHtml } from './format.ts';

/** The filters the search page offers, in the order of the URL and the form. */
export const filterNames = ['speaker', 'topic', 'year', 'meeting'] as const;
export type FilterName = (typeof filterNames)[number];

/**
 * The filter that counts turns for filter `name`: each record carries `<value>:<turns>` for each
 * of its `name` values. Pagefind counts records, and a record holds up to 24 turns, so its counts
 * per `<value>:<turns>` are what gives the turns a filter-only browse shows per value. Not offered
 * to readers; a search names it with `countEverything` to have it counted.
 */
export function turnCountFilter(name: FilterName): string {
  return `${name}-turns`;
}

/** A filter clause that excludes nothing (no record has an empty value), so only counts. */
export const countEverything = { none: [''] } as const;

/** Turns per filter value, from Pagefind's record counts of a `turnCountFilter`. */
export function countTurns(
  recordCounts: Readonly<Record<string, number>> | undefined,
): Record<string, number> {
  const turns: Record<string, number> = {};
  for (const [key, records] of Object.entries(recordCounts ?? {})) {
    const at = key.lastIndexOf(':');
    const size = Number(key.slice(at + 1));
    if (at === -1 || !Number.isInteger(size) || size < 1) continue;
    const value = key.slice(0, at);
    turns[value] = (turns[value] ?? 0) + size * records;
  }
  return turns;
}

/**
 * What the live region says of a search's results: `count` turns, or with `atLeast`, a lower
 * bound (a query's count of records, each holding one or more matching turns, until every
 * record is rendered).
 */
export function describeResults(
  count: number,
  { q, atLeast = false }: { q: string; atLeast?: boolean },
): string {
  const what = q.trim() ? ` for “${q.trim()}”` : '';
  if (count === 0) return `No results${what}.`;
  const noun = count === 1 && !atLeast ? 'result' : 'results';
  return `${count.toLocaleString('en')}${atLeast ? ' or more' : ''} ${noun}${what}.`;
}

/** Everything a search is: the query and one optional value per filter. */
export interface SearchState {
  q: string;
  filters: Partial<Record<FilterName, string>>;
}

/** Reads `?q=&speaker=&topic=&year=&meeting=`; empty values mean "not set". */
export function parseSearchState(params: URLSearchParams): SearchState {
  const filters: SearchState['filters'] = {};
  for (const name of filterNames) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return { q: params.get('q') ?? '', filters };
}

/** The query string for a state (`?q=...&speaker=...`), or '' for an empty search. */
export function formatSearchQuery(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q);
  for (const name of filterNames) {
    const value = state.filters[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether two states search the same thing. */
export function isSameSearch(a: SearchState, b: SearchState): boolean {
  return formatSearchQuery(a) === formatSearchQuery(b);
}

/** The part of a Pagefind fragment (`result.data()`) this module reads. */
export interface FragmentData {
  url: string;
  raw_content?: string;
  content: string;
  meta: Record<string, string>;
  anchors: { id: string; location: number }[];
  locations: number[];
}

/** One turn of a result, ready to render. */
export interface TurnHit {
  /** The turn's anchor id. */
  id: string;
  /** Meeting page URL without the anchor, e.g. `/meetings/2025-04-14/`. */
  page: string;
  /** Seconds from the start of the recording, when the record carries them. */
  t: number | undefined;
  /** Position of the turn in its meeting's transcript, when the record carries it. */
  at: number | undefined;
  /** Excerpt HTML: escaped text with the matched words in `<mark>`. */
  excerpt: string;
  /** The matched words as written (for marking them on the meeting page). */
  matched: string[];
}

/** Splits a fragment's text into words the way Pagefind counts word locations. */
function splitWords(content: string): string[] {
  return content.split(/\s+/).filter((w) => w !== '');
}

const edgePunctuation = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const toWordKey = (word: string) => word.replace(edgePunctuation, '').toLowerCase();

/**
 * The turns of one result (a record of several turns, see search-records.ts). With a query, the
 * turns holding a match, in transcript order; with `all` (a filter-only browse), every turn.
 * Pagefind's match locations count words of the indexed text (stop words left out); the words
 * found there are marked wherever they occur in the turn's full text (meta `t<i>`). Excerpts are
 * at most `excerptWords` words, starting a little before the first marked word.
 */
export function splitResultIntoTurns(
  data: FragmentData,
  { all = false, excerptWords = 36 }: { all?: boolean; excerptWords?: number } = {},
): TurnHit[] {
  const indexed = splitWords(data.raw_content ?? data.content);
  const times = (data.meta['times'] ?? '').split(' ').map(Number);
  const positions = (data.meta['at'] ?? '').split(' ').map(Number);
  const aka = data.meta['aka'] ? data.meta['aka'].split('|') : [];
  const page = data.url.split('#')[0] ?? data.url;
  const anchors = [...data.anchors].sort((a, b) => a.location - b.location);
  const hits: TurnHit[] = [];
  anchors.forEach((anchor, i) => {
    const start = anchor.location;
    const end = anchors[i + 1]?.location ?? indexed.length;
    const matchedAt = data.locations.filter((l) => l >= start && l < end);
    if (matchedAt.length === 0 && !all) return;
    const keys = new Set(matchedAt.map((l) => toWordKey(indexed[l] ?? '')).filter(Boolean));
    const words = splitWords(data.meta[`t${i}`] ?? indexed.slice(start, end).join(' '));
    const first = Math.max(
      0,
      words.findIndex((w) => keys.has(toWordKey(w))),
    );
    const from = Math.max(0, Math.min(first - 8, words.length - excerptWords));
    const to = Math.min(words.length, from + excerptWords);
    const parts: string[] = [];
    const matched = new Set<string>();
    for (let w = from; w < to; w++) {
      const word = words[w] ?? '';
      const html = escapeHtml(word);
      if (!keys.has(toWordKey(word))) {
        parts.push(html);
        continue;
      }
      parts.push(`<mark>${html}</mark>`);
      // A match on a terminology annotation ("[Tenstorrent]") stands for the misheard
      // spelling in the transcript, which is what the meeting page can mark.
      if (/^\[.*\]\W*$/.test(word)) aka.forEach((v) => matched.add(v));
      else matched.add(word.replace(edgePunctuation, ''));
    }
    hits.push({
      id: anchor.id,
      page,
      t: Number.isFinite(times[i]) ? times[i] : undefined,
      at: Number.isFinite(positions[i]) ? positions[i] : undefined,
      excerpt: `${from > 0 ? '… ' : ''}${parts.join(' ')}${to < words.length ? ' …' : ''}`,
      matched: [...matched],
    });
  });
  return hits;
}

/** The meeting-page link of a hit: `?hl=` carries the words to mark, the hash the turn. */
export function formatTurnLink(hit: TurnHit): string {
  const hl = hit.matched.length > 0 ? `?${new URLSearchParams({ hl: hit.matched.join(' ') })}` : '';
  return `${hit.page}${hl}#${hit.id}`;
}

/** A turn to show, with the result (record) it came from. */
export interface ShownTurn {
  hit: TurnHit;
  data: FragmentData;
}

/**
 * Puts the turns of a filter-only browse in transcript order, meeting by meeting. Pagefind
 * returns the records meeting by meeting, each meeting's in the order of their first turn, but
 * one record holds one speaker's turns, which interleave with other records' turns. So a turn is
 * shown once no record still to come can hold an earlier one: when it comes before the first turn
 * of the next record. `take(loaded, next)` adds the records just loaded and returns the turns
 * that can be shown now, in order; `next` is the record after them, or undefined at the end
 * (then every turn held back is returned).
 */
export function createBrowseOrder(): {
  take: (loaded: readonly FragmentData[], next: FragmentData | undefined) => ShownTurn[];
} {
  const meetingRank = new Map<string, number>();
  const rankOf = (page: string): number => {
    if (!meetingRank.has(page)) meetingRank.set(page, meetingRank.size);
    return meetingRank.get(page)!;
  };
  /** Meeting, position in its transcript, arrival (for turns without a position). */
  type Held = ShownTurn & { key: [number, number, number] };
  let held: Held[] = [];
  let arrived = 0;
  const place = (hit: TurnHit): [number, number] => [
    rankOf(hit.page),
    hit.at ?? hit.t ?? Number.POSITIVE_INFINITY,
  ];
  return {
    take(loaded, next) {
      for (const data of loaded) {
        for (const hit of splitResultIntoTurns(data, { all: true })) {
          held.push({ hit, data, key: [...place(hit), arrived++] });
        }
      }
      held.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
      const first = next && splitResultIntoTurns(next, { all: true })[0];
      const [rank, at] = first ? place(first) : [Infinity, Infinity];
      const ready = held.filter(({ key }) => key[0] < rank || (key[0] === rank && key[1] < at));
      held = held.slice(ready.length);
      return ready;
    },
  };
}
