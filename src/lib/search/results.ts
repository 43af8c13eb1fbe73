/**
 * Browser-side search logic that needs no DOM: the URL state of the search page, and turning a
 * Pagefind result (one speaker's turns of a meeting, see ./contract.ts) back into turns with
 * excerpts, the exact word first. Pure, so it is unit-tested in Node; src/scripts/search/page.ts
 * wires it to the page.
 */
import { escapeHtml } from '../format.ts';
import {
  filterNames,
  meetingPageOfRecord,
  metaKeys,
  parseRecordAnchor,
  vocabularyRecordId,
  wordsOf,
  type FilterName,
} from './contract.ts';

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

/** Everything a search is: the query, one optional value per filter, and `verbatim`. */
export interface SearchState {
  q: string;
  filters: Partial<Record<FilterName, string>>;
  /** Search a known mis-hearing as typed, instead of the right term (`&verbatim=1`). */
  verbatim?: boolean;
}

/** Reads `?q=&speaker=&topic=&year=&meeting=&verbatim=1`; empty values mean "not set". */
export function parseSearchState(params: URLSearchParams): SearchState {
  const filters: SearchState['filters'] = {};
  for (const name of filterNames) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  const state: SearchState = { q: params.get('q') ?? '', filters };
  if (params.get('verbatim') === '1') state.verbatim = true;
  return state;
}

/** The query string for a state (`?q=...&speaker=...`), or '' for an empty search. */
export function formatSearchQuery(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q);
  for (const name of filterNames) {
    const value = state.filters[name];
    if (value) params.set(name, value);
  }
  if (state.verbatim && state.q.trim()) params.set('verbatim', '1');
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
  filters: Record<string, string[]>;
  /** One per turn, with ids written by `recordAnchorId`. */
  anchors: { id: string; location: number }[];
  locations: number[];
}

/**
 * A fragment file's JSON (the record, as Pagefind wrote it) as `result.data()` gives it without a
 * query: `raw_content` with `<` and `>` escaped, `content` without zero-width spaces, no matched
 * locations. A browse reads fragments itself (see `browseFolder` in ./contract.ts).
 */
export function fragmentData(json: {
  url: string;
  content: string;
  meta?: Record<string, string>;
  filters?: Record<string, string[]>;
  anchors?: { id: string; location: number }[];
}): FragmentData {
  return {
    url: json.url,
    raw_content: json.content.replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    content: json.content.replace(/\u200B/g, ''),
    meta: json.meta ?? {},
    filters: json.filters ?? {},
    anchors: json.anchors ?? [],
    locations: [],
  };
}

/** The records of a filter-only browse: in every list given, in browse order, and their turns. */
export function intersectBrowseLists(
  lists: readonly (readonly { record: number; turns: number }[])[],
  countFrom = 0,
): { records: number[]; turns: number } {
  if (lists.length === 0) return { records: [], turns: 0 };
  const counted = lists[countFrom] ?? lists[0]!;
  const turnsOf = new Map(counted.map((r) => [r.record, r.turns]));
  let records = counted.map((r) => r.record);
  for (const list of lists) {
    const has = new Set(list.map((r) => r.record));
    records = records.filter((r) => has.has(r));
  }
  return { records, turns: records.reduce((n, r) => n + (turnsOf.get(r) ?? 0), 0) };
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
  /** Whether the turn says every word of the query exactly (or its phrase). */
  exact: boolean;
}

/** How to split a result into turns. */
export interface SplitOptions {
  /** Every turn (a filter-only browse), not only those holding a match. */
  all?: boolean;
  /** Keep only the turns with this topic (the record's topics are its turns' topics). */
  topic?: string | undefined;
  /** The query's words (lowercase): a turn saying all of them is `exact`. */
  exactWords?: readonly string[];
  /** The phrase of a quoted query (lowercase words): a turn saying it is `exact`. */
  phrase?: readonly string[];
  excerptWords?: number;
}

/** Splits a fragment's text into words the way Pagefind counts word locations. */
function splitWords(content: string): string[] {
  return content.split(/\s+/).filter((w) => w !== '');
}

const edgePunctuation = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function saysPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((p, j) => words[i + j] === p)) return true;
  }
  return false;
}

