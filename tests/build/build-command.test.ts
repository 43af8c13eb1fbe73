/**
 * Build test of `npm run build` (src/cli/build.ts) itself: the content check runs beside Astro,
 * a failed check stops the build with file:line:col and leaves the output folder as it was, and
 * a passing build replaces the folder whole, search index included, also for an archive without
 * meetings.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { repoRoot } from '../helpers/paths.ts';

describe('npm run build', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'build-command-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  const meetings = path.join(work, 'meetings');
  const dist = path.join(work, 'dist');
  const earlier = path.join(dist, 'earlier-build.txt');
  mkdirSync(meetings);
  mkdirSync(dist);
  writeFileSync(earlier, 'a file of an earlier build\n');
  const seed = path.join(meetings, '2025-04-14.mdx');
  copyFileSync(path.join(repoRoot, 'content/meetings/2025-04-14.mdx'), seed);
  const build = (meetingsDir = meetings) =>
    spawnSync(process.execPath, ['src/cli/build.ts', '--outDir', dist], {
      cwd: repoRoot,
      env: { ...process.env, MEETINGS_DIR: meetingsDir },
      encoding: 'utf8',
    });
  // The folders a build works in beside the output folder (`dist.earlier`: the site it replaces).
  const leftovers = () =>
    readdirSync(work).filter((name) => /^dist\.(building-|index-|earlier$)/.test(name));

  it('stops on a content error with file:line:col and leaves the output folder as it was', () => {
    const bad = path.join(meetings, '2025-04-21.mdx');
    copyFileSync(seed, bad);
    const lines = readFileSync(bad, 'utf8').split('\n').length - 1;
    appendFileSync(bad, '\nSome notes.\n\n{process.exit(1)}\n');
    const result = build();
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(
      result.stderr,
      new RegExp(`2025-04-21\\.mdx:${lines + 4}:1: error: `),
      'the check names the file, line and column',
    );
    assert.doesNotMatch(
      stripVTControlCharacters(result.stdout),
      /\[build\]/,
      "Astro's held output is not shown",
    );
    assert.ok(existsSync(earlier), 'the earlier build is still there');
    assert.deepEqual(readdirSync(dist), ['earlier-build.txt']);
    assert.deepEqual(leftovers(), [], 'no half-built folder is left');
    rmSync(bad);
  });

  it('replaces the output folder with the whole site and its index', () => {
    // What a stopped build left aside goes too.
    mkdirSync(path.join(work, 'dist.earlier'));
    writeFileSync(path.join(work, 'dist.earlier', 'stopped.txt'), 'left by a stopped build\n');
    const result = build();
    assert.equal(result.status, 0, result.stdout + result.stderr);
    // Astro colours its output where it thinks a terminal may show it (CI=true, for one).
    const stdout = stripVTControlCharacters(result.stdout);
    assert.match(
      stdout,
      /checked 3 files: 0 errors[\s\S]*\[build\] Complete!/,
      'check, then Astro',
    );
    assert.ok(!existsSync(earlier), 'nothing of the earlier build stays');
    for (const file of ['index.html', 'meetings/2025-04-14/index.html', 'pagefind/pagefind.js']) {
      assert.ok(existsSync(path.join(dist, file)), `${file} is built`);
    }
    assert.deepEqual(leftovers(), [], 'no half-built folder is left');
  });

  it('builds an archive without meetings, its search index included', () => {
    const empty = path.join(work, 'no-meetings');
    mkdirSync(empty);
    const result = build(empty);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /pagefind: indexed 0 turns of 0 meetings/);
    for (const file of ['index.html', 'search/index.html', 'pagefind/pagefind.js']) {
      assert.ok(existsSync(path.join(dist, file)), `${file} is built`);
    }
    assert.ok(!existsSync(path.join(dist, 'meetings/2025-04-14')), 'no meeting page is left');
    assert.deepEqual(leftovers(), [], 'no half-built folder is left');
  });
});
