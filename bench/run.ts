/**
 * `npm run bench [-- --scale 1,4,11]`: imports the corpus (CORPUS_DIR), and for each scale N
 * builds the corpus copied N times (bench/scale.ts), then prints build time and peak memory, the
 * time of each step, the files written, page weight per page kind (gzip and Brotli) and search
 * cost, each with its unit and budget, and the judged set's relevance (tests/relevance). Exits 1
 * when a budget is exceeded. Budgets are for this project's 2-core reference machine.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir, repoRoot } from '../tests/helpers/paths.ts';
import { launchBrowser, startStaticServer } from '../tests/helpers/browser.ts';
import { readMeetingRecords } from '../tests/helpers/site.ts';
import { runJudgedSet } from '../tests/relevance/judged-set.ts';
import { runMeasured, type RunResult } from './measure.ts';
import { measurePageWeight } from './page-weight.ts';
import { scaleMeetings } from './scale.ts';
import { buildStarlight } from './starlight.ts';

const work = path.join(repoRoot, '.cache/bench');
const mdx = path.join(work, 'mdx');
const { values: options } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    'no-baseline': { type: 'boolean' },
    help: { type: 'boolean' },
  },
});
if (options.help) {
  console.log(
    'usage: npm run bench [-- --scale 1,4,11] [--no-baseline]\n' +
      '  each N builds the corpus copied N times; the baseline is a stock Starlight site over the\n' +
      "  same meetings and Pagefind's own CLI over its pages, built in the same run",
  );
  process.exit(0);
}
const scales = options.scale.split(',').map(Number);
if (scales.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(`bench: --scale takes whole numbers from 1, e.g. 1,4,11 (got ${options.scale})`);
  process.exit(2);
}
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
          : unit === 'ratio' || unit === 'score'
            ? `${value.toFixed(3)} ${unit}`
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

/** Seconds of each `[build] ✓ Completed in X` / `built in X` step in astro's log, by phase. */
function astroSteps(output: string): { total: number; sync: number; render: number } {
  const seconds = (m: RegExpMatchArray | null) => (m ? Number(m[1]) : Number.NaN);
  return {
    total: seconds(/\[build\] [\d,]+ page\(s\) built in ([\d.]+)s/.exec(output)),
    // The first "Completed" is collecting build info: content sync and the MDX bodies.
    sync: seconds(/\[build\] ✓ Completed in ([\d.]+)s/.exec(output)),
    render: seconds(/generating static routes[\s\S]*?✓ Completed in ([\d.]+)s/.exec(output)),
  };
}

/** The step times the indexer prints: `(ordering 0.04 s, reading 0.73 s, ...)`. */
function indexSteps(output: string): [string, number][] {
  const list = /pagefind: indexed .*\((\w+ [\d.]+ s(?:, [^)]*)?)\)/.exec(output)?.[1] ?? '';
  return list.split(', ').flatMap((part) => {
    const m = /^(.+) ([\d.]+) s$/.exec(part);
    return m ? [[m[1]!, Number(m[2])] as [string, number]] : [];
  });
}

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile())
    .length;
}

