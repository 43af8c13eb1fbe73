/**
 * The vocabulary the search page checks a query against before it trusts Pagefind's results
 * (Pagefind falls back to the longest prefix of an unknown word, so "kenneth" would find "K"):
 * every word of the index, in files by its first three characters (`vocabularyFile`), with the
 * number of turns that say it and, for a word said in at most `maxRecords` records, those
 * records' ids (`vocabularyRecordId`), so the turns that say the exact word can come first. A
 * search loads the file of each of its words, a few KB each. Pure: the records' turns come in as
 * they are built, their Pagefind ids once the index is written.
 */
import {
  indexedWordsOf,
  vocabularyFile,
  vocabularyFiles,
  vocabularyRecordId,
  type VocabularyShard,
} from './contract.ts';

interface WordStats {
  turns: number;
  /** Records saying the word, until there are more than `maxRecords` (then undefined). */
  records: number[] | undefined;
  /** The last turn (numbered as added) and record that said it, so each counts once. */
  lastTurn: number;
  lastRecord: number;
}

/**
 * Counts words record by record, keeping no text: `add(record, turns)` as records are built
 * (numbered from 0, each record in one call), then `files(idOf)` once Pagefind has named them.
 */
export function createVocabulary({ maxRecords = 12 }: { maxRecords?: number } = {}): {
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
            s = { turns: 0, records: [], lastTurn: 0, lastRecord: -1 };
            stats.set(word, s);
          }
          if (s.lastTurn === turnNumber) continue;
          s.lastTurn = turnNumber;
          s.turns++;
          if (s.lastRecord === record) continue;
          s.lastRecord = record;
          if (s.records && s.records.length < maxRecords) s.records.push(record);
          else s.records = undefined;
        }
      }
    },
    files(idOf) {
      const shards = new Map<string, VocabularyShard>();
      for (let n = 0; n < vocabularyFiles; n++) shards.set(`${n}.json`, {});
      const words = [...stats].sort(([a], [b]) => (a < b ? -1 : 1));
      for (const [word, { turns, records }] of words) {
        const ids = (records ?? []).map((r) => vocabularyRecordId(idOf(r)));
        shards.get(vocabularyFile(word))![word] = [turns, ...ids];
      }
      return new Map([...shards].map(([file, shard]) => [file, JSON.stringify(shard)]));
    },
  };
}
