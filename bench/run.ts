/**
 * `npm run bench`: imports and builds the whole corpus (CORPUS_DIR), then prints build time, peak
 * memory, page weight per page kind and search cost, each with its unit and budget. Exits 1 when a
 * budget is exceeded. Budgets are for this project's 2-core reference machine (see README).
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusDir, repoRoot } from '../tests/helpers/paths.ts';
import { runMeasured } from './measure.ts';
import { measurePageWeight } from './page-weight.ts';

const work = path.join(repoRoot, '.cache/bench');
const mdx = path.join(work, 'mdx');
const dist = path.join(work, 'dist');
const KB = 1024;
const MB = 1024 * 1024;

interface Line {
  name: string;
  value: number;
  unit: string;
  budget?: number;
}
const lines: Line[] = [];
const show = (value: number, unit: string): string =>
  unit === 'KB'
    ? `${(value / KB).toFixed(1)} KB`
    : unit === 'MB'
      ? `${(value / MB).toFixed(0)} MB`
      : unit === 's'
        ? `${value.toFixed(2)} s`
        : unit === 'ms'
          ? `${value.toFixed(0)} ms`
          : `${value} ${unit}`;
function record(name: string, value: number, unit: string, budget?: number): void {
  lines.push(budget === undefined ? { name, value, unit } : { name, value, unit, budget });
  const verdict =
    budget === undefined
      ? ''
      : value <= budget
        ? `  (budget ${show(budget, unit)}: ok)`
        : `  (budget ${show(budget, unit)}: OVER)`;
  console.log(`${name.padEnd(44)} ${show(value, unit).padStart(12)}${verdict}`);
}

console.log(`bench: corpus ${corpusDir}, ${os.cpus().length} cores, node ${process.version}`);
rmSync(work, { recursive: true, force: true });
const meetingCount = readdirSync(corpusDir).filter((d) =>
  existsSync(path.join(corpusDir, d, 'meeting-transcript.md')),
).length;
record('meetings in corpus', meetingCount, 'meetings');

const imported = await runMeasured(
  process.execPath,
  ['src/cli/import.ts', '--out', mdx, corpusDir],
  {},
);
record('import: wall time', imported.seconds, 's');
record('import: peak memory', imported.peakBytes, 'MB');

const checked = await runMeasured(process.execPath, ['src/cli/check.ts'], { MEETINGS_DIR: mdx });
record('MDX check: wall time', checked.seconds, 's');

// `npm run build` = the MDX check, `astro build`, then the search index in its own process.
const built = await runMeasured(
  process.execPath,
  ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', dist],
  { MEETINGS_DIR: mdx },
);
const indexed = await runMeasured(process.execPath, ['src/cli/index-search.ts', '--out', dist], {
  MEETINGS_DIR: mdx,
});
record('build (astro + search index): wall time', built.seconds + indexed.seconds, 's', 6);
record('  astro build', built.seconds, 's');
record('  search index', indexed.seconds, 's');
record(
  'build: peak memory (largest process tree)',
  Math.max(built.peakBytes, indexed.peakBytes),
  'MB',
  1.2e9,
);
record('  astro build', built.peakBytes, 'MB');
record('  search index', indexed.peakBytes, 'MB');

const meetingPages = readdirSync(path.join(dist, 'meetings')).map((id) =>
  path.join(dist, 'meetings', id, 'index.html'),
);
const weights = meetingPages
  .map((f) => ({ file: f, ...measurePageWeight(dist, f) }))
  .sort((a, b) => a.total - b.total);
const median = weights[Math.floor(weights.length / 2)]!;
const largest = weights.at(-1)!;
record('meeting page, median: HTML+CSS+JS gzip', median.total, 'KB', 20 * KB);
record(
  `meeting page, largest (${path.basename(path.dirname(largest.file))}): gzip`,
  largest.total,
  'KB',
  60 * KB,
);
record(
  'meeting pages: total size on disk',
  meetingPages.reduce((n, f) => n + statSync(f).size, 0),
  'MB',
);

/** The heaviest page under a folder of dist (topic and speaker pages vary with their history). */
function heaviest(folder: string): { file: string; total: number } | undefined {
  const dir = path.join(dist, folder);
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'index.html')))
    .map((e) => path.join(dir, e.name, 'index.html'))
    .map((file) => ({ file, total: measurePageWeight(dist, file).total }))
    .sort((a, b) => b.total - a.total)[0];
}
const kinds: [string, string | undefined, number][] = [
  ['home page', path.join(dist, 'index.html'), 40 * KB],
  ['404 page', path.join(dist, '404.html'), 10 * KB],
  ['search page (without index)', path.join(dist, 'search/index.html'), 20 * KB],
  ['topics index', path.join(dist, 'topics/index.html'), 20 * KB],
  ['speakers index', path.join(dist, 'speakers/index.html'), 20 * KB],
];
for (const [name, file, budget] of kinds) {
  if (file && existsSync(file))
    record(`${name}: gzip`, measurePageWeight(dist, file).total, 'KB', budget);
  else console.log(`${name.padEnd(44)} missing from the build`);
}
for (const [folder, budget] of [
  ['topics', 30 * KB],
  ['speakers', 30 * KB],
] as const) {
  const page = heaviest(folder);
  if (page)
    record(
      `${folder} page, heaviest (${path.basename(path.dirname(page.file))}): gzip`,
      page.total,
      'KB',
      budget,
    );
}

const searchBench = path.join(repoRoot, 'bench/search.ts');
if (existsSync(searchBench)) {
  const { measureSearch } = (await import(searchBench)) as {
    measureSearch: (
      dist: string,
    ) => Promise<Record<string, { value: number; unit: string; budget?: number }>>;
  };
  for (const [name, m] of Object.entries(await measureSearch(dist)))
    record(name, m.value, m.unit, m.budget);
}

const over = lines.filter((l) => l.budget !== undefined && l.value > l.budget);
console.log(
  over.length === 0
    ? `bench: all ${lines.filter((l) => l.budget !== undefined).length} budgets met`
    : `bench: FAIL, ${over.length} budget(s) exceeded: ${over.map((l) => l.name.trim()).join('; ')}`,
);
process.exitCode = over.length === 0 ? 0 : 1;