let perMeetingAt1: number | undefined;
for (const scale of scales) {
  const x = `${scale}x`;
  const scaled = scale === 1 ? mdx : path.join(work, `mdx-${x}`);
  const meetings = scale === 1 ? meetingCount : scaleMeetings(mdx, scaled, scale);
  const dist = path.join(work, `dist-${x}`);
  console.log(`\n== ${x}: ${meetings} meetings`);
  const env = { MEETINGS_DIR: scaled };
  const baseline = !options['no-baseline'];
  // Up to 4x, our build and Starlight's run three times, alternated, and the budget holds the
  // faster of each: this machine's times vary by 20-30% from run to run, and the faster run is
  // the one least slowed by what else the machine was doing. With two runs of each, the faster
  // ones' ratio at 4x ranged from 0.464 to 0.515 over three benches, and single runs' from 0.445
  // to 0.530.
  const rounds = baseline && scale <= 4 ? 3 : 1;
  const ours: RunResult[] = [];
  const theirs: RunResult[] = [];
  const starlightDir = path.join(work, `starlight-${x}`);
  for (let round = 1; round <= rounds; round++) {
    // `npm run build`: the content check, `astro build` and the search index.
    ours.push(await runMeasured(process.execPath, ['src/cli/build.ts', '--outDir', dist], env));
    if (baseline) theirs.push(await buildStarlight(scaled, starlightDir));
    if (rounds > 1) {
      const [our, their] = [ours.at(-1)!.seconds, theirs.at(-1)!.seconds];
      record(`${x} run ${round}: our build`, our, 's');
      record(`${x} run ${round}: Starlight's build`, their, 's');
      record(`${x} run ${round}: ours / Starlight's`, our / their, 'ratio');
    }
  }
  const built = ours.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const wall = built.seconds;
  const steps = astroSteps(built.output);
  const checkSeconds = Number(/checked [^(]*\(([\d.]+) s\)/.exec(built.output)?.[1]);
  // The index step's time, all of it (the sum of its steps), which runs beside astro build; what
  // it runs on after Astro has exited is `after`.
  const indexSeconds = Number(/pagefind: indexed .* in ([\d.]+) s/.exec(built.output)?.[1]);
  const ends = /astro build ended at ([\d.]+) s, the search index at ([\d.]+) s/.exec(built.output);
  const after = Math.max(0, Number(ends?.[2]) - Number(ends?.[1]));
  const of = rounds > 1 ? ` (the faster of ${rounds})` : '';
  record(`${x} build (npm run build): wall time${of}`, wall, 's');
  record(`${x}   content check`, checkSeconds, 's');
  record(`${x}   astro build`, steps.total, 's');
  record(`${x}     content sync and MDX`, steps.sync, 's');
  record(`${x}     page rendering`, steps.render, 's');
  record(`${x}   search index (beside astro build)`, indexSeconds, 's');
  for (const [name, seconds] of indexSteps(built.output)) record(`${x}     ${name}`, seconds, 's');
  record(`${x}   search index, its end after astro build's`, after, 's');
  if (baseline) {
    const starlight = theirs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    record(`${x} Starlight build (same meetings): wall time${of}`, starlight.seconds, 's');
    record(`${x}   its peak memory`, Math.max(...theirs.map((r) => r.peakBytes)), 'MB');
    record(
      `${x} our build / Starlight's${of ? ', the faster of each' : ''}`,
      wall / starlight.seconds,
      'ratio',
      scale <= 4 ? 0.5 : undefined,
    );
    await measureIndexStep(scaled, dist, starlightDir, x, indexSeconds, scale);
  }
  const perMeeting = wall / meetings;
  perMeetingAt1 ??= scale === 1 ? perMeeting : undefined;
  record(`${x} build time per meeting`, perMeeting * 1000, 'ms');
  if (perMeetingAt1 !== undefined && scale > 1) {
    record(`${x} time per meeting / 1x (linear: 1.00)`, perMeeting / perMeetingAt1, 'ratio', 1.15);
  }
  const memoryBudget = scale <= 1 ? 1.2e9 : scale <= 4 ? 1.6e9 : 2.5e9;
  record(
    `${x} build: peak memory (its processes and RAM files)`,
    Math.max(...ours.map((r) => r.peakBytes)),
    'MB',
    memoryBudget,
  );
  record(`${x} files written`, countFiles(dist), 'files');
  record(`${x}   of them search index`, countFiles(path.join(dist, 'pagefind')), 'files');
  if (scale >= 11) record(`${x} build: wall time`, wall, 's', 150);
  measurePages(dist, x);
  const searchBench = path.join(repoRoot, 'bench/search.ts');
  const { measureSearch } = (await import(searchBench)) as typeof import('./search.ts');
  const firstBudget = (scale >= 11 ? 200 : 150) * 1024;
  for (const [name, m] of Object.entries(await measureSearch(dist, { firstBudget })))
    record(`${x} ${name}`, m.value, m.unit, m.budget);
  await measureRelevance(dist, scaled, x);
}

/**
 * Our index step on its own against Pagefind's own CLI indexing the Starlight site's pages in
 * `starlightDir` (the same text), built in the same run.
 */
async function measureIndexStep(
  meetingsDir: string,
  dist: string,
  starlightDir: string,
  x: string,
  indexSeconds: number,
  scale: number,
): Promise<void> {
  // Two rounds, alternated, and the ratio of the faster of each, as for the builds: at 11x our
  // step alone took 24.76 s in one bench and 31.59 s in the next, against the CLI's 19.42 s and
  // 19.92 s, and 21.65-22.67 s in two runs between benches.
  const cli: number[] = [];
  const alone: number[] = [];
  const cliOutput = path.join(starlightDir, 'dist', 'pagefind-cli');
  for (let round = 1; round <= 2; round++) {
    // The CLI writes into an empty folder each time: into its own earlier output it took 1.08-1.10
    // s at 1x, against 1.52-1.66 s into an empty one (three of each), and 11.62 s against 16.28 s
    // at 11x, so the faster of two would have been a run that redid less.
    rmSync(cliOutput, { recursive: true, force: true });
    const run = await runMeasured(
      path.resolve('node_modules/.bin/pagefind'),
      ['--site', path.join(starlightDir, 'dist'), '--output-subdir', 'pagefind-cli'],
      {},
    );
    cli.push(run.seconds);
    record(`${x} run ${round}: Pagefind CLI over the same text`, run.seconds, 's');
    // Our index step on its own, as the CLI ran: reading the meeting files, staging, Pagefind
    // and the side files, into the built site (the same index the build wrote).
    const ours = await runMeasured(process.execPath, ['src/cli/index-search.ts', '--out', dist], {
      MEETINGS_DIR: meetingsDir,
    });
    alone.push(ours.seconds);
    record(`${x} run ${round}: our index step alone`, ours.seconds, 's');
  }
  const [cliSeconds, aloneSeconds] = [Math.min(...cli), Math.min(...alone)];
  record(`${x} Pagefind CLI over the same text: wall time (the faster of 2)`, cliSeconds, 's');
  record(`${x} our index step alone (the faster of 2)`, aloneSeconds, 's');
  // The budget for the index step is at about 1,000 meetings (11x); below, the ratio is
  // printed for comparison, as the fixed costs (starting Node and Pagefind, the 2,048 vocabulary
  // files) weigh more there.
  record(
    `${x} our index step alone / Pagefind CLI's, the faster of each`,
    aloneSeconds / cliSeconds,
    'ratio',
    scale >= 11 ? 1.5 : undefined,
  );
  record(`${x}   its steps in the build, summed / CLI's`, indexSeconds / cliSeconds, 'ratio');
  rmSync(starlightDir, { recursive: true, force: true });
}

/**
 * The judged set on the built site (tests/relevance/judged-set.ts): its mean reciprocal rank, and
 * how many of its queries are answered wrong (an exact word not leading with the turns that say
 * it, a result where nothing was said, ...), at every scale: ranking that holds on the corpus can
 * fail on a larger archive, where a word is said in more records.
 */
async function measureRelevance(dist: string, meetingsDir: string, x: string): Promise<void> {
  const server = await startStaticServer(dist);
  const browser = await launchBrowser();
  try {
    const { mrr, results } = await runJudgedSet(
      await browser.newContext(),
      server.url,
      readMeetingRecords(meetingsDir),
    );
    record(`${x} search relevance: judged set of ${results.length}, MRR`, mrr, 'score');
    const wrong = results.filter((r) => r.score < 1 || r.leading < r.mustLead);
    record(`${x}   judged queries answered wrong`, wrong.length, 'queries', 0);
    for (const r of wrong) {
      console.log(
        `    “${r.case.q}” (${r.case.kind}): ${r.detail}, ${r.leading}/${r.mustLead} lead`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

function measurePages(dist: string, x: string): void {
  const meetingPages = readdirSync(path.join(dist, 'meetings')).map((id) =>
    path.join(dist, 'meetings', id, 'index.html'),
  );
  const weights = meetingPages
    .map((f) => ({ file: f, ...measurePageWeight(dist, f) }))
    .sort((a, b) => a.total - b.total);
  const median = weights[Math.floor(weights.length / 2)]!;
  const largest = weights.at(-1)!;
  record(`${x} meeting page, median: HTML+CSS+JS gzip`, median.total, 'KB', 32 * KB);
  record(`${x}   the same, Brotli`, median.brotli, 'KB');
  const name = path.basename(path.dirname(largest.file));
  record(`${x} meeting page, largest (${name}): gzip`, largest.total, 'KB', 72 * KB);
  record(`${x}   the same, Brotli`, largest.brotli, 'KB');
  record(
    `${x} meeting pages: total size on disk`,
    meetingPages.reduce((n, f) => n + statSync(f).size, 0),
    'MB',
  );
  const kinds: [string, string, number][] = [
    ['home page', path.join(dist, 'index.html'), 40 * KB],
    ['404 page', path.join(dist, '404.html'), 10 * KB],
    ['search page (without index)', path.join(dist, 'search/index.html'), 20 * KB],
    ['topics index', path.join(dist, 'topics/index.html'), 20 * KB],
    ['speakers index', path.join(dist, 'speakers/index.html'), 20 * KB],
  ];
  for (const [kind, file, budget] of kinds) {
    if (existsSync(file))
      record(`${x} ${kind}: gzip`, measurePageWeight(dist, file).total, 'KB', budget);
    else console.log(`${x} ${kind.padEnd(40)} missing from the build`);
  }
  for (const [folder, budget] of [
    ['topics', 30 * KB],
    ['speakers', 30 * KB],
  ] as const) {
    const page = heaviest(dist, folder);
    if (page) {
      const id = path.relative(path.join(dist, folder), path.dirname(page.file));
      record(`${x} ${folder} page, heaviest (${id}): gzip`, page.total, 'KB', budget);
    }
  }
}

/** The heaviest page under a folder of dist, at any depth (topic pages have year pages). */
function heaviest(dist: string, folder: string): { file: string; total: number } | undefined {
  const dir = path.join(dist, folder);
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => rel.endsWith(`${path.sep}index.html`))
    .map((rel) => path.join(dir, rel))
    .map((file) => ({ file, total: measurePageWeight(dist, file).total }))
    .sort((a, b) => b.total - a.total)[0];
}

const over = lines.filter((l) => l.budget !== undefined && l.value > l.budget);
console.log(
  over.length === 0
    ? `bench: all ${lines.filter((l) => l.budget !== undefined).length} budgets met`
    : `bench: FAIL, ${over.length} budget(s) exceeded: ${over.map((l) => l.name.trim()).join('; ')}`,
);
process.exitCode = over.length === 0 ? 0 : 1;
