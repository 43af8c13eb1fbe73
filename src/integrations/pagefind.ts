/**
 * Builds the Pagefind search index at the end of `astro build` from the meeting records, written
 * to `<outDir>/pagefind/`: small groups of speaker turns with one anchor per turn
 * (src/lib/search-records.ts explains why not one record per turn). The built HTML pages are not
 * indexed: a stock per-page index returns whole meetings instead of turns.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import yaml from 'js-yaml';
import * as pagefind from 'pagefind';
import { parseMeetingFile } from '../lib/meeting-file.ts';
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
      const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source)?.[1];
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

/** Indexes the records with Pagefind and writes the bundle to `outputPath`. */
async function writeIndex(groups: readonly SearchGroup[], outputPath: string): Promise<void> {
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

/** The Astro integration; `MEETINGS_DIR` selects the meetings folder as for the collection. */
export function createPagefindIntegration(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'turn-search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const meetingsDir = path.resolve(root, process.env['MEETINGS_DIR'] ?? 'content/meetings');
        const [meetings, topics, terminology] = await Promise.all([
          readMeetingRecords(meetingsDir),
          readYamlList(path.join(root, 'content/topics.yaml'), (d) => topicsFileSchema.parse(d)),
          readYamlList(path.join(root, 'content/terminology.yaml'), (d) =>
            terminologyFileSchema.parse(d),
          ),
        ]);
        const groups = buildSearchGroups(sortMeetings(meetings), {
          matchTopics: compileTopicMatcher(topics).match,
          matchTerminology: compileTerminology(terminology),
        });
        const turns = groups.reduce((n, g) => n + g.turns.length, 0);
        const outputPath = path.join(fileURLToPath(dir), 'pagefind');
        try {
          await writeIndex(groups, outputPath);
        } finally {
          // The index lives in a child process; left running, it keeps the build from exiting.
          await pagefind.close();
        }
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const message =
          `pagefind: indexed ${turns.toLocaleString('en')} turns of ${meetings.length} meetings ` +
          `(${groups.length.toLocaleString('en')} records) in ${seconds} s`;
        // Printed even under --silent: the index build time is a number we track.
        logger.info(message);
        if (process.argv.includes('--silent')) console.log(message);
      },
    },
  };
}
