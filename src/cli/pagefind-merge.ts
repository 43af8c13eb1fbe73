/**
 * Merges Pagefind indexes written from consecutive parts of one site's pages into the index
 * Pagefind writes for all of them at once. Pagefind's writing grows faster than the pages: at 11
 * times the corpus (9,053 records) it took 16.1-16.6 s for the whole, and 9.05 s for eight parts
 * one after another (1.0-1.5 s each), the same pages in the same order. So the index step has
 * Pagefind write parts and merges them here: every part's page numbers move on by the pages of
 * the parts before it, and every file a search loads is what Pagefind writes for the whole
 * (tests/build/pagefind-merge.test.ts compares the two file by file).
 */
import { copyFileSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decode, encode } from 'cborg';
import {
  pagefindHash,
  readCbor,
  readPart,
  shortName,
  writeCbor,
  type MetaIndex,
  type Part,
} from './pagefind-files.ts';
import { mergeWords } from './pagefind-words.ts';

/**
 * Moves every part's fragments into `out`/fragment; returns the pages of the whole, renamed where
 * a name was an earlier part's already (Pagefind lengthens the later page's by one character).
 */
function mergeFragments(parts: readonly Part[], out: string, language: string): MetaIndex[1] {
  const dir = path.join(out, 'fragment');
  mkdirSync(dir, { recursive: true });
  const taken = new Set<string>();
  const pages: MetaIndex[1] = [];
  for (const part of parts) {
    for (const [name, words, extra] of part.meta[1]) {
      const from = path.join(part.dir, 'fragment', `${name}.pf_fragment`);
      const renamed = taken.has(name)
        ? shortName(`${language}_${pagefindHash(readCbor(from))}`, name.length, 1, taken)
        : name;
      taken.add(renamed);
      renameSync(from, path.join(dir, `${renamed}.pf_fragment`));
      pages.push([renamed, words, extra]);
    }
  }
  return pages;
}

/** Writes the filters of all parts merged into `out`/filter; returns their metadata. */
function mergeFilters(
  parts: readonly Part[],
  offsets: readonly number[],
  out: string,
  language: string,
): MetaIndex[3] {
  const filters = new Map<string, Map<string, number[]>>();
  for (const [i, part] of parts.entries()) {
    for (const [, hash] of part.meta[3]) {
      const file = path.join(part.dir, 'filter', `${hash}.pf_filter`);
      const [name, values] = decode(readCbor(file)) as [string, [string, number[]][]];
      const merged = filters.get(name) ?? new Map<string, number[]>();
      for (const [value, pages] of values) {
        const all = merged.get(value) ?? [];
        for (const page of pages) all.push(offsets[i]! + page);
        merged.set(value, all);
      }
      filters.set(name, merged);
    }
  }
  mkdirSync(path.join(out, 'filter'), { recursive: true });
  const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
  const taken = new Set<string>();
  const meta: MetaIndex[3] = [];
  for (const name of [...filters.keys()].sort(byBytes)) {
    const values = filters.get(name)!;
    const cbor = encode([name, [...values.keys()].sort(byBytes).map((v) => [v, values.get(v)])]);
    const hash = `${language}_${pagefindHash(cbor)}`;
    const short = shortName(hash, language.length + 8, 2, taken);
    writeCbor(path.join(out, 'filter', `${short}.pf_filter`), cbor);
    meta.push([name, short]);
  }
  return meta;
}

/**
 * Merges the Pagefind indexes in `partDirs` (parts of one site's pages, in page order, written
 * with word chunks of `chunkSize`) into the empty or absent folder `out`, as Pagefind writes the
 * index of all their pages; moves the parts' files, so the parts are spent.
 */
export function mergePagefindIndexes(
  partDirs: readonly string[],
  out: string,
  chunkSize: number,
): void {
  const parts = partDirs.map(readPart);
  const [first] = parts;
  if (!first) throw new Error('no Pagefind index to merge');
  const { language } = first;
  const offsets: number[] = [];
  let pageCount = 0;
  for (const part of parts) {
    if (part.language !== language || part.meta[0] !== first.meta[0]) {
      throw new Error(`${part.dir}: another language or Pagefind version than ${first.dir}`);
    }
    offsets.push(pageCount);
    pageCount += part.meta[1].length;
  }
  mkdirSync(out, { recursive: true });
  const chunks = mergeWords(parts, offsets, out, language, chunkSize);
  const filters = mergeFilters(parts, offsets, out, language);
  const pages = mergeFragments(parts, out, language);
  const metaFields = [...new Set(parts.flatMap((p) => p.meta[5]))].sort();
  const cbor = encode([first.meta[0], pages, chunks, filters, [], metaFields]);
  const metaName = `${language}_${pagefindHash(cbor).slice(0, language.length + 8)}`;
  writeCbor(path.join(out, `pagefind.${metaName}.pf_meta`), cbor);
  // The scripts, styles and WebAssembly are the same in every part.
  for (const name of readdirSync(first.dir, { withFileTypes: true })) {
    if (name.isFile() && !/\.pf_meta$|^pagefind-entry\.json$/.test(name.name)) {
      copyFileSync(path.join(first.dir, name.name), path.join(out, name.name));
    }
  }
  const language0 = first.entry.languages[language]!;
  const entry = {
    ...first.entry,
    languages: { [language]: { ...language0, hash: metaName, page_count: pageCount } },
  };
  writeFileSync(path.join(out, 'pagefind-entry.json'), JSON.stringify(entry));
}
