/**
 * The vocabulary the search page checks a query against before it trusts Pagefind's results
 * (Pagefind falls back to the longest prefix of an unknown word, so "kenneth" would find "K"):
 * every word of the index, in files by its first three characters (`vocabularyFile`), with the
 * number of turns that say it and, for a word said in at most `maxRecords` records, those records'
 * ids (`vocabularyRecordId`), so the turns that say the exact word can come first. A search loads the shard of
 * each of its words, a few KB each. Pure: records and their Pagefind ids come in as arguments.
 */
import {
  indexedWordsOf,
  vocabularyFile,
  vocabularyFiles,
  vocabularyRecordId,
  type VocabularyShard,
} from './contract.ts';

export interface VocabularyRecord {
  /** Pagefind's result id of the record (its fragment's file name without extension). */
  id: string;
  turns: readonly { text: string }[];
}

interface WordStats {
  turns: number;
  /** Records saying the word, until there are more than `maxRecords` (then undefined). */
  records: string[] | undefined;
}

/** Counts each word's turns and records across `records`. */
function countWords(
  records: readonly VocabularyRecord[],
  maxRecords: number,
): Map<string, WordStats> {
  const stats = new Map<string, WordStats>();
  for (const record of records) {
    const inRecord = new Set<string>();
    for (const turn of record.turns) {
      for (const word of new Set(indexedWordsOf(turn.text))) {
        let s = stats.get(word);
        if (!s) stats.set(word, (s = { turns: 0, records: [] }));
        s.turns++;
        if (inRecord.has(word)) continue;
        inRecord.add(word);
        if (s.records && s.records.length < maxRecords)
          s.records.push(vocabularyRecordId(record.id));
        else s.records = undefined;
      }
    }
  }
  return stats;
}

/** The vocabulary files: file name (see `vocabularyFile`) to its JSON text, every one. */
export function buildVocabulary(
  records: readonly VocabularyRecord[],
  { maxRecords = 12 }: { maxRecords?: number } = {},
): Map<string, string> {
  const shards = new Map<string, VocabularyShard>();
  for (let n = 0; n < vocabularyFiles; n++) shards.set(`${n}.json`, {});
  const words = [...countWords(records, maxRecords)].sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [word, { turns, records: ids }] of words) {
    shards.get(vocabularyFile(word))![word] = [turns, ...(ids ?? [])];
  }
  return new Map([...shards].map(([file, shard]) => [file, JSON.stringify(shard)]));
}
