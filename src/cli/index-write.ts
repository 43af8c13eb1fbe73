/**
 * `node src/cli/index-write.ts --from STAGING [--out DIR]`, the second half of the search index
 * (the first is src/cli/index-search.ts --stage): Pagefind indexes the staged records into
 * DIR/pagefind (default dist), then the staged vocabulary and browse index get the records'
 * Pagefind ids. `npm run build` runs `stagedIndex` from its own small process, beside `astro
 * build` (see src/cli/build.ts).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import { makeScratchFolder, scratchInRam } from '../lib/scratch.ts';
import { mergePagefindIndexes } from './pagefind-merge.ts';
import { writeSideIndexes } from './side-files.ts';
import { copyOnWorker, removeAside } from './site-folders.ts';
import type { StagedSummary } from './index-search.ts';

/** Under the staging folder: the side files, and the staging step's summary. */
export const sideFolder = 'side';
export const summaryFile = 'summary.json';

/** Word locations per index chunk (Pagefind's unit), unless the environment sets another. */
const indexChunkSize = 5000;
const chunkSizeVariable = 'PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE';

/** The chunk size Pagefind is given (the merge of its parts cuts chunks the same). */
function chunkSize(): number {
  process.env[chunkSizeVariable] ??= String(indexChunkSize);
  return Number(process.env[chunkSizeVariable]);
}

/**
 * Records per part of the index (`stagedIndex`'s default). Pagefind's writing grows faster
 * than the records, so it writes parts of about this many records one after another and
 * ./pagefind-merge.ts merges them into the index it would have written for all of them (the
 * same files). Measured with the records staged: at 4x (3,292 records) one index wrote in
 * 5.0-5.3 s, 3 parts in 3.8 s; at 11x (9,053) one in 16.1-16.6 s, 8 parts in 9.1-9.6 s and 16
 * in 9.6 s; merging took 0.8 s at 4x and 1.4 s at 11x. At 1x (823) one wrote in 1.3 s and 3
 * parts in 1.0 s, plus 0.4-0.5 s to merge, so the corpus stays one part.
 */
const defaultPartRecords = 1100;

/**
 * A meeting whose records are all staged: its folder under the staging folder
 * (`/meetings/<meeting>`, the records' URL folder) and how many records it holds.
 */
export interface StagedMeeting {
  folder: string;
  records: number;
}

/**
 * The meetings of a staging's record URLs (`recordUrl`: /meetings/<meeting>/<turn>.html), in
 * order.
 */
function stagedMeetings(urls: readonly string[]): StagedMeeting[] {
  const meetings = new Map<string, number>();
  for (const url of urls) {
    const folder = path.posix.dirname(url);
    meetings.set(folder, (meetings.get(folder) ?? 0) + 1);
  }
  return [...meetings].map(([folder, records]) => ({ folder, records }));
}

/**
 * A Pagefind index that reads one meeting's staged folder at a time (`addDirectory`, parsed on
 * every core), in the order they are given, which is browse order. Pagefind numbers pages in
 * the order it reads them, and its index compresses runs of near numbers: read in one folder
 * walk (its CLI, or one `addDirectory`), the word index at 11x was 4.8-5.0 MB instead of 2.8 MB,
 * and a search for "flash attention" downloaded 96 KB, over the 50 KB budget; meeting by meeting
 * it is as small as record by record (4x: 1.88 MB either way) and takes 8 s instead of 12. A
 * search downloads the index chunk of each of its words, so the chunk size bounds what it costs
 * too: Pagefind's default makes chunks of 23 KB at the median for this corpus; this setting of
 * the pinned Pagefind makes the median 7 KB (tests/build/search-index.test.ts checks it).
 */
async function createPagefindIndex(): Promise<pagefind.PagefindIndex> {
  chunkSize();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  return index;
}

/** Has `index` read the staged records of `meeting`; returns how many pages it added. */
async function addMeeting(
  index: pagefind.PagefindIndex,
  staging: string,
  { folder, records }: StagedMeeting,
): Promise<number> {
  // Meeting ids are [a-z0-9-]+ (the schema), so the folder is a glob as it stands.
  const added = await index.addDirectory({
    path: staging,
    glob: `${folder.slice(1)}/*.html`,
  });
  if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
  if (added.page_count !== records) {
    throw new Error(`pagefind: ${folder}: ${added.page_count} of ${records} records added`);
  }
  return added.page_count;
}

/**
 * Step timer: `step(name)` records the time since the last step; `step(name, seconds)` records
 * that part of it under `name`, and the rest goes to the next step.
 */
export function createSteps(): {
  step: (name: string, seconds?: number) => void;
  steps: string[];
  started: number;
} {
  const started = performance.now();
  let last = started;
  const steps: string[] = [];
  return {
    started,
    steps,
    step(name, seconds) {
      const now = performance.now();
      const took = seconds ?? (now - last) / 1000;
      steps.push(`${name} ${took.toFixed(2)} s`);
      last = seconds === undefined ? now : last + seconds * 1000;
    },
  };
}

