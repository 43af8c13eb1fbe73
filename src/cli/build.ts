/**
 * `npm run build` = `node src/cli/build.ts [--outDir DIR]`: checks every content file, then runs
 * `astro build` and the search index's staging (src/cli/index-search.ts --stage) side by side,
 * each in a process of its own, then writes the index into DIR/pagefind (default dist) from this
 * small process (src/cli/index-write.ts). Pagefind's process is the build's largest, so it runs
 * alone: all of the index beside Astro took 1.4 GB at 1x (budget 1.2 GB), and at 11 times the
 * corpus Pagefind alone takes 2.1 GB while it writes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeStagedIndex } from './index-write.ts';

const USAGE = `usage: node src/cli/build.ts [--outDir DIR]
  Checks the content, builds the site with Astro, then its search index, into DIR
  (default: dist). MEETINGS_DIR and ARCHIVE_CONFIG are passed on.`;

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Runs `node <args>` with inherited output; resolves with its exit code. */
function runNode(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: repoRoot });
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

/** Builds the site and its index into `outDir`; resolves with the exit code. */
export async function buildSite(outDir: string): Promise<number> {
  const astro = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');
  const staging = mkdtempSync(path.join(os.tmpdir(), 'index-search-'));
  try {
    const [built, staged] = await Promise.all([
      // --force: no content-layer cache from an earlier build. It keys entries by their text, so
      // a meeting folder with the same files as an earlier one (a copy) reused its paths.
      runNode([astro, 'build', '--force', '--outDir', outDir]),
      runNode([path.join(repoRoot, 'src/cli/index-search.ts'), '--stage', staging]),
    ]);
    if (built !== 0) return built;
    if (staged !== 0) return staged;
    // In this process, which has loaded little: Pagefind's peak is the build's.
    await writeStagedIndex(staging, outDir);
    return 0;
  } catch (error) {
    console.error(`pagefind: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    rmSync(staging, { recursive: true, force: true });
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
  // Its own process, so that its memory is gone before the build's peak.
  const checked = await runNode([path.join(repoRoot, 'src/cli/check.ts')]);
  if (checked !== 0) return checked;
  return buildSite(outDir);
}

if (import.meta.main) process.exitCode = await run(process.argv.slice(2));
