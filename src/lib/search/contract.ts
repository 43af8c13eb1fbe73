/**
 * The contract between the search index the build writes (src/cli/index-search.ts with
 * ./records.ts and ./vocabulary.ts) and the search page that reads it (src/scripts/search/page.ts
 * with ./results.ts and ./query.ts): filter names, meta keys, the vocabulary's files and how both
 * sides split text into words. Neither side imports the other's implementation, only this.
 */

/** The filters the search page offers, in the order of the URL and the form. */
export const filterNames = ['speaker', 'topic', 'year', 'meeting'] as const;
export type FilterName = (typeof filterNames)[number];

/**
 * The filter that counts turns for filter `name`: each record carries `<value>:<turns>` for each
 * of its `name` values, where `<turns>` is how many of its turns have that value. Pagefind counts
 * records, so its counts per `<value>:<turns>` give the turns a filter-only browse shows per value.
 * Not offered to readers; a search names it with `countEverything` to have it counted.
 */
export function turnCountFilter(name: FilterName): string {
  return `${name}-turns`;
}

/** A filter clause that excludes nothing (no record has an empty value), so only counts. */
export const countEverything = { none: [''] } as const;

/** Filter value for turns whose speaker nobody identified. */
export const unknownSpeaker = 'unknown';
/** Filter value for the year of undated meetings. */
export const undatedYear = 'undated';

/**
 * Meta of every record. A record is one speaker's turns of one meeting, in transcript order; each
 * turn is an anchor (`<h6 id=...>`, `recordAnchorId`) followed by the turn's text, which is what
 * is indexed and what results show.
 */
export const metaKeys = {
  /** The meeting's date, or its title when undated. */
  title: 'title',
  /** The speaker label as the transcript wrote it. */
  speaker: 'speaker',
  /** Misheard spellings in the record, `|`-separated (see ./terminology.ts). */
  aka: 'aka',
} as const;

/**
 * A turn's anchor in its record (`<h6 id=...>`): the turn's id, then its second, its position in
 * the meeting's transcript (0-based) and its topic ids joined by `,` (`-` for none), separated by
 * `:`, which no turn or topic id holds (`geohot-000010:10:3:mlperf,driver`). The fragment keeps
 * anchor ids as written, and Pagefind indexes no word of them. As meta, every number was a word
 * a search could match; as filters of one value per record, Pagefind built a filter index of
 * them (113 KB at 4x) that no search reads.
 */
export function recordAnchorId(turn: {
  id: string;
  t: number;
  at: number;
  topics: readonly string[];
}): string {
  return `${turn.id}:${turn.t}:${turn.at}:${turn.topics.join(',') || '-'}`;
}

/** A record anchor's turn: `recordAnchorId` read back. */
export interface AnchorTurn {
  id: string;
  /** Seconds from the start of the recording. */
  t: number | undefined;
  /** Position in the meeting's transcript (0-based). */
  at: number | undefined;
  topics: string[];
}

/** Reads an anchor id written by `recordAnchorId`; a plain id gives the turn id alone. */
export function parseRecordAnchor(anchorId: string): AnchorTurn {
  const [id = '', t, at, topics] = anchorId.split(':');
  const number = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  return {
    id,
    t: number(t),
    at: number(at),
    topics: topics && topics !== '-' ? topics.split(',') : [],
  };
}

/**
 * A record's URL in the index: its meeting page's path, then its first turn's id as a file
 * (`/meetings/2025-04-14/geohot-000010.html`), since Pagefind reads the records as files and
 * names each by its path (`recordPath`); a file, not a folder per record, since the staging made
 * and deleted a folder for each. Not a page of the site: `meetingPageOfRecord` gives the page.
 */
export function recordUrl(meetingId: string, firstTurnId: string): string {
  return `/meetings/${meetingId}/${firstTurnId}.html`;
}

