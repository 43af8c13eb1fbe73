/**
 * `npm run build` = `node src/cli/build.ts [--outDir DIR]`: checks every content file and runs
 * `astro build` side by side, then stages the search index (src/cli/index-search.ts --stage)
 * while Astro still runs, each in a process of its own; then writes the index from this small
 * process (src/cli/index-write.ts). Pagefind's process is the build's largest, so it runs alone:
 * all of the index beside Astro took 1.4 GB at 1x (budget 1.2 GB), and at 11 times the corpus
 * Pagefind alone takes 2.1 GB while it writes. The site is built into a folder beside DIR and
 * takes DIR's place only when every step has passed, so a failed build leaves DIR as it was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeStagedIndex } from './index-write.ts';

const USAGE = `usage: node src/cli/build.ts [--outDir DIR]
  Checks the content, builds the site with Astro, then its search index, into DIR
  (default: dist). MEETINGS_DIR and ARCHIVE_CONFIG are passed on.`;

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** A child `node` process and its exit code. */
interface Run {
  child: ChildProcess;
  exited: Promise<number>;
}

/** Starts `node <args>`; with `held`, its output waits in memory until `release()`. */
function startNode(args: string[], held = false): Run & { release?: () => void } {
  const child = spawn(process.execPath, args, {
    stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    cwd: repoRoot,
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

/**
 * Builds the site and its index into `outDir`; resolves with the exit code. The content check
 * runs beside Astro's start (which reads no turn), and the staging after it, on the core Astro
 * leaves idle: Astro's output is held until the check has passed, and on a failed check Astro
 * is stopped and only the check's file:line:col errors are shown.
 */
export async function buildSite(outDir: string): Promise<number> {
  const astro = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');
  const staging = mkdtempSync(path.join(os.tmpdir(), 'index-search-'));
  // Beside outDir, so that it takes outDir's place with one rename.
  mkdirSync(path.dirname(outDir), { recursive: true });
  const building = mkdtempSync(`${outDir}.building-`);
  try {
    const site = startNode(
      // --force: no content-layer cache from an earlier build. It keys entries by their text, so
      // a meeting folder with the same files as an earlier one (a copy) reused its paths.
      [astro, 'build', '--force', '--outDir', building],
      true,
    );
    const checked = await startNode([path.join(repoRoot, 'src/cli/check.ts')]).exited;
    if (checked !== 0) {
      site.child.kill();
      await site.exited;
      return checked;
    }
    site.release!();
    const stage = startNode([path.join(repoRoot, 'src/cli/index-search.ts'), '--stage', staging]);
    const [built, staged] = await Promise.all([site.exited, stage.exited]);
    if (built !== 0) return built;
    if (staged !== 0) return staged;
    // In this process, which has loaded little: Pagefind's peak is the build's.
    await writeStagedIndex(staging, building);
    rmSync(outDir, { recursive: true, force: true });
    renameSync(building, outDir);
    return 0;
  } catch (error) {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    rmSync(staging, { recursive: true, force: true });
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