/** The staged summary in `staging` (`StagedSummary`). */
function readSummary(staging: string): StagedSummary {
  return JSON.parse(readFileSync(path.join(staging, summaryFile), 'utf8')) as StagedSummary;
}

/** Runs `work` as the step `name`, whose time counts towards the index's. */
type Timed = <T>(name: string, work: () => Promise<T> | T) => Promise<T>;

/**
 * Has Pagefind write the parts `indexes` (in record order) into `out`/pagefind as one index and
 * closes it, then writes the side files with the ids of the records (`urls`, in record order);
 * returns the side files' counts.
 */
async function writeIndexFiles(
  indexes: readonly pagefind.PagefindIndex[],
  staging: string,
  urls: readonly string[],
  out: string,
  timed: Timed,
): Promise<{ words: number; browse: number }> {
  const outputPath = path.join(out, 'pagefind');
  // Files of an earlier index (Pagefind keeps what it finds, and values come and go) would stay.
  // Its removal settles to the error it met, if any, so that none goes unhandled meanwhile.
  const removal = removeAside(outputPath).then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  // Pagefind writes its thousands of files all at once; on this machine's ext4 disk that took
  // 20.1 s at 11x and 6.3-7.8 s at 4x, into the RAM file system 16.0 s and 5.2 s, and copying
  // them to the disk then took 1.1 s and 0.9 s. So where scratch folders are in RAM
  // (src/lib/scratch.ts), the index is written there and then copied into the site.
  const written = scratchInRam() ? makeScratchFolder('pagefind-') : outputPath;
  // The parts go beside it, on its file system, as the merge moves their fragments.
  const parts = indexes.length > 1 ? `${written}.parts` : undefined;
  let copying: Promise<void> | undefined;
  try {
    const partFolders = await timed('pagefind writing', async () => {
      const folders: string[] = [];
      if (parts) rmSync(parts, { recursive: true, force: true });
      for (const [n, index] of indexes.entries()) {
        const folder = parts ? path.join(parts, String(n)) : written;
        const result = await index.writeFiles({ outputPath: folder });
        if (result.errors.length > 0) throw new Error(`pagefind: ${result.errors.join('; ')}`);
        // Pagefind's process lets go of the part it has written.
        if (parts) await index.deleteIndex();
        folders.push(folder);
      }
      await pagefind.close();
      return folders;
    });
    if (parts) {
      await timed('merging', () => mergePagefindIndexes(partFolders, written, chunkSize()));
    }
    // The copy runs on a worker thread while this one writes the side files straight into the
    // site: at 11x the ids took 0.64 s and the copy 1.96 s, one after the other.
    mkdirSync(outputPath, { recursive: true });
    if (written !== outputPath) {
      copying = timed('copying', () => copyOnWorker(written, outputPath));
    }
    const sideFiles = await timed('ids', () =>
      writeSideIndexes(path.join(staging, sideFolder), urls, written, outputPath),
    );
    await copying;
    const removed = await removal;
    if (removed) throw removed.error;
    return sideFiles;
  } finally {
    await copying?.catch(() => {});
    if (parts) rmSync(parts, { recursive: true, force: true });
    if (written !== outputPath) rmSync(written, { recursive: true, force: true });
    await removal;
  }
}

/**
 * Writes the parts `indexes`, every staged meeting read (`read`: how many records, in how many
 * seconds), into `out`/pagefind with the side files, and prints the time of every step, the
 * staging's included.
 */
async function writeAndReport(
  indexes: readonly pagefind.PagefindIndex[],
  staging: string,
  out: string,
  read: { pages: number; adding: number },
): Promise<void> {
  const summary = readSummary(staging);
  if (read.pages !== summary.urls.length) {
    throw new Error(`pagefind: ${read.pages} of ${summary.urls.length} records added`);
  }
  const steps = [...summary.steps, `pagefind adding ${read.adding.toFixed(2)} s`];
  // The sum of the steps; where steps ran side by side (the staging and Pagefind's reading, the
  // ids and the copying), more than the wall time.
  let seconds = summary.seconds + read.adding;
  const timed: Timed = async (name, work) => {
    const started = performance.now();
    const result = await work();
    const took = (performance.now() - started) / 1000;
    steps.push(`${name} ${took.toFixed(2)} s`);
    seconds += took;
    return result;
  };
  const sideFiles = await writeIndexFiles(indexes, staging, summary.urls, out, timed);
  console.log(
    `pagefind: indexed ${summary.turns.toLocaleString('en')} turns of ${summary.meetings} ` +
      `meetings (${summary.urls.length.toLocaleString('en')} records in ` +
      `${indexes.length === 1 ? 'one part' : `${indexes.length} parts`}, ${sideFiles.words} ` +
      `vocabulary files, ${sideFiles.browse} browse files) in ${seconds.toFixed(1)} s ` +
      `(${steps.join(', ')})`,
  );
}

