/**
 * `node src/cli/index-search.ts [--out DIR]`, the last step of `npm run build`: builds the Pagefind
 * search index from the meeting records (`MEETINGS_DIR`, default content/meetings) into
 * `<DIR>/pagefind/` (default dist): one speaker's turns of a meeting per record, one anchor per
 * turn (src/lib/search/records.ts explains why), and the vocabulary the search page checks
 * queries against (src/lib/search/vocabulary.ts). The built HTML pages are not indexed: a stock
 * per-page index returns whole meetings instead of turns. It prints the time of each step. It runs after
 * `astro build` has exited, not inside it, so the build's peak memory is the larger of the two
 * processes rather than their sum (Pagefind's own process needs about 400 MB for the corpus).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import yaml from 'js-yaml';
import * as pagefind from 'pagefind';
import { readFrontmatterYaml } from '../lib/frontmatter.ts';
import { parseMeetingFile } from '../lib/meeting-file.ts';
import { sortMeetings } from '../lib/site/meetings.ts';
import { meetingSchema, topicsFileSchema, type Meeting } from '../lib/schema.ts';
import { buildSearchRecords, type SearchRecord } from '../lib/search/records.ts';
import { compileTerminology, terminologyFileSchema } from '../lib/search/terminology.ts';
import { buildVocabulary } from '../lib/search/vocabulary.ts';
import { compileTopicMatcher } from '../lib/site/topics.ts';

/**
 * Reads every meeting record in `dir` the way Astro does (js-yaml, then the schema): 8x faster
 * than the importer's `yaml`-based reader, which is used only to name file:line:col on an error.
 */
export async function readMeetingRecords(dir: string): Promise<Meeting[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.mdx')).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const source = await readFile(file, 'utf8');
      const frontmatter = readFrontmatterYaml(source);
      const parsed = meetingSchema.safeParse(frontmatter ? yaml.load(frontmatter) : undefined);
      if (parsed.success) return parsed.data;
      try {
        parseMeetingFile(source);
      } catch (error) {
        const { line = 1, column = 1 } = error as { line?: number; column?: number };
        throw new Error(`${file}:${line}:${column}: ${(error as Error).message}`);
      }
      throw new Error(`${file}:1:1: invalid meeting record: ${parsed.error.issues[0]?.message}`);
    }),
  );
}

async function readYamlList<T>(file: string, parse: (data: unknown) => T): Promise<T> {
  return parse(yaml.load(await readFile(file, 'utf8')) ?? []);
}

/** Word locations per index chunk (Pagefind's unit); see `writeIndex`. */
const indexChunkSize = 5000;

/** Adds the records to a new Pagefind index. */
async function addRecords(records: readonly SearchRecord[]): Promise<pagefind.PagefindIndex> {
  // A search downloads the index chunk of each of its words, so the chunk size bounds what a
  // search costs. Pagefind's default makes chunks of 23 KB at the median for this corpus (two-word
  // searches went over the 50 KB budget); this setting of the pinned Pagefind makes the median
  // 7 KB (a very frequent word still fills a chunk of its own), at 2 KB more metadata on the
  // first search. tests/build/search-index.test.ts checks the median.
  process.env['PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE'] ??= String(indexChunkSize);
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  // All at once: the service pipelines the requests instead of one round trip each.
  const added = await Promise.all(
    records.map((r) => index.addHTMLFile({ url: r.url, content: r.html })),
  );
  const failed = added.findIndex((a) => a.errors.length > 0);
  if (failed !== -1) {
    throw new Error(`pagefind: ${records[failed]?.url}: ${added[failed]?.errors.join('; ')}`);
  }
  return index;
}

/** Pagefind's result id of each record, by URL, read back from the fragments it wrote. */
// Synchronous: a thousand small files, where each promise round trip costs more than the read.
function readResultIds(outputPath: string): Map<string, string> {
  const dir = path.join(outputPath, 'fragment');
  const ids = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    // A fragment is gzip of `pagefind_dcd` and JSON that starts with the record's URL.
    const json = gunzipSync(readFileSync(path.join(dir, name)))
      .subarray(12)
      .toString();
    ids.set((JSON.parse(json) as { url: string }).url, name.replace(/\.pf_fragment$/, ''));
  }
  return ids;
}

/** Writes the vocabulary files beside the index (see src/lib/search/vocabulary.ts). */
function writeVocabulary(records: readonly SearchRecord[], outputPath: string): number {
  const ids = readResultIds(outputPath);
  const files = buildVocabulary(
    records.map((r) => {
      const id = ids.get(r.url);
      if (!id) throw new Error(`pagefind: no fragment written for ${r.url}`);
      return { id, turns: r.turns };
    }),
  );
  const dir = path.join(outputPath, 'words');
  mkdirSync(dir, { recursive: true });
  for (const [name, json] of files) writeFileSync(path.join(dir, name), json);
  return files.size;
}

/** Reads the records and writes the index; prints the time of each step. */
export async function runIndexSearch(args: readonly string[]): Promise<number> {
  const at = args.indexOf('--out');
  const out = path.resolve(at === -1 ? 'dist' : (args[at + 1] ?? 'dist'));
  if (!existsSync(out)) {
    console.error(
      `${out}: no built site here; run \`astro build\` first (npm run build does both)`,
    );
    return 1;
  }
  const started = performance.now();
  let last = started;
  const steps: string[] = [];
  const step = (name: string) => {
    const now = performance.now();
    steps.push(`${name} ${((now - last) / 1000).toFixed(2)} s`);
    last = now;
  };
  const meetingsDir = path.resolve(process.env['MEETINGS_DIR'] ?? 'content/meetings');
  const [meetings, topics, terminology] = await Promise.all([
    readMeetingRecords(meetingsDir),
    readYamlList('content/topics.yaml', (d) => topicsFileSchema.parse(d)),
    readYamlList('content/terminology.yaml', (d) => terminologyFileSchema.parse(d)),
  ]);
  step('reading');
  const records = buildSearchRecords(sortMeetings(meetings), {
    matchTopics: compileTopicMatcher(topics).match,
    matchTerminology: compileTerminology(terminology),
  });
  step('grouping');
  const turns = records.reduce((n, r) => n + r.turns.length, 0);
  const outputPath = path.join(out, 'pagefind');
  let shards = 0;
  try {
    const index = await addRecords(records);
    step('adding');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
    step('writing');
    shards = writeVocabulary(records, outputPath);
    step('vocabulary');
  } finally {
    // The index lives in a child process; left running, it keeps this one from exiting.
    await pagefind.close();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `pagefind: indexed ${turns.toLocaleString('en')} turns of ${meetings.length} meetings ` +
      `(${records.length.toLocaleString('en')} records, ${shards} vocabulary files) in ${seconds} s ` +
      `(${steps.join(', ')})`,
  );
  return 0;
}

if (import.meta.main) {
  runIndexSearch(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`pagefind: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