/** The file, relative to the folder Pagefind reads, that Pagefind names `url`. */
export function recordPath(url: string): string {
  return url.replace(/^\//, '');
}

/** The meeting page of a record's URL (`recordUrl`): `/meetings/2025-04-14/`. */
export function meetingPageOfRecord(url: string): string {
  return url.replace(/[^/]+$/, '');
}

/** The vocabulary's folder inside the index folder (`pagefind/`): `vocabularyFiles` JSON files. */
export const vocabularyFolder = 'words';
/** Where the vocabulary lives in the built site. */
export const vocabularyPath = `/pagefind/${vocabularyFolder}/`;

/**
 * How many files the vocabulary is split into. Every one is written (`{}` when empty), so the
 * page never asks for a file that is not there.
 */
export const vocabularyFiles = 2048;

/**
 * One vocabulary file: every word of the index that falls in it, with the number of turns that
 * say it exactly and the Pagefind result ids (`vocabularyRecordId`) of records that say it, so
 * the page can put the turns that say the exact word first: every such record for a word said in
 * few records; for a word said in more, the first few in browse order and then `moreRecords`
 * where Pagefind's results for it hold other words too (its stem is shared), else none.
 */
export type VocabularyShard = Record<string, [turns: number, ...records: string[]]>;

/** The most record ids a word's entry lists. */
export const listedRecords = 12;
/** The last of a word's record ids when more records than those listed say it. */
export const moreRecords = '+';

/** The words of a text as the vocabulary counts them: runs of letters and digits, lowercase. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const wordCharacter = /[\p{L}\p{N}]/u;
const space = /\s/;
/** How `indexedWordsOf` classes a character: part of a word, whitespace, or other. */
const Kind = { Other: 0, Word: 1, Space: 2 } as const;
const kindOf = (character: string): number =>
  wordCharacter.test(character) ? Kind.Word : space.test(character) ? Kind.Space : Kind.Other;
const asciiKinds = Uint8Array.from({ length: 128 }, (_, c) => kindOf(String.fromCharCode(c)));

/**
 * The words the vocabulary holds for a text: `wordsOf`, and each word written with inner
 * punctuation also joined up ("pre-processing" is also "preprocessing"), as Pagefind indexes it.
 * That is, for each whitespace-separated token, its `wordsOf` and, if it has more than one, them
 * joined (tests/unit/search.test.ts checks this scan against that definition); one pass over the
 * characters took a third of the time of splitting and matching each token over the corpus turns.
 */
export function indexedWordsOf(text: string): string[] {
  const lower = text.toLowerCase();
  const words: string[] = [];
  let wordStart = -1;
  let tokenWords = 0;
  let joined = '';
  for (let i = 0; i <= lower.length;) {
    let kind: number = Kind.Space;
    let width = 1;
    if (i < lower.length) {
      const code = lower.charCodeAt(i);
      if (code < 128) kind = asciiKinds[code]!;
      else {
        width = lower.codePointAt(i)! > 0xffff ? 2 : 1;
        kind = kindOf(lower.slice(i, i + width));
      }
    }
    if (kind === Kind.Word) {
      if (wordStart < 0) wordStart = i;
    } else {
      if (wordStart >= 0) {
        const word = lower.slice(wordStart, i);
        words.push(word);
        tokenWords++;
        joined += word;
        wordStart = -1;
      }
      if (kind === Kind.Space) {
        if (tokenWords > 1) words.push(joined);
        tokenWords = 0;
        joined = '';
      }
    }
    i += width;
  }
  return words;
}

/**
 * The file a word is in: a hash of its first three characters, so every word that starts the
 * same way (its stem, its longer forms, most misspellings of its end) is in the same file.
 */
export function vocabularyFile(word: string): string {
  let hash = 0;
  for (const c of [...word].slice(0, 3)) hash = (hash * 31 + c.codePointAt(0)!) % vocabularyFiles;
  return `${hash}.json`;
}

/**
 * The browse index's folder inside the index folder (`pagefind/`). A filter-only browse reads it
 * instead of Pagefind's library, metadata and filter files, so its first page costs a few KB at
 * any archive size: per filter value, the records that have it (`browseValueFile`), and the
 * records' Pagefind result ids in files of `browseIdsPerFile` (`browseIdsFile`). Records are
 * numbered in browse order (newest meeting first, each meeting's records in the order of their
 * first turn), so every list is already in the order a browse shows it.
 */
export const browseFolder = 'browse';
/** Where the browse index lives in the built site. */
export const browsePath = `/pagefind/${browseFolder}/`;
/** Records per ids file: about 2 KB gzip each (1.9 KB measured). */
export const browseIdsPerFile = 256;

/** The folder of the ids files (`browseIdsFile`) in the browse index's folder. */
export const browseIdsFolder = 'ids';

/** The ids file of record `record`: a JSON array of the Pagefind result ids of its records. */
export function browseIdsFile(record: number): string {
  return `${browseIdsFolder}/${Math.floor(record / browseIdsPerFile)}.json`;
}

/**
 * The file of one filter value: an FNV-1a hash of the value, so any value makes a safe file name
 * (the build fails if two values of a filter share one).
 */
export function browseValueFile(filter: FilterName, value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193) >>> 0;
  }
  return `${filter}/${hash.toString(16).padStart(8, '0')}.json`;
}

/**
 * One value file: the value, and its records as pairs `[record - previous record, turns]`
 * flattened (the first against -1), where `turns` is how many of the record's turns have the
 * value: all of them for speaker, year and meeting, those that mention it for a topic.
 */
export interface BrowseValue {
  value: string;
  records: number[];
}

/** A value file's records and turn counts, decoded. */
export function decodeBrowseValue(file: BrowseValue): { record: number; turns: number }[] {
  const decoded: { record: number; turns: number }[] = [];
  let record = -1;
  for (let i = 0; i + 1 < file.records.length; i += 2) {
    record += file.records[i]!;
    decoded.push({ record, turns: file.records[i + 1]! });
  }
  return decoded;
}

/**
 * A record's id in the vocabulary: its Pagefind result id without the language prefix that
 * every id of the index shares (`en_`).
 */
export function vocabularyRecordId(resultId: string): string {
  return resultId.replace(/^[a-z-]+_/, '');
}
