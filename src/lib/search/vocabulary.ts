/**
 * The vocabulary the search page checks a query against before it trusts Pagefind's results
 * (Pagefind falls back to the longest prefix of an unknown word, so "kenneth" would find "K"):
 * every word of the index, in files by its first three characters (`vocabularyFile`), with the
 * number of turns that say it and the ids of records that say it (`VocabularyShard`), so the
 * turns that say the exact word can come first. Pagefind indexes stems, so its results for
 * "maintainers" also hold every record that only says "maintain" or "maintaining", ranked among
 * them. A search loads the file of each of its words, a few KB each. Pure: the records' turns come
 * in as they are built, their Pagefind ids once the index is written.
 */
import { stemmer } from '@orama/stemmers/english';
import {
  indexedWordsOf,
  listedRecords,
  moreRecords,
  vocabularyFile,
  vocabularyFiles,
  vocabularyRecordId,
  type VocabularyShard,
} from './contract.ts';

interface WordStats {
  turns: number;
  /** The first `maxRecords` records saying the word, in the order added. */
  records: number[];
  /** Whether more records than those say it. */
  more: boolean;
  /** The last turn (numbered as added) and record that said it, so each counts once. */
  lastTurn: number;
  lastRecord: number;
}

/**
 * Whether Pagefind's results for `word` hold other words of `words` (the whole vocabulary) too:
 * one of the same vocabulary file has a stem that starts with its stem. Pagefind matches every
 * indexed stem that starts with a query word's stem, and a word's stem starts with its first
 * letters, which name its file.
 */
function stemSharing(words: readonly string[]): (word: string) => boolean {
  const stemOf = new Map(words.map((word) => [word, stemmer(word)]));
  const byFile = Map.groupBy(words, (word) => vocabularyFile(word));
  return (word) => {
    const stem = stemOf.get(word) ?? stemmer(word);
    const others = byFile.get(vocabularyFile(word)) ?? [];
    return others.some((other) => other !== word && stemOf.get(other)!.startsWith(stem));
  };
}

/**
 * Counts words record by record, keeping no text: `add(record, turns)` as records are built
 * (numbered from 0, each record in one call), then `files(idOf)` once Pagefind has named them.
 * A word said in at most `maxRecords` records lists them all; one said in more lists the first
 * `maxRecords` (the newest, in browse order) where its stem is shared, enough for the first
 * results to say it: at 11 times the corpus, listing every one of them would make the
 * vocabulary 17.5 MB and its largest file 336 KB, against 0.8 MB and 11 KB without them (counted
 * from the corpus's records at 10 bytes an id).
 */
export function createVocabulary({ maxRecords = listedRecords }: { maxRecords?: number } = {}): {
  add: (record: number, turns: readonly { text: string }[]) => void;
  files: (idOf: (record: number) => string) => Map<string, string>;
} {
  const stats = new Map<string, WordStats>();
  // Each word's last turn and record are kept on its stats rather than in a set per turn and
  // per record: counting the 4x corpus's records took 1.19 s with the sets, 0.91 s without (CPU
  // profiles of the staging).
  let turnsAdded = 0;
  return {
    add(record, turns) {
      for (const turn of turns) {
        const turnNumber = ++turnsAdded;
        for (const word of indexedWordsOf(turn.text)) {
          let s = stats.get(word);
          if (!s) {
            s = { turns: 0, records: [], more: false, lastTurn: 0, lastRecord: -1 };
            stats.set(word, s);
          }
          if (s.lastTurn === turnNumber) continue;
          s.lastTurn = turnNumber;
          s.turns++;
          if (s.lastRecord === record) continue;
          s.lastRecord = record;
          if (s.records.length < maxRecords) s.records.push(record);
          else s.more = true;
        }
      }
    },
    files(idOf) {
      const shards = new Map<string, VocabularyShard>();
      for (let n = 0; n < vocabularyFiles; n++) shards.set(`${n}.json`, {});
      const words = [...stats].sort(([a], [b]) => (a < b ? -1 : 1));
      const sharesStem = stemSharing(words.map(([word]) => word));
      for (const [word, { turns, records, more }] of words) {
        const listed = !more || sharesStem(word) ? records : [];
        const ids = listed.map((r) => vocabularyRecordId(idOf(r)));
        shards.get(vocabularyFile(word))![word] =
          more && ids.length > 0 ? [turns, ...ids, moreRecords] : [turns, ...ids];
      }
      return new Map([...shards].map(([file, shard]) => [file, JSON.stringify(shard)]));
    },
  };
}
