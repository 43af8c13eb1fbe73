/**
 * A filter-only browse, read from the browse index (`browseFolder` in src/lib/search/contract.ts)
 * and Pagefind's fragment files, without loading Pagefind: the value file of each chosen filter,
 * the ids file of the records shown, and one fragment per record.
 */
import {
  browseIdsFile,
  browseIdsPerFile,
  browsePath,
  browseValueFile,
  decodeBrowseValue,
  filterNames,
  type BrowseValue,
  type FilterName,
} from '../../lib/search/contract.ts';
import { fragmentData, intersectBrowseLists, type FragmentData } from '../../lib/search/results.ts';

const cache = new Map<string, Promise<unknown>>();

/** A JSON file of the browse index, once; `missing` when the host has no such file. */
function loadJson<T>(file: string, missing: T): Promise<T> {
  let loading = cache.get(file) as Promise<T> | undefined;
  if (!loading) {
    loading = fetch(`${browsePath}${file}`).then((response) => {
      if (response.status === 404) return missing;
      if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
      return response.json() as Promise<T>;
    });
    // A failed load is tried again by the next browse.
    loading.catch(() => cache.delete(file));
    cache.set(file, loading);
  }
  return loading;
}

/** Pagefind's fragment of a record: gzip (unless the host already inflated it) of a signature and JSON. */
async function loadFragment(id: string): Promise<FragmentData> {
  const response = await fetch(`/pagefind/fragment/${id}.pf_fragment`);
  if (!response.ok) throw new Error(`fragment ${id}: HTTP ${response.status}`);
  let bytes = new Uint8Array(await response.arrayBuffer());
  const signature = 'pagefind_dcd';
  const decoder = new TextDecoder();
  if (decoder.decode(bytes.subarray(0, signature.length)) !== signature) {
    const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
  }
  return fragmentData(JSON.parse(decoder.decode(bytes.subarray(signature.length))));
}

/** A record of the browse, loaded on demand, in the shape of a Pagefind result. */
export interface BrowseResult {
  id: string;
  score: number;
  data: () => Promise<FragmentData>;
}

/**
 * The records a browse by `filters` shows, in browse order, and how many turns they show: every
 * turn of each record, or with a topic, the turns that mention it.
 */
export async function openBrowse(
  filters: Partial<Record<FilterName, string>>,
): Promise<{ results: BrowseResult[]; turns: number }> {
  const chosen = filterNames.filter((name) => filters[name]);
  const lists = await Promise.all(
    chosen.map(async (name) => {
      const file = browseValueFile(name, filters[name]!);
      const found = await loadJson<BrowseValue | null>(file, null);
      // Two values sharing a file is a build error; a file of another value is no match.
      return found && found.value === filters[name] ? decodeBrowseValue(found) : [];
    }),
  );
  const { records, turns } = intersectBrowseLists(lists, Math.max(0, chosen.indexOf('topic')));
  const results = records.map((record) => {
    let data: Promise<FragmentData> | undefined;
    return {
      id: `record-${record}`,
      score: 0,
      data: () =>
        (data ??= loadJson<string[]>(browseIdsFile(record), []).then((ids) => {
          const id = ids[record % browseIdsPerFile];
          if (!id) throw new Error(`browse: no id for record ${record}`);
          return loadFragment(id);
        })),
    };
  });
  return { results, turns };
}
