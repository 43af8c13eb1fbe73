/**
 * `node src/cli/index-search.ts [--out DIR] [--wait-for-go]`, the search half of `npm run build`:
 * builds the Pagefind search index from the meeting records (`MEETINGS_DIR`, default
 * content/meetings) into `<DIR>/pagefind/` (default dist): one speaker's turns of a meeting per
 * record, one anchor per turn (src/lib/search/records.ts explains why), the vocabulary the search
 * page checks queries against (src/lib/search/vocabulary.ts) and the browse index
 * (src/lib/search/browse.ts). The built HTML pages are not indexed: a stock per-page index returns
 * whole meetings instead of turns. It prints the time of each step. Its first half (reading,
 * grouping, staging) needs no Pagefind and runs beside `astro build`; Pagefind starts after Astro
 * has exited, so the build's peak memory is Astro's plus this process's, not Pagefind's on top.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import * as pagefind from 'pagefind';
import { loadArchive } from '../lib/archive-config.ts';
import { readMeetingRecord } from '../lib/meeting-record.ts';
import { sortMeetings } from '../lib/site/meetings.ts';
import { topicsFileSchema } from '../lib/schema.ts';
import { buildSearchRecords, type SearchRecordOptions } from '../lib/search/records.ts';
import { compileTerminology, terminologyFileSchema } from '../lib/search/terminology.ts';
import { createBrowseIndex } from '../lib/search/browse.ts';
import { browseFolder, recordPath, vocabularyFolder } from '../lib/search/contract.ts';
import { createVocabulary } from '../lib/search/vocabulary.ts';
import { compileTopicMatcher } from '../lib/site/topics.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The `id:` and `date:` lines the importer writes at the top of every record. */
const headId = /^id: "?([a-z0-9-]+)"?$/m;
const headDate = /^date: (?:"(\d{4}-\d{2}-\d{2})"|(null))$/m;

/**
 * The meeting files of `dir` in the order of `sortMeetings` (newest first), which is the order
 * a filter-only browse lists them in, read from each file's first lines; a file whose head does
 * not have them as the importer writes them is parsed whole.
 */
async function orderMeetingFiles(dir: string): Promise<string[]> {
  const files = (await readdir(dir))
    .filter((n) => n.endsWith('.mdx'))
    .sort()
    .map((n) => path.join(dir, n));
  const keyed = await Promise.all(
    files.map(async (file) => {
      const handle = await open(file);
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(2048), 0, 2048, 0);
      await handle.close();
      const head = buffer.subarray(0, bytesRead).toString('utf8');
      const id = headId.exec(head)?.[1];
      const date = headDate.exec(head);
      if (id && date) return { file, id, date: date[1] ?? null };
      const meeting = await readMeetingRecord(file);
      return { file, id: meeting.id, date: meeting.date };
    }),
  );
  return sortMeetings(keyed).map((m) => m.file);
}

/** What streaming the records into the index gave: their URLs in order, counts, step times. */
interface Streamed {
  urls: string[];
  meetings: number;
  turns: number;
  /** Seconds spent reading and parsing files, and grouping their turns into records. */
  reading: number;
  grouping: number;
}

/**
 * Reads and groups the meetings one at a time, in browse order, and writes each record as a
 * file under `staging` at its URL, for Pagefind to read in one `addDirectory` call: Pagefind then
 * parses them on every core (measured at 4x: 1.8 s, against 4.9 s on one core for one
 * `addHTMLFile` message per record), and this step needs no Pagefind process, so it can run
 * beside `astro build`. Only one parsed meeting is held at once; the vocabulary and the browse
 * index count each record as it goes.
 */
async function stageRecords(
  files: readonly string[],
  staging: string,
  options: SearchRecordOptions,
  { vocabulary, browse }: SideIndexes,
): Promise<Streamed> {
  const urls: string[] = [];
  const streamed: Streamed = { urls, meetings: 0, turns: 0, reading: 0, grouping: 0 };
  for (const file of files) {
    let started = performance.now();
    const meeting = await readMeetingRecord(file);
    streamed.reading += (performance.now() - started) / 1000;
    started = performance.now();
    for (const record of buildSearchRecords([meeting], options)) {
      vocabulary.add(urls.length, record.turns);
      browse.add(urls.length, record.counts);
      urls.push(record.url);
      const target = path.join(staging, recordPath(record.url));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, record.html);
    }
    streamed.meetings++;
    streamed.turns += meeting.turns.length;
    streamed.grouping += (performance.now() - started) / 1000;
  }
  return streamed;
}

/** A YAML list file of the archive, parsed; an empty list when the archive has no such file. */
async function readYamlList<T>(file: string, parse: (data: unknown) => T): Promise<T> {
  return parse(existsSync(file) ? (yaml.load(await readFile(file, 'utf8')) ?? []) : []);
}

/** Word locations per index chunk (Pagefind's unit); see `writeIndex`. */
const indexChunkSize = 5000;

/** A new Pagefind index. */
async function createIndex(): Promise<pagefind.PagefindIndex> {
  // A search downloads the index chunk of each of its words, so the chunk size bounds what a
  // search costs. Pagefind's default makes chunks of 23 KB at the median for this corpus (two-word
  // searches went over the 50 KB budget); this setting of the pinned Pagefind makes the median
  // 7 KB (a very frequent word still fills a chunk of its own), at 2 KB more metadata on the
  // first search. tests/build/search-index.test.ts checks the median.
  process.env['PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE'] ??= String(indexChunkSize);
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  return index;
}

