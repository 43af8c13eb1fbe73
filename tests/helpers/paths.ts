/** Locations shared by tests, the test preparation step and the benchmark. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The community corpus, read at run time: `CORPUS_DIR`, default ../shared/corpus/tinycorp-meetings. */
export const corpusDir = path.resolve(
  repoRoot,
  process.env['CORPUS_DIR'] ?? '../shared/corpus/tinycorp-meetings',
);

/** Where `tests/prepare.ts` imports and builds the whole corpus for build-output and browser tests. */
export const corpusSite = {
  root: path.join(repoRoot, '.cache/test-site'),
  mdx: path.join(repoRoot, '.cache/test-site/mdx'),
  dist: path.join(repoRoot, '.cache/test-site/dist'),
};
