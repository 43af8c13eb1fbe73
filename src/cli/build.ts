/**
 * `npm run build` = `node src/cli/build.ts [--outDir DIR]`: checks every content file, then runs
 * `astro build`, then the search index (src/cli/index-search.ts) into DIR/pagefind (default
 * dist), each in its own process, so the build's peak memory is the larger of the two, not their
 * sum. Measured over the corpus on 2 cores: side by side the build took 10.9 s instead of about
 * 14 s, but peaked at 1.4 GB (Astro 0.85 GB, the index 0.55 GB), over the 1.2 GB budget; at 11
 * times the corpus Pagefind's own process alone reaches 2.4 GB while it writes.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { run as runCheck } from './check.ts';

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

/** Builds the site and then its index into `outDir`; resolves with the exit code. */
export async function buildSite(outDir: string): Promise<number> {
  const astro = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');
  // --force: no content-layer cache from an earlier build. It keys entries by their text, so a
  // meeting folder with the same files as an earlier one (a copy) reused that folder's paths.
  const built = await runNode([astro, 'build', '--force', '--outDir', outDir]);
  if (built !== 0) return built;
  // --expose-gc: the index step collects its garbage before Pagefind's peak (see index-search).
  return runNode(['--expose-gc', path.join(repoRoot, 'src/cli/index-search.ts'), '--out', outDir]);
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