/** Pagefind's result id of each record, by URL, read back from the fragments it wrote. */
// Synchronous: thousands of small files, where each promise round trip costs more than the read.
function readResultIds(outputPath: string): Map<string, string> {
  const dir = path.join(outputPath, 'fragment');
  const ids = new Map<string, string>();
  const head = Buffer.alloc(512);
  for (const name of readdirSync(dir)) {
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

/** What is written beside Pagefind's index, from the records as they are built. */
interface SideIndexes {
  /** src/lib/search/vocabulary.ts */
  vocabulary: ReturnType<typeof createVocabulary>;
  /** src/lib/search/browse.ts */
  browse: ReturnType<typeof createBrowseIndex>;
}

/** Writes the vocabulary and the browse index beside the index; returns their file counts. */
function writeSideIndexes(
  { vocabulary, browse }: SideIndexes,
  urls: readonly string[],
  outputPath: string,
): { words: number; browse: number } {
  const ids = readResultIds(outputPath);
  const idOf = (n: number) => {
    const id = ids.get(urls[n]!);
    if (!id) throw new Error(`pagefind: no fragment written for ${urls[n]}`);
    return id;
  };
  const write = (folder: string, files: Map<string, string>) => {
    for (const [name, json] of files) {
      const file = path.join(outputPath, folder, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, json);
    }
    return files.size;
  };
  return {
    words: write(vocabularyFolder, vocabulary.files(idOf)),
    browse: write(browseFolder, browse.files(idOf)),
  };
}

const USAGE = `usage: node src/cli/index-search.ts [--out DIR] [--wait-for-go]
  Builds the search index of every meeting into DIR/pagefind/ (default DIR: dist, which must
  exist). With --wait-for-go it prepares the records, then waits for a line "go" on standard
  input before it writes into DIR (npm run build says it once astro build has finished).
  MEETINGS_DIR   folder of meeting .mdx files (default: the archive's content/meetings)
  ARCHIVE_CONFIG the archive's configuration (default: archive.yaml)`;

/**
 * Step timer: `step(name)` records the time since the last step; `step(name, seconds)` records
 * that part of it under `name`, and the rest goes to the next step.
 */
function createSteps(): {
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

/**
 * Reads the records and writes the index into `out`/pagefind; prints the time of each step.
 * `ready`, when given, is awaited after the records are staged and before Pagefind starts:
 * `npm run build` stages them while `astro build` runs, and lets Pagefind in once Astro has
 * exited, so the two never hold their memory at once.
 */
export async function indexSearch(out: string, ready?: Promise<void>): Promise<void> {
  const { step, steps, started } = createSteps();
  const archive = loadArchive(repoRoot);
  const [topics, terminology, files] = await Promise.all([
    readYamlList(archive.topicsFile, (d) => topicsFileSchema.parse(d)),
    readYamlList(archive.terminologyFile, (d) => terminologyFileSchema.parse(d)),
    orderMeetingFiles(archive.meetingsDir),
  ]);
  step('ordering');
  const side: SideIndexes = { vocabulary: createVocabulary(), browse: createBrowseIndex() };
  const staging = mkdtempSync(path.join(os.tmpdir(), 'index-search-'));
  let streamed: Streamed;
  let sideFiles = { words: 0, browse: 0 };
  try {
    streamed = await stageRecords(
      files,
      staging,
      {
        matchTopics: compileTopicMatcher(topics).match,
        matchTerminology: compileTerminology(terminology),
      },
      side,
    );
    step('reading', streamed.reading);
    step('grouping', streamed.grouping);
    step('staging');
    await ready;
    step('waiting for astro');
    if (!existsSync(out)) throw new Error(`${out}: no such folder; build the site first`);
    const outputPath = path.join(out, 'pagefind');
    // Files of an earlier index (Pagefind keeps what it finds, and values come and go) would stay.
    rmSync(outputPath, { recursive: true, force: true });
    // Pagefind's own process peaks while it writes; this one gives back the garbage of reading
    // first when it can (`npm run build` runs it with --expose-gc): at 11x, 390 -> 280 MB.
    (globalThis as { gc?: () => void }).gc?.();
    const index = await createIndex();
    const added = await index.addDirectory({ path: staging });
    if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    if (added.page_count !== streamed.urls.length) {
      throw new Error(`pagefind: ${added.page_count} of ${streamed.urls.length} records added`);
    }
    step('adding');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    step('writing');
    sideFiles = writeSideIndexes(side, streamed.urls, outputPath);
    step('vocabulary and browse');
  } finally {
    // The index lives in a child process; left running, it keeps this one from exiting.
    await pagefind.close();
    rmSync(staging, { recursive: true, force: true });
  }
  const { meetings, turns, urls } = streamed;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `pagefind: indexed ${turns.toLocaleString('en')} turns of ${meetings} meetings ` +
      `(${urls.length.toLocaleString('en')} records, ${sideFiles.words} vocabulary files, ` +
      `${sideFiles.browse} browse files) in ${seconds} s ` +
      `(${steps.join(', ')})`,
  );
}

/**
 * Resolves when standard input says `go` (a line), rejects when it ends first: how
 * `npm run build` lets the index step on once `astro build` has succeeded.
 */
function goFromStdin(): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
      if (/^go$/m.test(text)) {
        process.stdin.pause();
        resolve();
      }
    });
    process.stdin.on('end', () => reject(new Error('stopped: the site build did not finish')));
  });
}

/** The command: parses `argv`, checks the output folder, indexes; resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  let out: string;
  let wait: boolean;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string', default: 'dist' },
        'wait-for-go': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    out = path.resolve(values.out);
    wait = values['wait-for-go'];
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!wait && !existsSync(out)) {
    console.error(`${out}: no such folder; run \`astro build\` first (npm run build does both)`);
    return 1;
  }
  try {
    await indexSearch(out, wait ? goFromStdin() : undefined);
    return 0;
  } catch (error) {
    console.error(`pagefind: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.main) process.exitCode = await run(process.argv.slice(2));
