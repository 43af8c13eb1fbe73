/**
 * `node src/cli/index-search.ts [--out DIR]`, the last step of `npm run build`: builds the Pagefind
 * search index from the meeting records (`MEETINGS_DIR`, default content/meetings) into
 * `<DIR>/pagefind/` (default dist): small groups of speaker turns with one anchor per turn
 * (src/lib/search-records.ts explains why not one record per turn). The built HTML pages are not
 * indexed: a stock per-page index returns whole meetings instead of turns. It runs after
 * `astro build` has exited, not inside it, so the build's peak memory is the larger of the two
 * processes rather than their sum (Pagefind's own process needs about 400 MB for the corpus).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import * as pagefind from 'pagefind';
import { parseMeetingFile, readFrontmatterYaml } from '../lib/meeting-file.ts';
import { sortMeetings } from '../lib/meetings.ts';
import { meetingSchema, topicsFileSchema, type Meeting } from '../lib/schema.ts';
import { buildSearchGroups, type SearchGroup } from '../lib/search-records.ts';
import { compileTerminology, terminologyFileSchema } from '../lib/terminology.ts';
import { compileTopicMatcher } from '../lib/topics.ts';

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

/** Indexes the records with Pagefind and writes the bundle to `outputPath`. */
async function writeIndex(groups: readonly SearchGroup[], outputPath: string): Promise<void> {
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
    groups.map((g) => index.addHTMLFile({ url: g.url, content: g.html })),
  );
  const failed = added.findIndex((a) => a.errors.length > 0);
  if (failed !== -1) {
    throw new Error(`pagefind: ${groups[failed]?.url}: ${added[failed]?.errors.join('; ')}`);
  }
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
}

/** Reads the records and writes the index; prints the time it took. */
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
  const meetingsDir = path.resolve(process.env['MEETINGS_DIR'] ?? 'content/meetings');
  const [meetings, topics, terminology] = await Promise.all([
    readMeetingRecords(meetingsDir),
    readYamlList('content/topics.yaml', (d) => topicsFileSchema.parse(d)),
    readYamlList('content/terminology.yaml', (d) => terminologyFileSchema.parse(d)),
  ]);
  const groups = buildSearchGroups(sortMeetings(meetings), {
    matchTopics: compileTopicMatcher(topics).match,
    matchTerminology: compileTerminology(terminology),
  });
  const turns = groups.reduce((n, g) => n + g.turns.length, 0);
  try {
    await writeIndex(groups, path.join(out, 'pagefind'));
  } finally {
    // The index lives in a child process; left running, it keeps this one from exiting.
    await pagefind.close();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `pagefind: indexed ${turns.toLocaleString('en')} turns of ${meetings.length} meetings ` +
      `(${groups.length.toLocaleString('en')} records) in ${seconds} s`,
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
