/**
 * `node src/cli/index-write.ts --from STAGING [--out DIR]`, the second half of the search index
 * (the first is src/cli/index-search.ts --stage): Pagefind indexes the staged records into
 * DIR/pagefind (default dist), then the staged vocabulary and browse index get the records'
 * Pagefind ids. `npm run build` runs `stagedIndex` from its own process, beside `astro build`
 * (see src/cli/build.ts).
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import { makeScratchFolder } from '../lib/scratch.ts';
import { chunkSize, readSummary, summaryFile, writeAndReport } from './index-files.ts';

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

/** A part of the index: consecutive meetings, how many records they hold, its written folder. */
interface IndexPart {
  index: Promise<pagefind.PagefindIndex>;
  records: number;
  /** Its meetings as Pagefind reads them. */
  adds: Promise<number>[];
  written?: Promise<string>;
}

/**
 * The parts of an index as `stagedIndex` has Pagefind read and write them: `newPart(after)`
 * asks Pagefind for a part once `after` has settled (Pagefind takes its requests one after
 * another in the order sent, so a part's requests follow the last part's); `writePart(part, n)`
 * has it write part number `n` once every meeting asked of it has been asked, and resolves when
 * Pagefind has let go of it; `remove()` removes the written parts, and `writing()` is the
 * seconds Pagefind spent writing them.
 */
function indexParts(): {
  newPart: (after: Promise<unknown>) => IndexPart;
  writePart: (part: IndexPart, n: number) => Promise<unknown>;
  remove: () => void;
  writing: () => number;
} {
  // Where Pagefind writes the parts: a scratch folder, so in RAM where there is room. Pagefind
  // writes its thousands of files all at once; on this machine's ext4 disk that took 20.1 s at
  // 11x and 6.3-7.8 s at 4x, into the RAM file system 16.0 s and 5.2 s, and copying them to the
  // disk then took 1.1 s and 0.9 s.
  let partsFolder: string | undefined;
  // Seconds of Pagefind's writing, summed over the parts.
  let writing = 0;
  const newPart = (after: Promise<unknown>): IndexPart => {
    const index = after.then(() => createPagefindIndex());
    index.catch(() => {}); // taken where the part is read or written
    return { index, records: 0, adds: [] };
  };
  const writePart = (part: IndexPart, n: number): Promise<unknown> => {
    partsFolder ??= makeScratchFolder('pagefind-parts-');
    const folder = path.join(partsFolder, String(n));
    // Its `then` runs after those of the meetings asked of the part, which ask Pagefind at once.
    const written = part.index.then(async (index) => {
      const writingFiles = index.writeFiles({ outputPath: folder });
      // Pagefind starts writing once it has read the part's last meeting.
      await Promise.allSettled(part.adds);
      const started = performance.now();
      const result = await writingFiles;
      if (result.errors.length > 0) throw new Error(`pagefind: ${result.errors.join('; ')}`);
      await index.deleteIndex();
      writing += (performance.now() - started) / 1000;
      return folder;
    });
    written.catch(() => {}); // taken by `write`
    part.written = written;
    return written;
  };
  const remove = () => {
    if (partsFolder) rmSync(partsFolder, { recursive: true, force: true });
  };
  return { newPart, writePart, remove, writing: () => writing };
}

/**
 * The index staged in `staging`. `add(meeting)` has Pagefind read a meeting's staged records,
 * one meeting after another in the order given (the staging calls it as each meeting is staged,
 * so that Pagefind parses on the other core meanwhile); `addStaged()` reads every staged
 * meeting. Meetings go into parts of about `partRecords` records, in order, and Pagefind writes
 * each part as soon as it has read it, then lets go of it before it reads the next, so it holds
 * one part at a time: the build's peak memory went from 1,333-1,364 MB to 1,204-1,254 MB at 4x,
 * and from 2,149-2,240 MB to 1,749 MB at 11x. `write(out)`, once the staging has ended, merges the
 * parts into `out`/pagefind, writes the side files and prints the time of every step, the
 * staging's included. `close()` ends Pagefind's process either way (left running, it keeps this
 * one from exiting) and removes the parts.
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
  const { newPart, writePart, remove: removeParts, writing } = indexParts();
  // The first part is asked for at once, so that Pagefind's process starts while the records
  // are staged (within a 4x build it took about half a second to start, in a CPU timeline
  // sampled every 0.5 s).
  const parts = [newPart(Promise.resolve())];
  let pages = 0;
  // Each meeting's outcome, taken in the order given; the first failure is the one reported.
  let queue: Promise<unknown> = Promise.resolve();
  let failed: unknown;
  // Pagefind's time from the first meeting asked to the last part written.
  let since: number | undefined;
  const add = (meeting: StagedMeeting) => {
    since ??= performance.now();
    // Asked at once: Pagefind takes its requests one after another in the order sent, so the
    // next meeting waits in its queue rather than for this process, busy staging, to hear that
    // the last one is done and ask for it.
    let part = parts.at(-1)!;
    if (part.records >= partRecords) {
      part = newPart(writePart(part, parts.length - 1));
      parts.push(part);
    }
    part.records += meeting.records;
    const added = part.index.then((i) => addMeeting(i, staging, meeting));
    added.catch(() => {}); // taken below, in order
    part.adds.push(added);
    queue = queue.then(async () => {
      try {
        pages += await added;
        // Pagefind holds what it has read, so each meeting's records go once it has: deleting
        // the thousands of small files after the build cost 0.8 s at 4x; all at once, at the
        // end, this process grew from 95 to 107 MB at 4x (to 138 MB at 11x) while Pagefind's
        // memory peaks. Removed at once, not on the thread pool: in a build that staged in this
        // process too, such a removal once never ended (one build hung in about 25 at 4x).
        rmSync(path.join(staging, meeting.folder), { recursive: true, force: true });
      } catch (error) {
        failed ??= error;
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
      const last = parts.at(-1)!;
      if (!last.written) void writePart(last, parts.length - 1);
      const folders = await Promise.all(parts.map((p) => p.written!));
      const adding = since ? (performance.now() - since) / 1000 - writing() : 0;
      // Pagefind's process, done, lets go of its memory before the merge.
      await pagefind.close();
      await writeAndReport(folders, staging, out, { pages, adding, writing: writing() });
      removeParts();
    },
    close: async () => {
      await queue;
      await Promise.allSettled(parts.map((p) => p.written));
      await pagefind.close();
      removeParts();
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
