/**
 * `npm run build` = `node src/cli/build.ts [--outDir DIR]`: checks every content file, then runs
 * `astro build` and the search index (src/cli/index-search.ts), each in its own process, and moves
 * the index into the built site (DIR/pagefind, default dist/pagefind). The index reads the meeting
 * records, not the built pages, so it needs nothing from Astro: for an archive of up to
 * `sideBySideBytes` of meeting files the two run side by side (Astro keeps one core busy,
 * Pagefind the other), a larger one runs them one after the other, so the build's peak memory is
 * the larger process, not their sum (measured at 11 times the corpus side by side: 4.4 GB).
 * Astro empties DIR when it starts, so the index is written beside DIR and moved in at the end.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadArchive } from '../lib/archive-config.ts';
import { run as runCheck } from './check.ts';

/**
 * Meeting files up to this many bytes are built side by side with their index: the corpus
 * (6 MB, 84 meetings) peaks at about 1.1 GB that way; Astro's memory grows with the records.
 */
export const sideBySideBytes = 8 * 1024 * 1024;

const USAGE = `usage: node src/cli/build.ts [--outDir DIR]
  Checks the content, then builds the site with Astro and its search index side by side
  into DIR (default: dist). MEETINGS_DIR and ARCHIVE_CONFIG are passed on.`;

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Runs `node <args>` with inherited output; resolves with its exit code. */
function runNode(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: repoRoot });
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

/** Bytes of the archive's meeting files. */
function meetingBytes(): number {
  const dir = loadArchive(repoRoot).meetingsDir;
  return readdirSync(dir)
    .filter((name) => name.endsWith('.mdx'))
    .reduce((n, name) => n + statSync(path.join(dir, name)).size, 0);
}

/** Builds the site and its index into `outDir`; resolves with the exit code. */
export async function buildSite(outDir: string): Promise<number> {
  const indexDir = path.join(path.dirname(outDir), `.${path.basename(outDir)}-search-index`);
  rmSync(indexDir, { recursive: true, force: true });
  const astro = () =>
    runNode([path.join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir]);
  const index = () =>
    runNode([path.join(repoRoot, 'src/cli/index-search.ts'), '--out', indexDir, '--create']);
  const [built, indexed] =
    meetingBytes() <= sideBySideBytes
      ? await Promise.all([astro(), index()])
      : [await astro(), await index()];
  if (built !== 0 || indexed !== 0) {
    rmSync(indexDir, { recursive: true, force: true });
    return built || indexed;
  }
  const target = path.join(outDir, 'pagefind');
  if (existsSync(target)) rmSync(target, { recursive: true });
  renameSync(path.join(indexDir, 'pagefind'), target);
  rmSync(indexDir, { recursive: true, force: true });
  return 0;
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
  const checked = await runCheck([]);
  if (checked !== 0) return checked;
  return buildSite(outDir);
}

if (import.meta.main) process.exitCode = await run(process.argv.slice(2));
