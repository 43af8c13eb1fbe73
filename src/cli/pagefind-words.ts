/**
 * The word chunks of Pagefind indexes merged (see ./pagefind-merge.ts and, for the format,
 * ./pagefind-files.ts).
 *
 * The word chunks are most of the bytes (28 MB of CBOR at 11x): a CBOR library took 3.7-4.8 s
 * to read them into objects, so they are walked here byte by byte and copied as they are but for
 * each part's first page number (the other files go through `cborg`).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  pagefindHash,
  readCbor,
  shortName,
  writeCbor,
  type MetaIndex,
  type Part,
} from './pagefind-files.ts';

/** A CBOR head (major type 0-5, definite lengths only): `read` sets `major` and `value`. */
class Heads {
  major = 0;
  value = 0;
  readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }

  /** Reads the head at `at`; returns where its content starts. */
  read(at: number): number {
    const first = this.bytes[at]!;
    this.major = first >> 5;
    const info = first & 31;
    if (info < 24) {
      this.value = info;
      return at + 1;
    }
    if (info === 24) this.value = this.bytes[at + 1]!;
    else if (info === 25) this.value = this.bytes.readUInt16BE(at + 1);
    else if (info === 26) this.value = this.bytes.readUInt32BE(at + 1);
    else if (info === 27) this.value = Number(this.bytes.readBigUInt64BE(at + 1));
    else throw new Error(`unexpected CBOR item 0x${first.toString(16)} at byte ${at}`);
    return at + 1 + 2 ** (info - 24);
  }

  /** Reads a head of major type `major`; returns where its content starts. */
  expect(at: number, major: number, what: string): number {
    const next = this.read(at);
    if (this.major !== major) throw new Error(`expected ${what} at byte ${at}`);
    return next;
  }

  /** Skips an array of integers at `at`; returns where it ends. `value` is its length. */
  skipIntegers(at: number): number {
    let next = this.expect(at, 4, 'an array');
    const count = this.value;
    for (let i = 0; i < count; i++) {
      const info = this.bytes[next]! & 31;
      next += info < 24 ? 1 : 1 + 2 ** (info - 24);
    }
    this.value = count;
    return next;
  }
}

/** The heads of arrays of 1, 2 and 3 items. */
const array1 = Buffer.from([0x81]);
const array2 = Buffer.from([0x82]);
const array3 = Buffer.from([0x83]);

