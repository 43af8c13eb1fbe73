/**
 * The browse index (see `browseFolder` in ./contract.ts): what a filter-only browse reads instead
 * of Pagefind. Pure: records' filter values come in as they are built (numbered from 0, in browse
 * order), their Pagefind ids once the index is written.
 */
import {
  browseIdsFile,
  browseIdsPerFile,
  browseValueFile,
  filterNames,
  type BrowseValue,
  type FilterName,
} from './contract.ts';

/** A record's filter values, each with the number of its turns that have it. */
export type RecordCounts = ReadonlyMap<FilterName, ReadonlyMap<string, number>>;

/** Collects `add(record, counts)` as records are built; `files(idOf)` gives path → JSON. */
export function createBrowseIndex(): {
  add: (record: number, counts: RecordCounts) => void;
  files: (idOf: (record: number) => string) => Map<string, string>;
} {
  /** Per filter and value: the records as `[delta, turns, ...]` and the last record added. */
  const lists = new Map<FilterName, Map<string, { records: number[]; last: number }>>(
    filterNames.map((name) => [name, new Map()]),
  );
  let records = 0;
  return {
    add(record, counts) {
      if (record !== records) throw new Error(`browse index: record ${record} out of order`);
      records++;
      for (const [name, values] of counts) {
        const byValue = lists.get(name)!;
        for (const [value, turns] of values) {
          let list = byValue.get(value);
          if (!list) byValue.set(value, (list = { records: [], last: -1 }));
          list.records.push(record - list.last, turns);
          list.last = record;
        }
      }
    },
    files(idOf) {
      const files = new Map<string, string>();
      for (const [name, byValue] of lists) {
        for (const [value, { records: list }] of byValue) {
          const file = browseValueFile(name, value);
          const taken = files.get(file);
          if (taken !== undefined) {
            const other = (JSON.parse(taken) as BrowseValue).value;
            throw new Error(`browse index: ${name} values "${other}" and "${value}" share ${file}`);
          }
          files.set(file, JSON.stringify({ value, records: list } satisfies BrowseValue));
        }
      }
      for (let first = 0; first < records; first += browseIdsPerFile) {
        const ids: string[] = [];
        for (let r = first; r < Math.min(records, first + browseIdsPerFile); r++) ids.push(idOf(r));
        files.set(browseIdsFile(first), JSON.stringify(ids));
      }
      return files;
    },
  };
}
