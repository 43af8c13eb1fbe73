/**
 * Browser-side search logic that needs no DOM: the URL state of the search page, and turning a
 * Pagefind result (a group of turns, see search-records.ts) back into turns with excerpts.
 * Pure, so it is unit-tested in Node; src/scripts/search-page.ts wires it to the page.
 */
import { escapeHtml } from './format.ts';

/** The filters the search page offers, in the order of the URL and the form. */
export const filterNames = ['speaker', 'topic', 'year', 'meeting'] as const;
export type FilterName = (typeof filterNames)[number];

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

/**
 * The turns of one result. With a query, only the turns holding a match (in the order of the
 * record, i.e. of the transcript); without one (`locations` empty and `all` set), every turn.
 * Excerpts are at most `excerptWords` words, centred on the turn's first match.
 */
export function splitResultIntoTurns(
  data: FragmentData,
  { all = false, excerptWords = 36 }: { all?: boolean; excerptWords?: number } = {},
): TurnHit[] {
  const words = splitWords(data.raw_content ?? data.content);
  const times = (data.meta['times'] ?? '').split(' ').map(Number);
  const aka = data.meta['aka'] ? data.meta['aka'].split('|') : [];
  const page = data.url.split('#')[0] ?? data.url;
  const anchors = [...data.anchors].sort((a, b) => a.location - b.location);
  const hits: TurnHit[] = [];
  anchors.forEach((anchor, i) => {
    const start = anchor.location;
    const end = anchors[i + 1]?.location ?? words.length;
    const matchedAt = data.locations.filter((l) => l >= start && l < end);
    if (matchedAt.length === 0 && !all) return;
    const first = matchedAt[0] ?? start;
    const from = Math.max(
      start,
      Math.min(first - Math.floor(excerptWords / 3), end - excerptWords),
    );
    const to = Math.min(end, from + excerptWords);
    const marked = new Set(matchedAt);
    const parts: string[] = [];
    for (let w = from; w < to; w++) {
      const word = escapeHtml(words[w] ?? '');
      parts.push(marked.has(w) ? `<mark>${word}</mark>` : word);
    }
    const matched = new Set<string>();
    for (const l of matchedAt) {
      const word = words[l] ?? '';
      // A match on a terminology annotation ("[Tenstorrent]") means the misheard spelling in
      // the transcript, which is what the meeting page can mark.
      if (/^\[.*\]\W*$/.test(word)) aka.forEach((v) => matched.add(v));
      const clean = word.replace(edgePunctuation, '');
      if (clean) matched.add(clean);
    }
    hits.push({
      id: anchor.id,
      page,
      t: Number.isFinite(times[i]) ? times[i] : undefined,
      excerpt: `${from > start ? '… ' : ''}${parts.join(' ')}${to < end ? ' …' : ''}`,
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
