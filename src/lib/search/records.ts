/**
 * What the search index holds. A result must be a speaker turn, but what Pagefind costs grows with
 * its number of records: its metadata file, fetched before any search, holds about 10 bytes per
 * record, and it writes one fragment file per record. So a record is one speaker's turns of one
 * meeting, in transcript order, up to about `maxWords` words, and each turn is an anchor inside it
 * (`<h6 id=...>`, `recordAnchorId`: the turn's id, second, position and topics) followed by its
 * text. Measured over the corpus: 823 records (4,261 when a record also had to share its turns'
 * topics), fragments of 1.9 KB gzip at the median, 6.8 KB at most. At 11 times the corpus, 1,000-word records made the metadata 10 KB larger and the largest
 * first search 209 KB (budget 200); at 1x, 1,500-word records with the page's 4 per batch keep the
 * largest later search at 49 KB (budget 50).
 * Filters speaker, year and meeting hold for every turn of a record; a record's topics are its
 * turns' topics, and each turn's anchor says which turn has which, so the page keeps a topic
 * filter exact per turn. `<name>-turns` filters count turns per value (see `turnCountFilter`).
 * The text is indexed once, as written (stop words too, so phrases match as said), and results
 * show that same text: no second copy rides along as meta.
 * Pure: meetings, topic matching and terminology come in as arguments.
 */
import { escapeHtml } from '../format.ts';
import type { Meeting, Turn } from '../schema.ts';
import { toPlainText } from '../site/inline-markdown.ts';
import {
  metaKeys,
  recordUrl,
  turnCountFilter,
  recordAnchorId,
  undatedYear,
  unknownSpeaker,
  type FilterName,
} from './contract.ts';
import { annotateMisheardTerms, type TerminologyMatcher } from './terminology.ts';

/** One index record: a page Pagefind indexes, staged as the file `recordPath(url)` holding `html`. */
export interface SearchRecord {
  /** Unique per record: `recordUrl` of its meeting and first turn. */
  url: string;
  html: string;
  /** The record's turns in transcript order: id and indexed text. */
  turns: { id: string; text: string }[];
  /** Each filter value of the record with the number of its turns that have it. */
  counts: Map<FilterName, Map<string, number>>;
}

export interface SearchRecordOptions {
  /** Topic ids a text mentions (src/lib/topics.ts `compileTopicMatcher(topics).match`). */
  matchTopics?: (text: string) => string[];
  /** Misheard terms in a text (./terminology.ts `compileTerminology`). */
  matchTerminology?: TerminologyMatcher;
  /** A record takes no further turn once it holds this many words (default 1500). */
  maxWords?: number;
}

interface PreparedTurn {
  turn: Turn;
  /** Position of the turn in its meeting's transcript (0-based). */
  position: number;
  /** What is indexed and shown: plain text with misheard terms annotated. */
  text: string;
  misheard: string[];
  topics: string[];
}

interface OpenRecord {
  meeting: Meeting;
  speaker: string;
  speakers: string[];
  turns: PreparedTurn[];
  words: number;
}

function prepareTurn(turn: Turn, position: number, options: SearchRecordOptions): PreparedTurn {
  const plain = toPlainText(turn.text);
  const found = options.matchTerminology?.(plain) ?? [];
  return {
    turn,
    position,
    text: annotateMisheardTerms(plain, found),
    misheard: found.map((m) => m.variant),
    topics: options.matchTopics?.(turn.text) ?? [],
  };
}

/** `text.split(' ').length`, without making the pieces. */
function spaceSeparatedCount(text: string): number {
  let count = 1;
  for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1)) count++;
  return count;
}

/** Groups one meeting's turns into records, in the order of each record's first turn. */
function groupMeeting(meeting: Meeting, options: SearchRecordOptions): OpenRecord[] {
  const maxWords = options.maxWords ?? 1500;
  const open = new Map<string, OpenRecord>();
  const records: OpenRecord[] = [];
  for (const [position, turn] of meeting.turns.entries()) {
    const prepared = prepareTurn(turn, position, options);
    const speakers = turn.speakers.length > 0 ? [...new Set(turn.speakers)] : [unknownSpeaker];
    const key = `${turn.speaker}\u0000${speakers.join(',')}`;
    let record = open.get(key);
    if (record && record.words >= maxWords) record = undefined;
    if (!record) {
      record = { meeting, speaker: turn.speaker, speakers, turns: [], words: 0 };
      open.set(key, record);
      records.push(record);
    }
    record.turns.push(prepared);
    record.words += spaceSeparatedCount(prepared.text);
  }
  return records;
}

/**
 * Builds the index records of every meeting (see the module comment). Meetings come newest
 * first and turns in transcript order, which is the order of a filter-only browse.
 */
export function buildSearchRecords(
  meetings: readonly Meeting[],
  options: SearchRecordOptions = {},
): SearchRecord[] {
  return meetings.flatMap((meeting) => groupMeeting(meeting, options).map(renderRecord));
}

/** Stores a filter or meta value in an attribute, so commas and colons in it stay intact. */
function tag(kind: 'filter' | 'meta', name: string, value: string): string {
  return `<i data-pagefind-${kind}="${name}[data-v]" data-v="${escapeHtml(value)}"></i>`;
}

/** Each filter value of a record with the number of its turns that have it. */
function turnCounts(record: OpenRecord, year: string): Map<FilterName, Map<string, number>> {
  const all = record.turns.length;
  const topics = new Map<string, number>();
  for (const t of record.turns)
    for (const id of t.topics) topics.set(id, (topics.get(id) ?? 0) + 1);
  return new Map<FilterName, Map<string, number>>([
    ['speaker', new Map(record.speakers.map((s) => [s, all]))],
    ['topic', topics],
    ['year', new Map([[year, all]])],
    ['meeting', new Map([[record.meeting.id, all]])],
  ]);
}

function renderRecord(record: OpenRecord): SearchRecord {
  const { meeting, turns } = record;
  const misheard = [...new Set(turns.flatMap((t) => t.misheard))];
  const year = meeting.date?.slice(0, 4) ?? undatedYear;
  const hidden = [
    tag('meta', metaKeys.title, meeting.date ?? meeting.title),
    tag('meta', metaKeys.speaker, record.speaker),
    ...(misheard.length > 0 ? [tag('meta', metaKeys.aka, misheard.join('|'))] : []),
  ];
  const counts = turnCounts(record, year);
  for (const [name, values] of counts) {
    for (const [value, count] of values) {
      hidden.push(
        tag('filter', name, value),
        tag('filter', turnCountFilter(name), `${value}:${count}`),
      );
    }
  }
  // The speaker's name is deliberately not indexed text: searching "chenyu" should rank turns
  // that talk about chenyu, not every turn chenyu spoke (the speaker filter does that).
  const body = turns
    .map((t) => {
      const id = recordAnchorId({ id: t.turn.id, t: t.turn.t, at: t.position, topics: t.topics });
      return `<h6 id="${escapeHtml(id)}"></h6><p>${escapeHtml(t.text)}</p>`;
    })
    .join('');
  return {
    url: recordUrl(meeting.id, turns[0]!.turn.id),
    html:
      `<!doctype html><html lang="en"><body><main data-pagefind-body>` +
      `<div data-pagefind-ignore>${hidden.join('')}</div>${body}</main></body></html>`,
    turns: turns.map((t) => ({ id: t.turn.id, text: t.text })),
    counts,
  };
}
