/**
 * The index step has Pagefind write its index in parts and merges them (src/cli/pagefind-merge.ts).
 * Over the corpus's staged records, the merge of three parts must give the files Pagefind writes
 * for all the records at once, and a fragment name that two parts both use must not be lost; the
 * index step writing in parts must give the site the same search index as in one.
 */
import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { decode, encode } from 'cborg';
import * as pagefind from 'pagefind';
import { stageIndex } from '../../src/cli/index-search.ts';
import { summaryFile } from '../../src/cli/index-files.ts';
import { writeStagedIndex } from '../../src/cli/index-write.ts';
import { mergePagefindIndexes } from '../../src/cli/pagefind-merge.ts';
import { corpusSite } from '../helpers/paths.ts';

// Small chunks, for many chunk boundaries between the parts' words.
const chunkSize = 1000;
const work = mkdtempSync(path.join(os.tmpdir(), 'pagefind-merge-'));
const staging = path.join(work, 'staging');

/** Every file under `dir`, by path, as it reads: gzip files inflated. */
function filesOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = readFileSync(file);
    files.set(path.relative(dir, file), /\.pf_\w+$/.test(file) ? gunzipSync(bytes) : bytes);
  }
  return files;
}

/** Has Pagefind index the staged meetings `folders` (in order) into `out`. */
async function writeIndex(folders: readonly string[], out: string): Promise<void> {
  const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
  for (const folder of folders) {
    await index!.addDirectory({ path: staging, glob: `${folder.slice(1)}/*.html` });
  }
  await index!.writeFiles({ outputPath: out });
  await index!.deleteIndex();
}

/** The metadata file of the index in `dir`, and its decoded content. */
function metaOf(dir: string): { file: string; meta: unknown[] } {
  const entry = JSON.parse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8'));
  const file = path.join(dir, `pagefind.${entry.languages.en.hash}.pf_meta`);
  return { file, meta: decode(gunzipSync(readFileSync(file)).subarray(12)) as unknown[] };
}

describe('the index written in parts and merged', () => {
  let folders: string[] = [];
  /** The meetings' folders split into `n` consecutive parts. */
  const split = (n: number) => {
    const size = Math.ceil(folders.length / n);
    return Array.from({ length: n }, (_, i) => folders.slice(i * size, (i + 1) * size));
  };

  before(async () => {
    process.env['MEETINGS_DIR'] = corpusSite.mdx;
    process.env['PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE'] = String(chunkSize);
    mkdirSync(staging);
    await stageIndex(staging);
    const { urls } = JSON.parse(readFileSync(path.join(staging, summaryFile), 'utf8'));
    folders = [...new Set((urls as string[]).map((u) => path.posix.dirname(u)))];
  });
  after(async () => {
    await pagefind.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('gives the files Pagefind writes for the whole', async () => {
    await writeIndex(folders, path.join(work, 'whole'));
    const parts = split(3).map((_, i) => path.join(work, `part-${i}`));
    for (const [i, part] of split(3).entries()) await writeIndex(part, parts[i]!);
    mergePagefindIndexes(parts, path.join(work, 'merged'), chunkSize);
    const whole = filesOf(path.join(work, 'whole'));
    const merged = filesOf(path.join(work, 'merged'));
    assert.ok(whole.size > folders.length, `${whole.size} files`);
    assert.deepEqual([...merged.keys()].sort(), [...whole.keys()].sort());
    const differing = [...whole].filter(([name, bytes]) => !merged.get(name)!.equals(bytes));
    assert.deepEqual(
      differing.map(([name]) => name),
      [],
    );
    const { meta } = metaOf(path.join(work, 'merged'));
    assert.ok((meta[2] as unknown[]).length > 3, 'several word chunks');
  });

  it('renames a fragment whose name an earlier part has, and keeps both', async () => {
    const parts = split(2).map((_, i) => path.join(work, `clash-${i}`));
    for (const [i, part] of split(2).entries()) await writeIndex(part, parts[i]!);
    // Part 1's first page takes the name of part 0's first page.
    const [first, second] = parts.map((p) => metaOf(p));
    const taken = (first!.meta[1] as [string][])[0]![0];
    const pages = second!.meta[1] as [string, number, string][];
    const moved = pages[0]![0];
    renameSync(
      path.join(parts[1]!, 'fragment', `${moved}.pf_fragment`),
      path.join(parts[1]!, 'fragment', `${taken}.pf_fragment`),
    );
    pages[0]![0] = taken;
    const cbor = Buffer.concat([Buffer.from('pagefind_dcd'), encode(second!.meta)]);
    writeFileSync(second!.file, gzipSync(cbor));
    const out = path.join(work, 'clash-merged');
    mergePagefindIndexes(parts, out, chunkSize);
    const names = (metaOf(out).meta[1] as [string][]).map(([name]) => name);
    assert.equal(new Set(names).size, names.length, 'every page has its own fragment');
    // Named from its own hash, as Pagefind names it: here the name it had.
    const renamed = names[(first!.meta[1] as unknown[]).length]!;
    assert.equal(renamed, moved);
    const url = (name: string) =>
      JSON.parse(
        gunzipSync(readFileSync(path.join(out, 'fragment', `${name}.pf_fragment`)))
          .subarray(12)
          .toString(),
      ).url as string;
    assert.notEqual(url(taken), url(renamed));
    assert.equal(url(renamed), `${split(2)[1]![0]}/${path.basename(url(renamed))}`);
  });

  it('writes the same search index into the site in parts as in one', async () => {
    const site = (parts: string) => {
      const dir = path.join(work, `site-${parts}`);
      mkdirSync(dir);
      return dir;
    };
    const [one, several] = [site('one'), site('several')];
    // Each write takes its staging's records as Pagefind reads them.
    for (const [out, options] of [
      [one, {}],
      [several, { partRecords: 300 }],
    ] as const) {
      const staged = path.join(out, 'staging');
      mkdirSync(staged);
      await stageIndex(staged);
      await writeStagedIndex(staged, out, options);
      rmSync(staged, { recursive: true, force: true });
    }
    const a = filesOf(path.join(one, 'pagefind'));
    const b = filesOf(path.join(several, 'pagefind'));
    assert.ok(a.size > folders.length, `${a.size} files`);
    assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
    assert.deepEqual(
      [...a].filter(([name, bytes]) => !b.get(name)!.equals(bytes)).map(([name]) => name),
      [],
    );
  });
});
