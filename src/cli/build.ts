/**
 * `npm run build` = `node src/cli/build.ts [--outDir DIR]`: checks every content file, then runs
 * `astro build` and the search index (src/cli/index-search.ts) side by side, each in its own
 * process, and moves the index into the built site (DIR/pagefind, default dist/pagefind). The
 * index reads the meeting records, not the built pages, so it needs nothing from Astro; Astro
 * empties DIR when it starts, so the index is written beside DIR and moved in at the end.
 * Measured on 2 cores: Astro keeps one core busy, and Pagefind's process the other.
 */
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { run as runCheck } from './check.ts';

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

/** Builds the site and its index into `outDir`; resolves with the exit code. */
export async function buildSite(outDir: string): Promise<number> {
  const indexDir = path.join(path.dirname(outDir), `.${path.basename(outDir)}-search-index`);
  rmSync(indexDir, { recursive: true, force: true });
  const astro = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');
  const [built, indexed] = await Promise.all([
    runNode([astro, 'build', '--outDir', outDir]),
    runNode([path.join(repoRoot, 'src/cli/index-search.ts'), '--out', indexDir, '--create']),
  ]);
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
