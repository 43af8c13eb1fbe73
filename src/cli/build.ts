/**
 * `npm run build` = `node src/cli/build.ts [--outDir DIR]`: checks every content file
 * (src/cli/check.ts), then builds the pages with `astro build`, in a process of its own, and the
 * search index (src/cli/index-search.ts stages its records, src/cli/index-write.ts has Pagefind
 * index them), in this one, side by side. The site is built into a folder beside DIR and takes
 * DIR's place only when every step has passed, so a failed build leaves DIR as it was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { checkedRecordsEnv, checkedRecordsReady } from '../lib/checked-records.ts';
import { makeScratchFolder } from '../lib/scratch.ts';
import { removeAside } from './site-folders.ts';
// Types only: the check and the index's modules (with Pagefind's) are loaded once Astro has
// started, as loading ./index-write.ts alone took 0.3 s.
import type { stagedIndex } from './index-write.ts';

const USAGE = `usage: node src/cli/build.ts [--outDir DIR]
  Checks the content, builds the site with Astro and its search index, into DIR
  (default: dist). MEETINGS_DIR and ARCHIVE_CONFIG are passed on.`;

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

// Node keeps the compiled code of the modules it loads (our TypeScript with its types stripped)
// between runs, as astro's own bin does. Measured with `--help`: src/cli/index-search.ts started
// in 0.57-0.64 s without, 0.32-0.35 s with it; src/cli/check.ts in 0.40-0.44 s, 0.23-0.30 s.
module.enableCompileCache?.();

/** A child `node` process and its exit code. */
interface Run {
  child: ChildProcess;
  exited: Promise<number>;
}

/**
 * Starts `node <args>` with its output held until `release()`, then passed on line by line as it
 * comes (every 0.1 s), so that the build's own lines (the index's, printed while Astro runs) fall
 * between its lines. The output goes through files in the scratch folder `folder`, not pipes:
 * Astro ends with `process.exit`, which drops what Node still has queued for a full pipe (one
 * this process, busy with the index, had not emptied): in a bench, the output of a 4x build
 * lacked Astro's last lines, so its steps read NaN. A file takes every write at once. `exited`
 * settles once the last line has been passed on.
 */
function startNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  folder: string,
): Run & { release: () => void } {
  const outputs = [process.stdout, process.stderr].map((to, i) => {
    const file = path.join(folder, `${i + 1}.log`);
    return { to, file, fd: openSync(file, 'w'), offset: 0, text: '', decoder: new TextDecoder() };
  });
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', outputs[0]!.fd, outputs[1]!.fd],
    cwd: repoRoot,
    env,
  });
  for (const output of outputs) closeSync(output.fd);
  const reading = outputs.map((o) => openSync(o.file, 'r'));
  /** Passes on the lines written since the last time; with `final`, the rest too. */
  const passOn = (final: boolean) => {
    outputs.forEach((o, i) => {
      const size = fstatSync(reading[i]!).size;
      const chunk = Buffer.alloc(size - o.offset);
      const read = readSync(reading[i]!, chunk, 0, chunk.length, o.offset);
      o.offset += read;
      o.text += o.decoder.decode(chunk.subarray(0, read), { stream: !final });
      const end = final ? o.text.length : o.text.lastIndexOf('\n') + 1;
      if (end > 0) o.to.write(o.text.slice(0, end));
      o.text = o.text.slice(end);
    });
  };
  let released = false;
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<number>((resolve) => {
    const end = (code: number) => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      if (released) passOn(true);
      for (const fd of reading) closeSync(fd);
      resolve(code);
    };
    child.on('close', (code) => end(code ?? 1));
    child.on('error', () => end(1));
  });
  const release = () => {
    if (released) return;
    released = true;
    if (ended) return passOn(true);
    passOn(false);
    timer = setInterval(() => passOn(false), 100).unref();
  };
  return { child, exited, release };
}

/** Stops those of `runs` that still run, and waits for them to exit. */
async function stopRuns(runs: readonly Run[]): Promise<void> {
  for (const run of runs) {
    if (run.child.exitCode === null && run.child.signalCode === null) {
      run.child.kill();
      await run.exited;
    }
  }
}

/**
 * Moves the index (`indexSite`/pagefind) into the site `building`, which takes `outDir`'s place;
 * resolves once the earlier site is deleted. It is renamed aside first and deleted on the thread
 * pool: on this machine's disk (mounted with `discard`), deleting a 4x site of 7,216 files
 * written more than half a minute before took 2.33 s and 2.96 s with `rmSync`, 1.25 s and 1.92 s
 * with `rm`, alternated. In three alternated 4x builds over such a site, the time from the later
 * of Astro's and the index's ends to the build's went from 2.2, 1.3 and 1.1 s to 1.8, 0.7 and
 * 0.5 s.
 */
function putInPlace(building: string, indexSite: string, outDir: string): Promise<void> {
  renameSync(path.join(indexSite, 'pagefind'), path.join(building, 'pagefind'));
  const removal = removeAside(outDir);
  renameSync(building, outDir);
  return removal;
}

