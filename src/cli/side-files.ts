/**
 * The side files of the search index (the vocabulary and the browse index,
 * src/lib/search/vocabulary.ts and src/lib/search/browse.ts) between the staging
 * (src/cli/index-search.ts), which writes them with a mark where each record's Pagefind id goes,
 * and the writing step (src/cli/index-write.ts), which puts the ids in once Pagefind has written
 * the index.
 */
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import {
  browseFolder,
  browseIdsFolder,
  filterNames,
  vocabularyFolder,
  vocabularyRecordId,
} from '../lib/search/contract.ts';

/** In the side folder: the vocabulary's files, as one file (`writeBundle`). */
export const vocabularyBundle = 'words.bundle';

/**
 * Files as one text: each file's name on a line, then its text on the next. The texts are JSON
 * from `JSON.stringify`, which writes no line break.
 */
export function writeBundle(files: ReadonlyMap<string, string>): string {
  let bundle = '';
  for (const [name, text] of files) {
    if (/\n/.test(name + text)) throw new Error(`${name}: a bundled file holds a line break`);
    bundle += `${name}\n${text}\n`;
  }
  return bundle;
}

/** The files of a `writeBundle` text, by name. */
export function readBundle(bundle: string): [name: string, text: string][] {
  const lines = bundle.split('\n');
  const files: [string, string][] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) files.push([lines[i]!, lines[i + 1]!]);
  return files;
}

/** Stands for record `n` in the staged side files until Pagefind has named the records. */
export const recordMark = (n: number) => `#${n}`;
/** Every `recordMark` in a side file's JSON, with its record number. */
const recordMarks = /"#(\d+)"/g;

/** Pagefind's result id of each record, by URL, read back from the fragments it wrote. */
// Synchronous: thousands of small files, where each promise round trip costs more than the read.
function readResultIds(outputPath: string): Map<string, string> {
  const dir = path.join(outputPath, 'fragment');
  const ids = new Map<string, string>();
  const head = Buffer.alloc(512);
  // Pagefind writes no fragment folder for an archive without meetings.
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    // A fragment is gzip of `pagefind_dcd` and JSON that starts with the record's URL, so the
    // first bytes, inflated as far as they go, name it (measured: 2x faster than whole files).
    const fd = openSync(path.join(dir, name), 'r');
    const read = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const text = gunzipSync(head.subarray(0, read), { finishFlush: zlibConstants.Z_SYNC_FLUSH })
      .subarray(12)
      .toString();
    const url = /^\{"url":("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
    if (!url) throw new Error(`pagefind: ${name}: no URL at the start of the fragment`);
    ids.set(JSON.parse(url) as string, name.replace(/\.pf_fragment$/, ''));
  }
  return ids;
}

/**
 * Writes the staged side files (`stageSideIndexes`) into the index folder `outputPath` with each
 * record's Pagefind id (the vocabulary's without the language prefix), read from the index
 * Pagefind wrote into `written` (the same folder, or its scratch copy); returns their file counts.
 */
export function writeSideIndexes(
  dir: string,
  urls: readonly string[],
  written: string,
  outputPath: string,
): { words: number; browse: number } {
  const ids = readResultIds(written);
  const idOf = (n: number) => {
    const id = ids.get(urls[n]!);
    if (!id) throw new Error(`pagefind: no fragment written for ${urls[n]}`);
    return id;
  };
  /** Writes each file into `to` with the marks replaced by `id`; the file count. */
  const withIds = (files: [string, string][], to: string, id: (n: number) => string) => {
    mkdirSync(to, { recursive: true });
    for (const [name, json] of files) {
      writeFileSync(
        path.join(to, name),
        json.replace(recordMarks, (_, n: string) => `"${id(Number(n))}"`),
      );
    }
    return files.length;
  };
  /** The files of the folder `from`, by name (none where no record made it). */
  const filesIn = (from: string): [string, string][] =>
    (existsSync(from) ? readdirSync(from) : [])
      .filter((n) => n.endsWith('.json'))
      .map((n) => [n, readFileSync(path.join(from, n), 'utf8')]);
  // Marks stand where ids go: in vocabulary entries and the browse ids files. The browse value
  // files hold none, so their folders move as they are (one rename each).
  const words = withIds(
    readBundle(readFileSync(path.join(dir, vocabularyBundle), 'utf8')),
    path.join(outputPath, vocabularyFolder),
    (n) => vocabularyRecordId(idOf(n)),
  );
  let browse = withIds(
    filesIn(path.join(dir, browseFolder, browseIdsFolder)),
    path.join(outputPath, browseFolder, browseIdsFolder),
    idOf,
  );
  for (const filter of filterNames) {
    const from = path.join(dir, browseFolder, filter);
    if (!existsSync(from)) continue;
    browse += readdirSync(from).length;
    moveFolder(from, path.join(outputPath, browseFolder, filter));
  }
  return { words, browse };
}

/** Moves a folder of files: a rename, or a copy where `to` is on another file system. */
function moveFolder(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true });
  }
}
