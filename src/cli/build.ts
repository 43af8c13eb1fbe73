/**
 * `npm run build` = `node src/cli/build.ts [--outDir DIR]`: checks every content file and runs
 * `astro build` side by side, then stages the search index (src/cli/index-search.ts --stage)
 * and has Pagefind read it while Astro still runs, each in a process of its own; Pagefind writes
 * the index (src/cli/index-write.ts) once Astro has exited, because then its memory peaks: at 4
 * times the corpus Astro takes 760 MB, Pagefind 280 MB while it reads and, writing the index
 * whole, 830 MB (both peaks at once would be over the 1.6 GB budget). Written in parts, the 11x
 * build peaked at 1,626-1,629 MB, against 2,295-2,304 MB whole. The site is built into a folder
 * beside DIR and takes DIR's place only when every step has passed, so a failed build leaves DIR
 * as it was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkedRecordsEnv, checkedRecordsReady } from '../lib/checked-records.ts';
import { makeScratchFolder } from '../lib/scratch.ts';
// Types only: ./index-write.ts (Pagefind and the search modules) is loaded once Astro has
// started, since Astro is the longest step and loading it first took 0.3 s.
import type { stagedIndex } from './index-write.ts';

const USAGE = `usage: node src/cli/build.ts [--outDir DIR]
  Checks the content, builds the site with Astro, then its search index, into DIR
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

/** Starts `node <args>`; with `held`, its output waits in memory until `release()`. */
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
  const waiting: [NodeJS.WriteStream, Buffer][] = [];
  for (const [from, to] of [
    [child.stdout!, process.stdout],
    [child.stderr!, process.stderr],
  ] as const) {
    from.on('data', (chunk: Buffer) => (released ? to.write(chunk) : waiting.push([to, chunk])));
  }
  const release = () => {
    released = true;
    for (const [to, chunk] of waiting.splice(0)) to.write(chunk);
  };
  return { child, exited, release };
}

/** Lowers a child's scheduling priority (nice 10); where that is refused, it runs as it is. */
function lowerPriority(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) os.setPriority(child.pid, 10);
  } catch {
    // Only the build's speed depends on it.
  }
}

/**
 * Builds the site and its index into `outDir`; resolves with the exit code. The content check
 * runs beside Astro's start (which reads no turn), and the staging after it, both at a lower
 * priority so that Astro, the longest step, keeps a core while they take what it leaves idle
 * (the 2-core reference machine runs all three at once). Astro's output is held until
 * the check has passed; on a failed check Astro is stopped and only the check's file:line:col
 * errors are shown. The check hands its parsed records to both (src/lib/meeting-record.ts), so
 * each file's YAML is parsed once.
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
  // Beside outDir, so that it takes outDir's place with one rename.
  mkdirSync(path.dirname(outDir), { recursive: true });
  const building = mkdtempSync(`${outDir}.building-`);
  const site = startNode(
    // --force: no content-layer cache from an earlier build. It keys entries by their text, so
    // a meeting folder with the same files as an earlier one (a copy) reused its paths.
    [astro, 'build', '--force', '--outDir', building],
    env,
    true,
  );
  let index: ReturnType<typeof stagedIndex> | undefined;
  try {
    const check = startNode(
      [path.join(repoRoot, 'src/cli/check.ts'), '--records', records],
      ownEnv,
    );
    lowerPriority(check.child);
    const checked = await check.exited;
    if (checked !== 0) return checked;
    writeFileSync(path.join(records, checkedRecordsReady), '');
    site.release!();
    const stage = startNode(
      [path.join(repoRoot, 'src/cli/index-search.ts'), '--stage', staging],
      ownEnv,
    );
    lowerPriority(stage.child);
    // Pagefind reads the staged records while Astro still renders (a fraction of its memory);
    // it writes, its peak, once Astro has exited.
    const [built, staged] = await Promise.all([
      site.exited,
      stage.exited.then(async (code) => {
        if (code !== 0) return code;
        index = (await import('./index-write.ts')).stagedIndex(staging);
        // Once the staging has ended: Pagefind reading each meeting beside the staging took CPU
        // time from it and from Astro (two 4x builds each: 20.7 and 23.3 s against 19.1 and
        // 19.9 s).
        await index.addStaged();
        return 0;
      }),
    ]);
    if (built !== 0) return built;
    if (staged !== 0) return staged;
    const astroDone = performance.now();
    // Read by Astro and the staging only, which have exited: gone before Pagefind's memory peaks
    // (in RAM, src/lib/scratch.ts, they are memory too: about 70 MB at 11x).
    rmSync(records, { recursive: true, force: true });
    await index!.write(building);
    rmSync(outDir, { recursive: true, force: true });
    renameSync(building, outDir);
    const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
    console.log(
      `build: done in ${seconds(started)} s, of which ${seconds(astroDone)} s after astro build`,
    );
    return 0;
  } catch (error) {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (site.child.exitCode === null && site.child.signalCode === null) {
      site.child.kill();
      await site.exited;
    }
    await index?.close();
    rmSync(staging, { recursive: true, force: true });
    rmSync(records, { recursive: true, force: true });
    rmSync(building, { recursive: true, force: true });
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
