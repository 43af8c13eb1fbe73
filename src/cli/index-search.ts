/**
 * `node src/cli/index-search.ts [--out DIR | --stage STAGING]`: builds the Pagefind search index
 * from the meeting records (`MEETINGS_DIR`, default content/meetings) into `<DIR>/pagefind/`
 * (default dist): one speaker's turns of a meeting per record, one anchor per turn
 * (src/lib/search/records.ts explains why), the vocabulary the search page checks queries against
 * (src/lib/search/vocabulary.ts) and the browse index (src/lib/search/browse.ts). The built HTML
 * pages are not indexed: a stock per-page index returns whole meetings instead of turns. It
 * prints the time of each step. Its first half, staging (`--stage`: reading, grouping, the
 * records as files), needs no Pagefind; the second half is src/cli/index-write.ts. `npm run
 * build` runs both in its own process beside `astro build` (src/cli/build.ts).
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import yaml from 'js-yaml';
import { loadArchive } from '../lib/archive-config.ts';
import { readMeetingRecord } from '../lib/meeting-record.ts';
import { makeScratchFolder } from '../lib/scratch.ts';
import { sortMeetings } from '../lib/site/meetings.ts';
import { topicsFileSchema } from '../lib/schema.ts';
import { buildSearchRecords, type SearchRecordOptions } from '../lib/search/records.ts';
import { compileTerminology, terminologyFileSchema } from '../lib/search/terminology.ts';
import { createBrowseIndex } from '../lib/search/browse.ts';
import { browseFolder, recordPath } from '../lib/search/contract.ts';
import { sideFolder, summaryFile } from './index-files.ts';
import { createSteps, stagedIndex, type StagedMeeting } from './index-write.ts';
import { recordMark, vocabularyBundle, writeBundle } from './side-files.ts';
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
async function orderMeetingFiles(dir: string, checked?: string): Promise<string[]> {
  const files = (await readdir(dir))
    .filter((n) => n.endsWith('.mdx'))
    .sort()
    .map((n) => path.join(dir, n));
  const buffer = Buffer.alloc(2048);
  const keyed = await Promise.all(
    files.map(async (file) => {
      const fd = openSync(file, 'r');
      const bytesRead = readSync(fd, buffer, 0, buffer.length, 0);
      closeSync(fd);
      const head = buffer.subarray(0, bytesRead).toString('utf8');
      const id = headId.exec(head)?.[1];
      const date = headDate.exec(head);
      if (id && date) return { file, id, date: date[1] ?? null };
      const meeting = await readMeetingRecord(file, checked);
      return { file, id: meeting.id, date: meeting.date };
    }),
  );
  return sortMeetings(keyed).map((m) => m.file);
}

/** What staging the records gave: their URLs in order, counts, step times. */
interface Streamed {
  urls: string[];
  meetings: number;
  turns: number;
  /** Seconds spent reading and parsing files, and grouping their turns into records. */
  reading: number;
  grouping: number;
}

/** Called once a meeting's records are all staged, in browse order. */
type OnStaged = (meeting: StagedMeeting) => void;

/**
 * Reads and groups the meetings one at a time, in browse order, and writes each record as a
 * file under `staging` at its URL, for Pagefind to read one meeting's folder at a time on every
 * core (measured at 4x, `addDirectory`: 1.8 s, against 4.9 s on one core for one `addHTMLFile`
 * message per record), each as soon as `onStaged` hears of it. Only one parsed meeting is held
 * at once; the vocabulary and the browse index count each record as it goes.
 */
async function stageRecords(
  files: readonly string[],
  staging: string,
  options: SearchRecordOptions,
  { vocabulary, browse }: SideIndexes,
  onStaged: OnStaged,
  checked: string | undefined,
): Promise<Streamed> {
  const urls: string[] = [];
  const streamed: Streamed = { urls, meetings: 0, turns: 0, reading: 0, grouping: 0 };
  for (const file of files) {
    let started = performance.now();
    const meeting = await readMeetingRecord(file, checked);
    streamed.reading += (performance.now() - started) / 1000;
    started = performance.now();
    const first = urls.length;
    for (const record of buildSearchRecords([meeting], options)) {
      vocabulary.add(urls.length, record.turns);
      browse.add(urls.length, record.counts);
      urls.push(record.url);
      const target = path.join(staging, recordPath(record.url));
      if (urls.length === first + 1) mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, record.html);
    }
    streamed.meetings++;
    streamed.turns += meeting.turns.length;
    streamed.grouping += (performance.now() - started) / 1000;
    if (urls.length > first) {
      onStaged({ folder: path.posix.dirname(urls[first]!), records: urls.length - first });
    }
  }
  return streamed;
}

/** A YAML list file of the archive, parsed; an empty list when the archive has no such file. */
async function readYamlList<T>(file: string, parse: (data: unknown) => T): Promise<T> {
  return parse(existsSync(file) ? (yaml.load(await readFile(file, 'utf8')) ?? []) : []);
}