/** The excerpt of a turn's words around its first match, with the matches marked. */
function excerptOf(
  words: readonly string[],
  matchedAt: ReadonlySet<number>,
  aka: readonly string[],
  excerptWords: number,
  isExact: (word: string) => boolean,
): { excerpt: string; matched: string[] } {
  // Around the first match of the exact word, if the turn says it, else the first match.
  const exactAt = words.findIndex((w, i) => matchedAt.has(i) && isExact(w));
  const first = Math.max(0, exactAt !== -1 ? exactAt : words.findIndex((_, i) => matchedAt.has(i)));
  const from = Math.max(0, Math.min(first - 8, words.length - excerptWords));
  const to = Math.min(words.length, from + excerptWords);
  const parts: string[] = [];
  const matched = new Set<string>();
  for (let w = from; w < to; w++) {
    const word = words[w] ?? '';
    const html = escapeHtml(word);
    if (!matchedAt.has(w)) {
      parts.push(html);
      continue;
    }
    parts.push(`<mark>${html}</mark>`);
    // A match on a terminology annotation ("[Tenstorrent]") stands for the misheard
    // spelling in the transcript, which is what the meeting page can mark.
    if (/^\[.*\]\W*$/.test(word)) aka.forEach((v) => matched.add(v));
    else matched.add(word.replace(edgePunctuation, ''));
  }
  const excerpt = `${from > 0 ? '… ' : ''}${parts.join(' ')}${to < words.length ? ' …' : ''}`;
  return { excerpt, matched: [...matched] };
}

/**
 * The turns of one result (a record of several turns, see ./contract.ts). With a query, the
 * turns holding a match, in transcript order; with `all` (a filter-only browse), every turn.
 * Pagefind's match locations count words of the record's text, which is the turns' text, so the
 * words at those locations are marked. Excerpts are at most `excerptWords` words, starting a
 * little before the first marked word.
 */
export function splitResultIntoTurns(data: FragmentData, options: SplitOptions = {}): TurnHit[] {
  const { all = false, topic, exactWords = [], phrase = [], excerptWords = 36 } = options;
  const text = splitWords(data.raw_content ?? data.content);
  const aka = data.meta[metaKeys.aka]?.split('|') ?? [];
  const page = meetingPageOfRecord(data.url);
  const anchors = [...data.anchors].sort((a, b) => a.location - b.location);
  const hits: TurnHit[] = [];
  anchors.forEach((anchor, i) => {
    const turn = parseRecordAnchor(anchor.id);
    if (topic && !turn.topics.includes(topic)) return;
    const start = anchor.location;
    const end = anchors[i + 1]?.location ?? text.length;
    const matchedAt = new Set(
      data.locations.filter((l) => l >= start && l < end).map((l) => l - start),
    );
    if (matchedAt.size === 0 && !all) return;
    const words = text.slice(start, end);
    const said = new Set(wordsOf(words.join(' ')));
    const exact =
      (exactWords.length > 0 && exactWords.every((w) => said.has(w))) ||
      saysPhrase(wordsOf(words.join(' ')), phrase);
    hits.push({
      id: turn.id,
      page,
      t: turn.t,
      at: turn.at,
      ...excerptOf(words, matchedAt, aka, excerptWords, (w) =>
        wordsOf(w).some((k) => exactWords.includes(k)),
      ),
      exact,
    });
  });
  return hits;
}

/**
 * The order to show a query's turns in: those saying the exact word (or phrase) first, then the
 * rest, each in the order they came (Pagefind's relevance, then transcript order).
 */
export function exactFirst<T extends { hit: TurnHit }>(turns: readonly T[]): T[] {
  return [...turns.filter((t) => t.hit.exact), ...turns.filter((t) => !t.hit.exact)];
}

/**
 * Pagefind's results with the records known to say the exact word (`records`, ids from the
 * vocabulary, see `vocabularyRecordId`) moved to the front, each group keeping Pagefind's order.
 */
export function pinRecords<T extends { id: string }>(
  results: readonly T[],
  records: ReadonlySet<string> | undefined,
): T[] {
  if (!records || records.size === 0) return [...results];
  const pinned = (r: T) => records.has(vocabularyRecordId(r.id));
  return [...results.filter(pinned), ...results.filter((r) => !pinned(r))];
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
  take: (
    loaded: readonly FragmentData[],
    next: FragmentData | undefined,
    topic?: string,
  ) => ShownTurn[];
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
    take(loaded, next, topic) {
      for (const data of loaded) {
        for (const hit of splitResultIntoTurns(data, { all: true, topic })) {
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
