/**
 * What a query asks for, checked against the vocabulary (./vocabulary.ts) before Pagefind's
 * results are trusted: each word must be in the index as itself, by its stem, or (the last word,
 * still being typed, from its third letter) as the start of a word. Pagefind would otherwise fall
 * back to the longest prefix it knows ("kenneth" finds "k"). Also: "did you mean" for a word that
 * is not there, and the right term for a known mis-hearing. Pure; the search page loads the shards.
 */
import { stemmer } from '@orama/stemmers/english';
import leven from 'leven';
import { moreRecords, vocabularyFile, wordsOf, type VocabularyShard } from './contract.ts';
import { isStopWord, removeStopWords } from './stop-words.ts';

/** How a query word is in the index. */
export type WordMatch = 'exact' | 'stem' | 'prefix' | 'none';

export interface CheckedWord {
  word: string;
  match: WordMatch;
  /** Turns that say the word exactly (0 unless `match` is exact). */
  turns: number;
  /**
   * Pagefind ids of records that say it exactly (`VocabularyShard`): every one when few do, the
   * first few when more do and Pagefind's results also hold other words; else undefined.
   */
  records: string[] | undefined;
  /** Whether `records` lists every record that says it. */
  complete: boolean;
}

/**
 * The words a query needs checked: its words without stop words (a phrase's too: its stop words
 * are in the index, and any turn saying the phrase says them).
 */
export function queryWords(typed: string): string[] {
  return [...new Set(wordsOf(typed).filter((w) => !isStopWord(w)))];
}

/** The vocabulary files the words of a query are in. */
export function queryFiles(words: readonly string[]): string[] {
  return [...new Set(words.map(vocabularyFile))];
}

/**
 * How `word` is in the index, given its vocabulary file (`vocabularyFile(word)`). `typing`: it is
 * the last word and no space follows it yet.
 */
export function checkWord(word: string, shard: VocabularyShard, typing: boolean): CheckedWord {
  const entry = Object.hasOwn(shard, word) ? shard[word] : undefined;
  if (entry) {
    const [turns, ...listed] = entry;
    const more = listed.at(-1) === moreRecords;
    const records = more ? listed.slice(0, -1) : listed;
    return {
      word,
      match: 'exact',
      turns,
      records: records.length > 0 ? records : undefined,
      complete: records.length > 0 && !more,
    };
  }
  const none: CheckedWord = { word, match: 'none', turns: 0, records: undefined, complete: false };
  const stem = stemmer(word);
  const known = Object.keys(shard);
  if (known.some((w) => stemmer(w) === stem)) return { ...none, match: 'stem' };
  if (typing && [...word].length >= 3 && known.some((w) => w.startsWith(word))) {
    return { ...none, match: 'prefix' };
  }
  return none;
}

/**
 * The closest known word to `word`: one or two edits away (one for words of up to four
 * letters), fewest edits first, then the most said. Undefined when nothing is that close.
 */
export function suggestWord(
  word: string,
  candidates: Iterable<[candidate: string, turns: number]>,
): string | undefined {
  const most = [...word].length <= 4 ? 1 : 2;
  let best: { word: string; edits: number; turns: number } | undefined;
  for (const [candidate, turns] of candidates) {
    if (candidate === word || Math.abs(candidate.length - word.length) > most) continue;
    const edits = leven(word, candidate);
    if (edits > most) continue;
    if (!best || edits < best.edits || (edits === best.edits && turns > best.turns)) {
      best = { word: candidate, edits, turns };
    }
  }
  return best?.word;
}

/** A known mis-hearing in a query: the variant as typed and the term it means. */
export interface MisheardQuery {
  variant: string;
  term: string;
  /** The query with the variant replaced by the term. */
  query: string;
}

/** A mis-hearing entry as the search page receives it (content/terminology.yaml). */
export interface TermEntry {
  term: string;
  variants: string[];
}

const loose = (text: string) => wordsOf(text).join(' ');

/**
 * The first known misheard variant in a query, as whole words (any case; spaces, hyphens and
 * punctuation alike), with the query rewritten to the right term. Variants equal to their term
 * up to case are not mis-hearings. Longest variant first.
 */
export function findMisheardQuery(
  typed: string,
  entries: readonly TermEntry[],
): MisheardQuery | undefined {
  const query = ` ${loose(typed)} `;
  const candidates = entries
    .flatMap(({ term, variants }) => variants.map((v) => ({ term, variant: loose(v) })))
    .filter(({ term, variant }) => variant && variant !== loose(term))
    .sort((a, b) => b.variant.length - a.variant.length);
  const found = candidates.find(({ variant }) => query.includes(` ${variant} `));
  if (!found) return undefined;
  return {
    variant: found.variant,
    term: found.term,
    query: query.replace(` ${found.variant} `, ` ${found.term} `).trim(),
  };
}

/**
 * The query to give Pagefind for what the reader typed: stop words removed, an exact phrase
 * (`"..."`) kept whole (the index holds every word as said). Null when nothing searchable is left.
 */
export function prepareQuery(typed: string): string | null {
  const trimmed = typed.trim();
  const phrase = /^"(.*)"$/.exec(trimmed);
  if (phrase) {
    const words = (phrase[1] ?? '').replaceAll('"', '').trim();
    return removeStopWords(words) ? `"${words}"` : null;
  }
  const words = removeStopWords(trimmed).replaceAll('"', '');
  return words.trim() ? words : null;
}
