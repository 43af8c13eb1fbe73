/**
 * Reading and writing the files of a Pagefind index, for ./pagefind-merge.ts.
 *
 * What Pagefind 1.6 writes (gzip of `pagefind_dcd` and CBOR; read from its output):
 * - `pagefind.<hash>.pf_meta`: [version, pages [hash, word count, ""], index chunks [from, to,
 *   hash], filters [name, hash], sorts, meta field names];
 * - `index/<hash>.pf_index`: [words], each [word, pages, variants]; a page is [page number,
 *   locations, meta locations], its number counted on from the page before it in the list (the
 *   first from 0); a variant (the word with diacritics) is [word, pages]. Chunks hold words in
 *   byte order until their pages' locations, meta locations and one per page reach the chunk
 *   size;
 * - `filter/<hash>.pf_filter`: [name, values [value, page numbers]], by value;
 * - `fragment/<hash>.pf_fragment`: one page's JSON, which does not depend on its number.
 * A file's hash is the SHA-1 of its CBOR, each byte in hex without its leading zero.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decode } from 'cborg';

const signature = Buffer.from('pagefind_dcd');

/** Pagefind's hash of some bytes: SHA-1, each byte in hex without its leading zero. */
export function pagefindHash(bytes: Uint8Array): string {
  return [...createHash('sha1').update(bytes).digest()].map((b) => b.toString(16)).join('');
}

/** The CBOR in a file Pagefind wrote. */
export function readCbor(file: string): Buffer {
  const data = gunzipSync(readFileSync(file));
  if (!data.subarray(0, signature.length).equals(signature)) {
    throw new Error(`${file}: not a Pagefind index file`);
  }
  return data.subarray(signature.length);
}

/**
 * Writes CBOR as Pagefind does: gzip of the signature and the bytes. zlib's default level, not
 * Pagefind's best: over the 4x word chunks (9.7 MB) it took 141 ms against 318 ms, for 1,813 KB
 * against 1,812 KB.
 */
export function writeCbor(file: string, cbor: Uint8Array): void {
  writeFileSync(file, gzipSync(Buffer.concat([signature, cbor])));
}

/** A name for a file of hash `hash` that `taken` does not hold, as Pagefind shortens it. */
export function shortName(hash: string, length: number, step: number, taken: Set<string>): string {
  let name = hash.slice(0, length);
  while (taken.has(name) && name.length < hash.length) name = hash.slice(0, name.length + step);
  taken.add(name);
  return name;
}

/** A decoded `pf_meta` file (see above). */
export type MetaIndex = [
  version: string,
  pages: [hash: string, words: number, extra: string][],
  chunks: [from: string, to: string, hash: string][],
  filters: [name: string, hash: string][],
  sorts: unknown[],
  metaFields: string[],
];

/** The index of one part: its folder, metadata and language entry. */
export interface Part {
  dir: string;
  meta: MetaIndex;
  entry: { languages: Record<string, { hash: string; page_count: number }> };
  language: string;
}

/** Reads the index Pagefind wrote into `dir` (one language, no sorts, as the index step's). */
export function readPart(dir: string): Part {
  const entry = JSON.parse(
    readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8'),
  ) as Part['entry'];
  const languages = Object.keys(entry.languages);
  if (languages.length !== 1) throw new Error(`${dir}: ${languages.length} languages, not 1`);
  const language = languages[0]!;
  const file = path.join(dir, `pagefind.${entry.languages[language]!.hash}.pf_meta`);
  const meta = decode(readCbor(file)) as MetaIndex;
  if (meta.length !== 6 || meta[4].length > 0) throw new Error(`${file}: unexpected metadata`);
  return { dir, meta, entry, language };
}
