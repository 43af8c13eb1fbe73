/**
 * Imports the whole corpus and builds the site from it once, before the test files run, into
 * .cache/test-site/{mdx,dist}. Build-output and browser tests read that folder.
 * Set REUSE_SITE=1 to keep an existing build while iterating on tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { corpusDir, corpusSite, repoRoot } from './helpers/paths.ts';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) {
    console.error(`tests/prepare: ${command} ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(1);
  }
}

if (process.env['REUSE_SITE'] === '1' && existsSync(corpusSite.dist)) {
  console.log(`tests/prepare: reusing ${corpusSite.dist} (REUSE_SITE=1)`);
} else {
  if (!existsSync(corpusDir)) {
    console.error(`tests/prepare: corpus not found at ${corpusDir}; set CORPUS_DIR`);
    process.exit(1);
  }
  rmSync(corpusSite.root, { recursive: true, force: true });
  mkdirSync(corpusSite.mdx, { recursive: true });
  const started = performance.now();
  run(process.execPath, ['src/cli/import.ts', '--out', corpusSite.mdx, corpusDir]);
  // What `npm run build` runs: the content check, then Astro and the search index.
  run(process.execPath, ['src/cli/build.ts', '--outDir', corpusSite.dist], {
    MEETINGS_DIR: corpusSite.mdx,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `tests/prepare: imported and built the corpus site in ${seconds} s -> .cache/test-site/dist`,
  );
}