/**
 * The index staged in `staging`. `add(meeting)` has Pagefind read a meeting's staged records,
 * one meeting after another in the order given (the index step run on its own calls it as each
 * meeting is staged, so that Pagefind parses on the other core meanwhile); `addStaged()` reads
 * every staged meeting. Meetings go into parts of about `partRecords` records, in order.
 * `write(out)`, once the staging has ended, writes the index into `out`/pagefind with
 * the side files and prints the time of every step, the staging's included. `close()` ends
 * Pagefind's process either way (left running, it keeps this one from exiting).
 */
export function stagedIndex(
  staging: string,
  { partRecords = defaultPartRecords }: { partRecords?: number } = {},
): {
  add: (meeting: StagedMeeting) => void;
  addStaged: () => Promise<void>;
  write: (out: string) => Promise<void>;
  close: () => Promise<void>;
} {
  // The parts, each an index of consecutive meetings, and how many records each holds. The
  // first is asked for at once, so that Pagefind's process starts while the records are staged
  // (within a 4x build it took about half a second to start, in a CPU timeline sampled every
  // 0.5 s).
  const newPart = () => {
    const index = createPagefindIndex();
    index.catch(() => {}); // taken where the part is read or written
    return { index, records: 0 };
  };
  const parts = [newPart()];
  let adding = 0;
  let pages = 0;
  // Each meeting's outcome, taken in the order given; the first failure is the one reported.
  let queue: Promise<unknown> = Promise.resolve();
  let failed: unknown;
  // Pagefind holds what it has read, so each meeting's records go once it has: deleting the
  // thousands of small files after the build cost 0.8 s at 4x; all at once, at the end, this
  // process grew from 95 to 107 MB at 4x (to 138 MB at 11x) while Pagefind's memory peaks.
  let removal: Promise<unknown> = Promise.resolve();
  // Pagefind's time reading: while any meeting is being read or waits to be.
  let reading = 0;
  let readingSince = 0;
  const add = (meeting: StagedMeeting) => {
    if (reading++ === 0) readingSince = performance.now();
    // Asked at once: Pagefind takes its requests one after another in the order sent, so the
    // next meeting waits in its queue rather than for this process, busy staging, to hear that
    // the last one is done and ask for it.
    let part = parts.at(-1)!;
    if (part.records >= partRecords) {
      part = newPart();
      parts.push(part);
    }
    part.records += meeting.records;
    const added = part.index.then((i) => addMeeting(i, staging, meeting));
    added.catch(() => {}); // taken below, in order
    queue = queue.then(async () => {
      try {
        pages += await added;
        const folder = path.join(staging, meeting.folder);
        removal = removal.then(() => rm(folder, { recursive: true, force: true }));
      } catch (error) {
        failed ??= error;
      } finally {
        if (--reading === 0) adding += (performance.now() - readingSince) / 1000;
      }
    });
  };
  /** Waits for every queued meeting; throws the first failure. */
  const added = async () => {
    await queue;
    if (failed !== undefined) throw failed;
  };
  return {
    add,
    addStaged: async () => {
      for (const meeting of stagedMeetings(readSummary(staging).urls)) add(meeting);
      await added();
    },
    write: async (out) => {
      await added();
      const indexes = await Promise.all(parts.map((p) => p.index));
      await writeAndReport(indexes, staging, out, { pages, adding });
      await removal;
    },
    close: async () => {
      await queue;
      await pagefind.close();
      await removal;
    },
  };
}

/**
 * Writes the index staged in `staging` into `out`/pagefind: every meeting, then `write`; the
 * options are `stagedIndex`'s.
 */
export async function writeStagedIndex(
  staging: string,
  out: string,
  options?: Parameters<typeof stagedIndex>[1],
): Promise<void> {
  const staged = stagedIndex(staging, options);
  try {
    await staged.addStaged();
    await staged.write(out);
  } finally {
    await staged.close();
  }
}

const USAGE = `usage: node src/cli/index-write.ts --from STAGING [--out DIR]
  Writes the search index staged by \`node src/cli/index-search.ts --stage STAGING\` into
  DIR/pagefind/ (default DIR: dist, which must exist).`;

/** The command: parses `argv`, checks the folders, writes; resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  let out: string;
  let from: string;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        out: { type: 'string', default: 'dist' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.from === undefined) throw new Error('--from STAGING is required');
    out = path.resolve(values.out);
    from = path.resolve(values.from);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  for (const [dir, what] of [
    [out, 'run `astro build` first (npm run build does both)'],
    [path.join(from, summaryFile), 'stage the index first (index-search.ts --stage)'],
  ] as const) {
    if (!existsSync(dir)) {
      console.error(`${dir}: not found; ${what}`);
      return 1;
    }
  }
  try {
    await writeStagedIndex(from, out);
    return 0;
  } catch (error) {
    console.error(`pagefind: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.main) process.exitCode = await run(process.argv.slice(2));
