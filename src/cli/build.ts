/**
 * `npm run build` = `node src/cli/build.ts [--outDir DIR]`: checks every content file, then runs
 * `astro build` and the search index (src/cli/index-search.ts) into DIR/pagefind (default dist),
 * each in its own process. The index reads and stages its records beside Astro (two cores), then
 * waits for Astro to finish before it starts Pagefind, whose process is the largest of the build:
 * running all of it beside Astro took 1.4 GB at 1x (budget 1.2 GB), and at 11 times the corpus
 * Pagefind's own process alone reaches 2 GB while it writes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { run as runCheck } from './check.ts';

const USAGE = `usage: node src/cli/build.ts [--outDir DIR]
  Checks the content, builds the site with Astro, then its search index, into DIR
  (default: dist). MEETINGS_DIR and ARCHIVE_CONFIG are passed on.`;

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Runs `node <args>` with inherited output; `exited` resolves with its exit code. */
function runNode(args: string[], input = false): { exited: Promise<number>; child: ChildProcess } {
  const child = spawn(process.execPath, args, {
    stdio: [input ? 'pipe' : 'ignore', 'inherit', 'inherit'],
    cwd: repoRoot,
  });
  const exited = new Promise<number>((resolve) => {
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
  return { exited, child };
}

/** Builds the site and its index into `outDir`; resolves with the exit code. */
export async function buildSite(outDir: string): Promise<number> {
  const astro = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');
  // --expose-gc: the index step collects its garbage before Pagefind's peak (see index-search).
  const index = runNode(
    [
      '--expose-gc',
      path.join(repoRoot, 'src/cli/index-search.ts'),
      '--out',
      outDir,
      '--wait-for-go',
    ],
    true,
  );
  // An index step that failed early has closed its input; its own exit code reports that.
  index.child.stdin?.on('error', () => {});
  // --force: no content-layer cache from an earlier build. It keys entries by their text, so a
  // meeting folder with the same files as an earlier one (a copy) reused that folder's paths.
  const built = await runNode([astro, 'build', '--force', '--outDir', outDir]).exited;
  if (built !== 0) {
    index.child.stdin?.end();
    await index.exited;
    return built;
  }
  index.child.stdin?.end('go\n');
  return index.exited;
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
