/**
 * The files of the search index in the site (the second half of src/cli/index-write.ts): the
 * parts Pagefind wrote merged into one index (./pagefind-merge.ts), copied into the site, the
 * side files with the records' Pagefind ids (./side-files.ts), and the line that reports every
 * step's time.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { makeScratchFolder } from '../lib/scratch.ts';
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
export function chunkSize(): number {
  process.env[chunkSizeVariable] ??= String(indexChunkSize);
  return Number(process.env[chunkSizeVariable]);
}

/** The staged summary in `staging` (`StagedSummary`). */
export function readSummary(staging: string): StagedSummary {
  return JSON.parse(readFileSync(path.join(staging, summaryFile), 'utf8')) as StagedSummary;
}

/** Runs `work` as the step `name`, whose time counts towards the index's. */
type Timed = <T>(name: string, work: () => Promise<T> | T) => Promise<T>;

/**
 * Merges the parts Pagefind wrote into `partFolders` (in record order) into `out`/pagefind as one
 * index, then writes the side files with the ids of the records (`urls`, in record order); returns
 * the side files' counts.
 */
async function writeIndexFiles(
  partFolders: readonly string[],
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
  // The parts are in a scratch folder (see `stagedIndex`), and the merge moves their fragments,
  // so the whole is written beside them and then copied into the site.
  const merged = partFolders.length > 1 ? makeScratchFolder('pagefind-') : undefined;
  const written = merged ?? partFolders[0]!;
  let copying: Promise<void> | undefined;
  try {
    if (merged) {
      await timed('merging', () => mergePagefindIndexes(partFolders, merged, chunkSize()));
    }
    // The copy runs on a worker thread while this one writes the side files straight into the
    // site: at 11x the ids took 0.64 s and the copy 1.96 s, one after the other.
    mkdirSync(outputPath, { recursive: true });
    copying = timed('copying', () => copyOnWorker(written, outputPath));
    const sideFiles = await timed('ids', () =>
      writeSideIndexes(path.join(staging, sideFolder), urls, written, outputPath),
    );
    await copying;
    const removed = await removal;
    if (removed) throw removed.error;
    return sideFiles;
  } finally {
    await copying?.catch(() => {});
    if (merged) rmSync(merged, { recursive: true, force: true });
    await removal;
  }
}

/**
 * Merges the written parts `partFolders` of the staged index, every staged meeting read and
 * written (`pagefind`: how many records, and the seconds Pagefind spent reading and writing),
 * into `out`/pagefind with the side files, and prints the time of every step, the staging's
 * included.
 */
export async function writeAndReport(
  partFolders: readonly string[],
  staging: string,
  out: string,
  pagefindRun: { pages: number; adding: number; writing: number },
): Promise<void> {
  const summary = readSummary(staging);
  if (pagefindRun.pages !== summary.urls.length) {
    throw new Error(`pagefind: ${pagefindRun.pages} of ${summary.urls.length} records added`);
  }
  const steps = [
    ...summary.steps,
    `pagefind adding ${pagefindRun.adding.toFixed(2)} s`,
    `pagefind writing ${pagefindRun.writing.toFixed(2)} s`,
  ];
  // The sum of the steps; where steps ran side by side (the staging and Pagefind's reading, the
  // ids and the copying), more than the wall time.
  let seconds = summary.seconds + pagefindRun.adding + pagefindRun.writing;
  const timed: Timed = async (name, work) => {
    const started = performance.now();
    const result = await work();
    const took = (performance.now() - started) / 1000;
    steps.push(`${name} ${took.toFixed(2)} s`);
    seconds += took;
    return result;
  };
  const sideFiles = await writeIndexFiles(partFolders, staging, summary.urls, out, timed);
  console.log(
    `pagefind: indexed ${summary.turns.toLocaleString('en')} turns of ${summary.meetings} ` +
      `meetings (${summary.urls.length.toLocaleString('en')} records in ` +
      `${partFolders.length === 1 ? 'one part' : `${partFolders.length} parts`}, ${sideFiles.words} ` +
      `vocabulary files, ${sideFiles.browse} browse files) in ${seconds.toFixed(1)} s ` +
      `(${steps.join(', ')})`,
  );
}
