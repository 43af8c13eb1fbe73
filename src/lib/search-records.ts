/**
 * What the search index holds. A result must be a speaker turn, but Pagefind's per-record cost
 * rules out one record per turn: its metadata file, fetched before any search, grows by ~6 bytes
 * per record (measured: 147 KB for 24k turn records, 203 KB with a sort key), which alone breaks
 * the 150 KB first-search budget. So a record is a small group of turns that share everything a
 * filter can select (meeting, speaker label, topics), at most `maxTurns` turns and about
 * `maxWords` words, and each turn is an anchor inside it (`<h6 id=turn-id>`). Filters stay exact
 * per turn; the search page splits a record back into turns with the anchors' word locations.
 * A filter-only browse shows every turn of each record; filters `<name>-turns` (value and the
 * record's number of turns, see `turnCountFilter`) let the search page count those turns.
 * The indexed text leaves out stop words (src/lib/stop-words.ts); each turn's full text rides
 * along as meta `t<i>` (i-th anchor), which is what results show.
 * Pure: meetings, topic matching and terminology come in as arguments.
 */
import { escapeHtml } from './format.ts';
import type { Meeting, Turn } from './schema.ts';
import { turnCountFilter, type FilterName } from './search-results.ts';
import { removeStopWords } from './stop-words.ts';
import { annotateMisheardTerms, type TerminologyMatcher } from './terminology.ts';

/** One index record: a page Pagefind indexes with `addHTMLFile({ url, content: html })`. */
export interface SearchGroup {
  /** Unique per record: the meeting page anchored at the group's first turn. */
  url: string;
  html: string;
  /** Ids of the turns the record holds, in transcript order. */
  turns: string[];
}

export interface SearchGroupOptions {
  /** Topic ids a text mentions (src/lib/topics.ts `compileTopicMatcher(topics).match`). */
  matchTopics?: (text: string) => string[];
  /** Misheard terms in a text (src/lib/terminology.ts `compileTerminology`). */
  matchTerminology?: TerminologyMatcher;
  /** Most turns in one record (default 24). */
  maxTurns?: number;
  /** A record takes no further turn once it holds this many indexed words (default 400). */
  maxWords?: number;
}

/** Filter value for turns whose speaker nobody identified. */
export const unknownSpeaker = 'unknown';
/** Filter value for the year of undated meetings. */
export const undatedYear = 'undated';

/** Plain text of a turn's inline markdown: link targets, code ticks and emphasis marks go. */
export function toPlainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

interface PreparedTurn {
  turn: Turn;
  /** Position of the turn in its meeting's transcript (0-based). */
  position: number;
  /** What the reader sees: plain text with misheard terms annotated. */
  text: string;
  /** What is indexed: `text` without stop words. */
  indexed: string;
  misheard: string[];
  words: number;
}

interface OpenGroup {
  meeting: Meeting;
  speaker: string;
  speakers: string[];
  topics: string[];
  turns: PreparedTurn[];
  words: number;
}

/**
 * Groups every meeting's turns into index records (see the module comment). Meetings come
 * newest first and turns in transcript order, which is the order of a filter-only browse.
 */
export function buildSearchGroups(
  meetings: readonly Meeting[],
  options: SearchGroupOptions = {},
): SearchGroup[] {
  const maxTurns = options.maxTurns ?? 24;
  const maxWords = options.maxWords ?? 400;
  const groups: SearchGroup[] = [];
  for (const meeting of meetings) {
    const open = new Map<string, OpenGroup>();
    const closed: OpenGroup[] = [];
    for (const [position, turn] of meeting.turns.entries()) {
      const plain = toPlainText(turn.text);
      const found = options.matchTerminology?.(plain) ?? [];
      const text = annotateMisheardTerms(plain, found);
      // A turn of stop words only ("OK.") keeps its text: Pagefind drops a record without any
      // words, and the turn must stay findable by speaker, meeting and year.
      const indexed = removeStopWords(text) || text;
      const prepared: PreparedTurn = {
        turn,
        position,
        text,
        indexed,
        misheard: found.map((m) => m.variant),
        words: indexed ? indexed.split(' ').length : 0,
      };
      const speakers = turn.speakers.length > 0 ? [...new Set(turn.speakers)] : [unknownSpeaker];
      const topics = options.matchTopics?.(turn.text) ?? [];
      const key = `${turn.speaker}\u0000${speakers.join(',')}\u0000${topics.join(',')}`;
      let group = open.get(key);
      if (group && (group.turns.length >= maxTurns || group.words >= maxWords)) group = undefined;
      if (!group) {
        group = { meeting, speaker: turn.speaker, speakers, topics, turns: [], words: 0 };
        open.set(key, group);
        closed.push(group);
      }
      group.turns.push(prepared);
      group.words += prepared.words;
    }
    // Records in the order of their first turn, so a browse reads the meeting top to bottom.
    for (const group of closed) groups.push(renderGroup(group));
  }
  return groups;
}

/** Stores a filter or meta value in an attribute, so commas and colons in it stay intact. */
function tag(kind: 'filter' | 'meta', name: string, value: string): string {
  return `<i data-pagefind-${kind}="${name}[data-v]" data-v="${escapeHtml(value)}"></i>`;
}

function renderGroup(group: OpenGroup): SearchGroup {
  const { meeting } = group;
  const first = group.turns[0]!.turn;
  const misheard = [...new Set(group.turns.flatMap((t) => t.misheard))];
  const year = meeting.date?.slice(0, 4) ?? undatedYear;
  const hidden = [
    tag('meta', 'title', meeting.date ?? meeting.title),
    tag('meta', 'meeting', meeting.id),
    tag('meta', 'speaker', group.speaker),
    // Seconds of each turn, in anchor order: the search page shows each turn's time.
    tag('meta', 'times', group.turns.map((t) => t.turn.t).join(' ')),
    // Position of each turn in the transcript: a browse lists turns in transcript order.
    tag('meta', 'at', group.turns.map((t) => t.position).join(' ')),
    ...(misheard.length > 0 ? [tag('meta', 'aka', misheard.join('|'))] : []),
    ...group.turns.map((t, i) => tag('meta', `t${i}`, t.text)),
    ...group.speakers.map((s) => tag('filter', 'speaker', s)),
    tag('filter', 'year', year),
    tag('filter', 'meeting', meeting.id),
    ...group.topics.map((t) => tag('filter', 'topic', t)),
  ];
  const values: Record<FilterName, string[]> = {
    speaker: group.speakers,
    topic: group.topics,
    year: [year],
    meeting: [meeting.id],
  };
  for (const [name, list] of Object.entries(values) as [FilterName, string[]][]) {
    for (const v of list)
      hidden.push(tag('filter', turnCountFilter(name), `${v}:${group.turns.length}`));
  }
  // The speaker's name is deliberately not indexed text: searching "chenyu" should rank turns
  // that talk about chenyu, not every turn chenyu spoke (the speaker filter does that).
  const body = group.turns
    .map((t) => `<h6 id="${t.turn.id}"></h6><p>${escapeHtml(t.indexed)}</p>`)
    .join('');
  return {
    url: `/meetings/${meeting.id}/#${first.id}`,
    html:
      `<!doctype html><html lang="en"><body><main data-pagefind-body>` +
      `<div data-pagefind-ignore>${hidden.join('')}</div>${body}</main></body></html>`,
    turns: group.turns.map((t) => t.turn.id),
  };
}
