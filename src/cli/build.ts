/**
 * `npm run build` = `node src/cli/build.ts [--outDir DIR]`: checks every content file, builds
 * the pages with `astro build` and the search index (src/cli/index-search.ts --stage stages its
 * records, src/cli/index-write.ts has Pagefind index them), side by side, each in a process of
 * its own. The site is built into a folder beside DIR and takes DIR's place only when every step
 * has passed, so a failed build leaves DIR as it was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { checkedRecordsEnv, checkedRecordsReady } from '../lib/checked-records.ts';
import { makeScratchFolder } from '../lib/scratch.ts';
// Types only: ./index-write.ts (Pagefind and the search modules) is loaded once Astro, the check
// and the staging have started, as loading it took 0.3 s.
import type { stagedIndex } from './index-write.ts';

const USAGE = `usage: node src/cli/build.ts [--outDir DIR]
  Checks the content, builds the site with Astro and its search index, into DIR
  (default: dist). MEETINGS_DIR and ARCHIVE_CONFIG are passed on.`;

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

// Node keeps the compiled code of the modules it loads (our TypeScript with its types stripped)
// between runs, as astro's own bin does; the content check and the staging get it through the
// environment. Measured with `--help`: src/cli/index-search.ts started in 0.57-0.64 s without,
// 0.32-0.35 s with it; src/cli/check.ts in 0.40-0.44 s, 0.23-0.30 s.
module.enableCompileCache?.();

/** A child `node` process and its exit code. */
interface Run {
  child: ChildProcess;
  exited: Promise<number>;
}

/**
 * Starts `node <args>`; with `held`, its output waits in memory until `release()`, and goes on
 * line by line, so that the build's own lines (the index's, printed while Astro runs) fall between
 * its lines.
 */
function startNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  held = false,
): Run & { release?: () => void } {
  const child = spawn(process.execPath, args, {
    stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    cwd: repoRoot,
    env,
  });
  const exited = new Promise<number>((resolve) => {
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
  if (!held) return { child, exited };
  let released = false;
  const waiting: [NodeJS.WriteStream, string][] = [];
  for (const [from, to] of [
    [child.stdout!, process.stdout],
    [child.stderr!, process.stderr],
  ] as const) {
    createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) =>
      released ? to.write(`${line}\n`) : waiting.push([to, `${line}\n`]),
    );
  }
  const release = () => {
    released = true;
    for (const [to, line] of waiting.splice(0)) to.write(line);
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

/** Moves the index (`indexSite`/pagefind) into the site `building`, which takes `outDir`'s place. */
function putInPlace(building: string, indexSite: string, outDir: string): void {
  renameSync(path.join(indexSite, 'pagefind'), path.join(building, 'pagefind'));
  rmSync(outDir, { recursive: true, force: true });
  renameSync(building, outDir);
}

/**
 * Lowers the scheduling priority of Astro's process to nice 5; where that is refused, it runs
 * as it is. The build is bound by the index's chain of steps (check, staging, Pagefind reading
 * and writing, merging): at 4x it ran to 16.5-20.2 s while Astro ended at 13.2-16.3 s, and at
 * 11x to 37.0 s while Astro ended at 24.0 s. With Astro at nice 5 the two ended together, at
 * 16.3-18.5 s at 4x, and the 4x builds took 16.8-18.9 s against 17.2-19.2 s (three of each,
 * alternated); the 11x build took 34.9 s against 37.3 s.
 */
function yieldToIndex(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) os.setPriority(child.pid, 5);
  } catch {
    // Only the build's speed depends on it.
  }
}

/**
 * Builds the site and its index into `outDir`; resolves with the exit code. Every step of the
 * index's chain starts as soon as it can: the staging starts with the check and waits for its
 * records, Pagefind's process starts at once, and Pagefind writes the index as soon as it has
 * read the records, while Astro still renders, into a folder beside the site's (Astro empties
 * its output folder when it starts building) that moves in once Astro has exited. At 4x that
 * took 16.8-20.6 s against 17.3-21.9 s for writing after Astro (six of each, alternated); what
 * it costs in memory is kept down by writing the index part by part (./index-write.ts). Astro's output
 * is held until the check has passed; on a failed check Astro and the staging are stopped and
 * only the check's file:line:col errors are shown. The check hands its parsed records to Astro
 * and the staging (src/lib/meeting-record.ts), so each file's YAML is parsed once.
 */
export async function buildSite(outDir: string): Promise<number> {
  const started = performance.now();
  const astro = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');
  const staging = makeScratchFolder('index-search-');
  // The check's parsed records, for Astro and the staging (src/lib/meeting-record.ts).
  const records = makeScratchFolder('checked-records-');
  const env = { ...process.env, [checkedRecordsEnv]: records };
  // Astro enables the cache itself. Given to it through the environment as well, three 4x builds
  // took 22.2-24.3 s (37.8-41.4 s of CPU), against 22.8-23.0 s (38.5-39.0 s) without: no gain.
  const cache = module.getCompileCacheDir?.();
  const ownEnv = cache ? { ...env, NODE_COMPILE_CACHE: cache } : env;
  // Beside outDir, so that they take their places with one rename each.
  mkdirSync(path.dirname(outDir), { recursive: true });
  const building = mkdtempSync(`${outDir}.building-`);
  const indexSite = mkdtempSync(`${outDir}.index-`);
  const site = startNode(
    // --force: no content-layer cache from an earlier build. It keys entries by their text, so
    // a meeting folder with the same files as an earlier one (a copy) reused its paths.
    [astro, 'build', '--force', '--outDir', building],
    env,
    true,
  );
  const runs: Run[] = [site];
  yieldToIndex(site.child);
  let index: ReturnType<typeof stagedIndex> | undefined;
  // The index's outcome once it has started.
  let indexed: Promise<number> | undefined;
  try {
    const check = startNode(
      [path.join(repoRoot, 'src/cli/check.ts'), '--records', records],
      ownEnv,
    );
    // It reads the records once the check has marked them ready.
    const stage = startNode(
      [path.join(repoRoot, 'src/cli/index-search.ts'), '--stage', staging],
      ownEnv,
    );
    runs.push(check, stage);
    // Starts Pagefind's process meanwhile.
    index = (await import('./index-write.ts')).stagedIndex(staging);
    const checked = await check.exited;
    if (checked !== 0) return checked;
    writeFileSync(path.join(records, checkedRecordsReady), '');
    site.release!();
    // When each ended, in seconds from the start: which of the two bounds the build.
    const ended = { astro: 0, index: 0 };
    const seconds = () => (performance.now() - started) / 1000;
    void site.exited.then(() => (ended.astro = seconds()));
    const indexing: Promise<number> = (indexed = stage.exited.then(async (code) => {
      if (code !== 0) return code;
      await index!.addStaged();
      await index!.write(indexSite);
      ended.index = seconds();
      return 0;
    }));
    // Either failure ends the build at once.
    const failed = await Promise.race([
      site.exited.then((code) => (code === 0 ? indexing : code)),
      indexing.then((code) => (code === 0 ? site.exited : code)),
    ]);
    if (failed !== 0) return failed;
    putInPlace(building, indexSite, outDir);
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
    for (const folder of [staging, records, building, indexSite]) {
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
