/**
 * The search page's access to the vocabulary (src/lib/search/vocabulary.ts): loads each shard a
 * query needs once, and checks the query's words against them (src/lib/search/query.ts).
 */
import { vocabularyFile, vocabularyPath, type VocabularyShard } from '../../lib/search/contract.ts';
import {
  checkWord,
  queryFiles,
  queryWords,
  suggestWord,
  type CheckedWord,
} from '../../lib/search/query.ts';

/** A vocabulary file, or null when it could not be loaded. */
type Loaded = VocabularyShard | null;
const files = new Map<string, Promise<Loaded>>();

function loadFile(file: string): Promise<Loaded> {
  let loading = files.get(file);
  if (!loading) {
    loading = fetch(`${vocabularyPath}${file}`).then(
      (response) => (response.ok ? (response.json() as Promise<VocabularyShard>) : null),
      () => null,
    );
    files.set(file, loading);
  }
  return loading;
}

/** The checked words of a query; undefined when the vocabulary could not be reached. */
export async function checkQuery(typed: string): Promise<CheckedWord[] | undefined> {
  const words = queryWords(typed);
  const loaded = new Map(
    await Promise.all(queryFiles(words).map(async (f) => [f, await loadFile(f)] as const)),
  );
  if ([...loaded.values()].includes(null)) return undefined;
  const phrase = /^\s*".*"\s*$/.test(typed);
  // The last word is still being typed until a space (or a closing quote) follows it.
  const typing = !phrase && /[\p{L}\p{N}]$/u.test(typed);
  return words.map((word, i) =>
    checkWord(word, loaded.get(vocabularyFile(word)) ?? {}, typing && i === words.length - 1),
  );
}

/**
 * The query with each word that is not in the index replaced by its closest known word (from
 * its own shard, or one of `names`: speakers and topics); undefined when there is none.
 */
export async function suggestQuery(
  typed: string,
  missing: readonly string[],
  names: readonly string[],
): Promise<string | undefined> {
  let suggestion = typed.toLowerCase();
  let changed = false;
  for (const word of missing) {
    const shard = (await loadFile(vocabularyFile(word))) ?? {};
    const candidates: [string, number][] = [
      ...Object.entries(shard).map(([w, [turns]]) => [w, turns] as [string, number]),
      ...names.map((n) => [n, 0] as [string, number]),
    ];
    const better = suggestWord(word, candidates);
    if (!better) return undefined;
    // A word is letters and digits only (wordsOf), so it needs no escaping in a pattern.
    const alone = new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'u');
    suggestion = suggestion.replace(alone, better);
    changed = true;
  }
  return changed ? suggestion : undefined;
}