/** What is written beside Pagefind's index, from the records as they are built. */
interface SideIndexes {
  /** src/lib/search/vocabulary.ts */
  vocabulary: ReturnType<typeof createVocabulary>;
  /** src/lib/search/browse.ts */
  browse: ReturnType<typeof createBrowseIndex>;
}

/**
 * Writes the vocabulary and the browse index under `dir`, with `recordMark` where a record's
 * Pagefind id goes (src/cli/index-write.ts puts the ids in): the process that counted them has
 * exited before Pagefind runs, when the build's memory peaks.
 */
function stageSideIndexes({ vocabulary, browse }: SideIndexes, dir: string): void {
  mkdirSync(dir, { recursive: true });
  // The vocabulary's files in one (`vocabularyBundle`): thousands of small files, each written
  // here, read back and deleted after Pagefind, cost the build 0.2-0.3 s at its end.
  writeFileSync(path.join(dir, vocabularyBundle), writeBundle(vocabulary.files(recordMark)));
  for (const [name, json] of browse.files(recordMark)) {
    const file = path.join(dir, browseFolder, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, json);
  }
}

const USAGE = `usage: node src/cli/index-search.ts [--out DIR | --stage STAGING]
  Builds the search index of every meeting into DIR/pagefind/ (default DIR: dist, which must
  exist). With --stage it only prepares the index in the empty folder STAGING, for
  src/cli/index-write.ts --from STAGING to write (npm run build does that beside astro build).
  MEETINGS_DIR   folder of meeting .mdx files (default: the archive's content/meetings)
  ARCHIVE_CONFIG the archive's configuration (default: archive.yaml)`;

/** What the staging step leaves for the writing step (src/cli/index-write.ts), as JSON. */
export interface StagedSummary {
  /** The records' URLs, in record order. */
  urls: string[];
  meetings: number;
  turns: number;
  /** `name seconds s` of each step so far. */
  steps: string[];
  /** The staging's time. */
  seconds: number;
}

/**
 * Stages the index into the empty folder `staging`: every record as a file at its URL
 * (`recordPath`), telling `onStaged` of each meeting's as they are written (for Pagefind to read
 * them meanwhile when the two run in one process), the vocabulary and the browse index under
 * `side/` with record marks (`stageSideIndexes`), and `summary.json` (`StagedSummary`). The
 * records are read from the folder of checked records `checked` where given (src/cli/build.ts
 * stages them as soon as its content check has written them), else as `readMeetingRecord`
 * reads them. Needs no Pagefind.
 */
export async function stageIndex(
  staging: string,
  onStaged: OnStaged = () => {},
  checked?: string,
): Promise<void> {
  const { step, steps, started } = createSteps();
  const archive = loadArchive(repoRoot);
  const [topics, terminology, files] = await Promise.all([
    readYamlList(archive.topicsFile, (d) => topicsFileSchema.parse(d)),
    readYamlList(archive.terminologyFile, (d) => terminologyFileSchema.parse(d)),
    orderMeetingFiles(archive.meetingsDir, checked),
  ]);
  step('ordering');
  const side: SideIndexes = { vocabulary: createVocabulary(), browse: createBrowseIndex() };
  const streamed = await stageRecords(
    files,
    staging,
    {
      matchTopics: compileTopicMatcher(topics).match,
      matchTerminology: compileTerminology(terminology),
    },
    side,
    onStaged,
    checked,
  );
  step('reading', streamed.reading);
  step('grouping', streamed.grouping);
  step('staging');
  stageSideIndexes(side, path.join(staging, sideFolder));
  step('vocabulary and browse');
  const summary: StagedSummary = {
    urls: streamed.urls,
    meetings: streamed.meetings,
    turns: streamed.turns,
    steps,
    seconds: (performance.now() - started) / 1000,
  };
  writeFileSync(path.join(staging, summaryFile), JSON.stringify(summary));
}

/**
 * Stages the index and writes it into `out`/pagefind in this one process, Pagefind reading each
 * meeting's records while the next is staged.
 */
export async function indexSearch(out: string): Promise<void> {
  const staging = makeScratchFolder('index-search-');
  const index = stagedIndex(staging);
  try {
    await stageIndex(staging, index.add);
    await index.write(out);
  } finally {
    await index.close();
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The command: parses `argv`, checks the folders, indexes; resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  let out: string;
  let stage: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string', default: 'dist' },
        stage: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    out = path.resolve(values.out);
    stage = values.stage === undefined ? undefined : path.resolve(values.stage);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (stage === undefined && !existsSync(out)) {
    console.error(`${out}: no such folder; run \`astro build\` first (npm run build does both)`);
    return 1;
  }
  try {
    if (stage === undefined) await indexSearch(out);
    else {
      mkdirSync(stage, { recursive: true });
      if (readdirSync(stage).length > 0) throw new Error(`${stage}: not an empty folder`);
      await stageIndex(stage);
    }
    return 0;
  } catch (error) {
    console.error(`pagefind: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.main) process.exitCode = await run(process.argv.slice(2));