/** The CBOR head of major type `major` with argument `value`, as short as it goes. */
function cborHead(major: number, value: number): Buffer {
  const m = major << 5;
  if (value < 24) return Buffer.from([m | value]);
  if (value < 0x100) return Buffer.from([m | 24, value]);
  if (value < 0x10000) return Buffer.from([m | 25, value >> 8, value & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = m | 26;
  b.writeUInt32BE(value, 1);
  return b;
}

/** One part's list of pages for a word: where its bytes are, and what the merge changes. */
interface PageList {
  bytes: Buffer;
  count: number;
  /** The first page's number (in its part), and where the rest of its entry starts. */
  first: number;
  firstRest: number;
  /** Where the list ends. */
  end: number;
  /** The last page's number in its part. */
  last: number;
  /** What the list adds to a chunk's size: its locations, meta locations and one per page. */
  size: number;
}

/** Reads the list of pages at `at`; returns it and where it ends. */
function readPages(heads: Heads, at: number): [PageList, number] {
  let next = heads.expect(at, 4, 'a list of pages');
  const count = heads.value;
  const list: PageList = {
    bytes: heads.bytes,
    count,
    first: 0,
    firstRest: 0,
    end: 0,
    last: 0,
    size: 0,
  };
  let page = 0;
  for (let i = 0; i < count; i++) {
    next = heads.expect(next, 4, 'a page');
    if (heads.value !== 3) throw new Error(`a page of ${heads.value} items at byte ${next}`);
    next = heads.expect(next, 0, 'a page number');
    page += heads.value;
    if (i === 0) {
      list.first = heads.value;
      list.firstRest = next;
    }
    next = heads.skipIntegers(next);
    list.size += heads.value + 1;
    next = heads.skipIntegers(next);
    list.size += heads.value;
  }
  list.end = next;
  list.last = page;
  return [list, next];
}

/**
 * A word of one part's chunk: its CBOR item (`key`) and its UTF-8 (`text`, which orders words as
 * Pagefind does), its pages and its variants' (by word).
 */
interface PartWord {
  key: Buffer;
  text: Buffer;
  pages: PageList;
  variants: Map<string, { key: Buffer; pages: PageList }>;
  size: number;
}

/** The words of a chunk's CBOR (`[[word, pages, variants], ...]`), in order. */
function readChunk(bytes: Buffer, file: string): PartWord[] {
  const heads = new Heads(bytes);
  try {
    let at = heads.expect(0, 4, 'a chunk');
    at = heads.expect(at, 4, 'a list of words');
    const words: PartWord[] = [];
    for (let count = heads.value, w = 0; w < count; w++) {
      at = heads.expect(at, 4, 'a word');
      if (heads.value !== 3) throw new Error(`a word of ${heads.value} items at byte ${at}`);
      const keyStart = at;
      const textStart = heads.expect(at, 3, 'a word');
      at = textStart + heads.value;
      const key = bytes.subarray(keyStart, at);
      const text = bytes.subarray(textStart, at);
      let pages: PageList;
      [pages, at] = readPages(heads, at);
      const word: PartWord = { key, text, pages, variants: new Map(), size: pages.size };
      at = heads.expect(at, 4, 'a list of variants');
      for (let v = 0, variants = heads.value; v < variants; v++) {
        at = heads.expect(at, 4, 'a variant');
        const variantStart = at;
        at = heads.expect(at, 3, 'a variant word') + heads.value;
        const variantKey = bytes.subarray(variantStart, at);
        let variantPages: PageList;
        [variantPages, at] = readPages(heads, at);
        word.variants.set(variantKey.toString('latin1'), { key: variantKey, pages: variantPages });
        word.size += variantPages.size;
      }
      words.push(word);
    }
    return words;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/**
 * The pages of one word from every part that has it, as one list: each part's first page
 * number counted on from the last page of the parts before it; `offsets[i]` is part i's first
 * page in the whole.
 */
function mergePages(lists: [number, PageList][], offsets: readonly number[]): Buffer[] {
  const out = [
    cborHead(
      4,
      lists.reduce((n, [, l]) => n + l.count, 0),
    ),
  ];
  let last = -1;
  for (const [part, list] of lists) {
    // A word said only with diacritics has no pages of its own, only its variants'.
    if (list.count === 0) continue;
    const first = offsets[part]! + list.first;
    out.push(
      array3,
      cborHead(0, last < 0 ? first : first - last),
      list.bytes.subarray(list.firstRest, list.end),
    );
    last = offsets[part]! + list.last;
  }
  return out;
}

/** A word's entry merged from the parts that have it (`[part, word]`, in part order). */
function mergeWord(entries: [number, PartWord][], offsets: readonly number[]): Buffer[] {
  const out = [array3, entries[0]![1].key];
  out.push(
    ...mergePages(
      entries.map(([part, w]) => [part, w.pages]),
      offsets,
    ),
  );
  // Variants in the order of the first part that has each, as in the index Pagefind writes for
  // the whole (compared at 11x, where 22 of 9,562 words have variants, one of them several).
  const variants = new Map<string, { key: Buffer; lists: [number, PageList][] }>();
  for (const [part, w] of entries) {
    for (const [name, v] of w.variants) {
      const merged = variants.get(name) ?? { key: v.key, lists: [] };
      merged.lists.push([part, v.pages]);
      variants.set(name, merged);
    }
  }
  out.push(cborHead(4, variants.size));
  for (const { key, lists } of variants.values()) {
    out.push(array2, key, ...mergePages(lists, offsets));
  }
  return out;
}

/** Reads one part's word chunks in order, one chunk at a time. */
function* partWords(dir: string, chunks: readonly string[]): Generator<PartWord> {
  for (const hash of chunks) {
    const file = path.join(dir, 'index', `${hash}.pf_index`);
    yield* readChunk(readCbor(file), file);
  }
}

/** The shortest distinct prefixes of two neighbouring chunks' last and first words. */
function prefixes(a: string, b: string): [string, string] {
  const x = [...a];
  const y = [...b];
  let common = 0;
  while (common < x.length && common < y.length && x[common] === y[common]) common++;
  return [x.slice(0, common + 1).join(''), y.slice(0, common + 1).join('')];
}

/** Writes the word chunks of all parts merged into `out`/index; returns their metadata. */
export function mergeWords(
  parts: readonly Part[],
  offsets: readonly number[],
  out: string,
  language: string,
  chunkSize: number,
): MetaIndex[2] {
  mkdirSync(path.join(out, 'index'), { recursive: true });
  const cursors = parts.map((p) =>
    partWords(
      p.dir,
      p.meta[2].map(([, , hash]) => hash),
    ),
  );
  // Each part's next word, until it has none left.
  const next = cursors.map((c) => c.next().value as PartWord | undefined);
  const chunks: MetaIndex[2] = [];
  const names = new Set<string>();
  let words: Buffer[] = [];
  let count = 0;
  let size = 0;
  let firstWord = '';
  let lastWord = '';
  const flush = () => {
    const cbor = Buffer.concat([array1, cborHead(4, count), ...words]);
    const hash = `${language}_${pagefindHash(cbor)}`;
    // Pagefind lengthens a name that another chunk has by two characters at a time.
    const name = shortName(hash, language.length + 8, 2, names);
    writeCbor(path.join(out, 'index', `${name}.pf_index`), cbor);
    chunks.push([firstWord, lastWord, name]);
    words = [];
    count = 0;
    size = 0;
  };
  for (;;) {
    let min: Buffer | undefined;
    for (const w of next) if (w && (!min || Buffer.compare(w.text, min) < 0)) min = w.text;
    if (!min) break;
    const entries: [number, PartWord][] = [];
    for (const [part, w] of next.entries()) {
      if (w && w.text.equals(min)) {
        entries.push([part, w]);
        next[part] = cursors[part]!.next().value as PartWord | undefined;
      }
    }
    const word = min.toString('utf8');
    if (count === 0) firstWord = word;
    lastWord = word;
    words.push(...mergeWord(entries, offsets));
    count++;
    size += entries.reduce((n, [, w]) => n + w.size, 0);
    if (size >= chunkSize) flush();
  }
  if (count > 0) flush();
  for (let i = 0; i + 1 < chunks.length; i++) {
    const [to, from] = prefixes(chunks[i]![1], chunks[i + 1]![0]);
    // A chunk's last word is cut short only where that keeps it after the chunk's first.
    if (Buffer.compare(Buffer.from(to), Buffer.from(chunks[i]![0])) >= 0) chunks[i]![1] = to;
    chunks[i + 1]![0] = from;
  }
  return chunks;
}