/**
 * Lowers the scheduling priority of Astro's process to nice 2; where that is refused, it runs
 * as it is. The build is bound by CPU on two cores and ends when the later of Astro and the
 * index's chain of steps (check, staging, Pagefind reading and writing, merging) ends; the
 * priority shares the cores between the two. Alternated 4x builds: at nice 5 the index ended
 * 2.7-3.3 s before Astro (three builds), at nice 2 from 0.2 s after it to 3.3 s before (six), at
 * nice 0 0.1-0.5 s after it (three). Nice 2 was faster than nice 5 in each of three rounds (by
 * 0.6-8.4 s); nice 0, 1 and 2 could not be told apart in three more. At 11x, at nice 2, the index
 * ended 7.5 s after Astro.
 */
function yieldToIndex(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) os.setPriority(child.pid, 2);
  } catch {
    // Only the build's speed depends on it.
  }
}

/**
 * Builds the site and its index into `outDir`; resolves with the exit code. Astro starts at
 * once and waits for the content check's records (src/lib/meeting-record.ts), so each file's
 * YAML is parsed once. Its output is held until the check has passed; on a failed check Astro
 * is stopped and only the check's file:line:col errors are shown. Every step of the index's
 * chain starts as soon as it can, in this process: Pagefind's process starts with the check,
 * the staging follows the check (reading the records it wrote, as Astro does), Pagefind reads
 * each meeting's records as soon as they are staged, and writes the index as soon as it has
 * read them, while Astro still renders, into a folder beside the site's (Astro empties its
 * output folder when it starts building) that moves in once Astro has exited. What that costs in
 * memory is kept down by writing the index part by part (./index-write.ts).
 */
export async function buildSite(outDir: string): Promise<number> {
  const started = performance.now();
  const astro = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');
  const staging = makeScratchFolder('index-search-');
  // The check's parsed records, for Astro (src/lib/meeting-record.ts).
  const records = makeScratchFolder('checked-records-');
  const env = { ...process.env, [checkedRecordsEnv]: records };
  // Beside outDir, so that they take their places with one rename each.
  mkdirSync(path.dirname(outDir), { recursive: true });
  const building = mkdtempSync(`${outDir}.building-`);
  const indexSite = mkdtempSync(`${outDir}.index-`);
  // Astro's output, held until the check has passed (`startNode`).
  const astroOutput = makeScratchFolder('astro-output-');
  const site = startNode(
    // --force: no content-layer cache from an earlier build. It keys entries by their text, so
    // a meeting folder with the same files as an earlier one (a copy) reused its paths.
    [astro, 'build', '--force', '--outDir', building],
    env,
    astroOutput,
  );
  const runs: Run[] = [site];
  yieldToIndex(site.child);
  let index: ReturnType<typeof stagedIndex> | undefined;
  // The index's outcome once it has started.
  let indexed: Promise<number> | undefined;
  try {
    const [{ checkContent }, { stageIndex }, { stagedIndex }] = await Promise.all([
      import('./check.ts'),
      import('./index-search.ts'),
      import('./index-write.ts'),
    ]);
    index = stagedIndex(staging);
    // Lets Pagefind's process start (it is asked for in a promise callback) before the check
    // keeps this thread busy.
    await setImmediate();
    const checked = checkContent(records);
    if (checked !== 0) return checked;
    writeFileSync(path.join(records, checkedRecordsReady), '');
    site.release();
    // When each ended, in seconds from the start: which of the two bounds the build.
    const ended = { astro: 0, index: 0 };
    const seconds = () => (performance.now() - started) / 1000;
    void site.exited.then(() => (ended.astro = seconds()));
    // Pagefind reads each meeting's records as soon as they are staged.
    const indexing: Promise<number> = (indexed = stageIndex(staging, index.add, records).then(
      async () => {
        await index!.write(indexSite);
        ended.index = seconds();
        return 0;
      },
    ));
    // Either failure ends the build at once.
    const failed = await Promise.race([
      site.exited.then((code) => (code === 0 ? indexing : code)),
      indexing.then((code) => (code === 0 ? site.exited : code)),
    ]);
    if (failed !== 0) return failed;
    await putInPlace(building, indexSite, outDir);
    console.log(
      `build: done in ${seconds().toFixed(1)} s (astro build ended at ${ended.astro.toFixed(1)} ` +
        `s, the search index at ${ended.index.toFixed(1)} s)`,
    );
    return 0;
  } catch (error) {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await stopRuns(runs);
    // When Astro failed, the index may still be writing into indexSite.
    await indexed?.catch(() => {});
    await index?.close();
    for (const folder of [staging, records, astroOutput, building, indexSite]) {
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

/** The command: parses `argv`, checks the content, builds; resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  let outDir: string;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        outDir: { type: 'string', default: 'dist' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    outDir = path.resolve(values.outDir);
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  return buildSite(outDir);
}

if (import.meta.main) process.exitCode = await run(process.argv.slice(2));
