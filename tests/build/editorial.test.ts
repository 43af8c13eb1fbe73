/** Build test: a meeting's hand-written MDX body renders with the editorial components. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  appendFileSync,
  existsSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'node-html-parser';
import { repoRoot } from '../helpers/paths.ts';

/**
 * Writes the seed meeting with an editorial body and a second meeting without one into
 * `meetings`.
 */
function writeMeetings(meetings: string): void {
  mkdirSync(meetings);
  const file = path.join(meetings, '2025-04-14.mdx');
  copyFileSync(path.join(repoRoot, 'content/meetings/2025-04-14.mdx'), file);
  // A second meeting, without a body: it has nothing for the MDX compiler.
  writeFileSync(
    path.join(meetings, '2025-04-21.mdx'),
    readFileSync(file, 'utf8')
      .replaceAll('2025-04-14', '2025-04-21')
      .replace(/\n---\n[\s\S]*$/, '\n---\n'),
  );
  appendFileSync(
    file,
    '\nTimestamps after **00:40:00** drift a little.\n\n' +
      '<Note title="Correction">Geohot meant 5090s, see [the PR](https://github.com/tinygrad/tinygrad).</Note>\n\n' +
      '<Aside title="Context">Tariffs changed twice that week.</Aside>\n',
  );
}

/** The built site `dist` shows the editorial notes of the seed meeting and only compiles its body. */
function assertEditorial(dist: string): void {
  // Only the meeting with a body is compiled into the build as a module to render.
  const modules = readFileSync(path.join(repoRoot, '.astro/content-modules.mjs'), 'utf8');
  assert.match(modules, /2025-04-14\.mdx/);
  assert.doesNotMatch(modules, /2025-04-21\.mdx/);
  assert.ok(existsSync(path.join(dist, 'meetings/2025-04-21/index.html')), 'its page is built');
  const bare = parse(readFileSync(path.join(dist, 'meetings/2025-04-21/index.html'), 'utf8'));
  assert.equal(
    bare.querySelector('section.editorial'),
    null,
    'no editorial section without a body',
  );
  const page = parse(readFileSync(path.join(dist, 'meetings/2025-04-14/index.html'), 'utf8'));
  const editorial = page.querySelector('section.editorial');
  assert.ok(editorial, 'an editorial section');
  assert.match(editorial.querySelector('p strong')?.textContent ?? '', /00:40:00/);
  assert.equal(editorial.querySelector('[role=note] .note-title')?.textContent, 'Correction');
  assert.equal(
    editorial.querySelector('[role=note] a')?.getAttribute('href'),
    'https://github.com/tinygrad/tinygrad',
  );
  assert.equal(editorial.querySelector('aside')?.getAttribute('aria-label'), 'Context');
  assert.equal(
    page.querySelectorAll('section.transcript .turn').length,
    156,
    'the seed meeting still has its 156 turns',
  );
}

describe('editorial notes in the MDX body', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'editorial-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('renders markdown, Note and Aside after the meeting header, and the transcript stays intact', () => {
    const meetings = path.join(work, 'meetings');
    writeMeetings(meetings);
    const dist = path.join(work, 'dist');
    const env = { ...process.env, MEETINGS_DIR: meetings };
    const check = spawnSync(process.execPath, ['src/cli/check.ts'], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    // `astro build` alone: the content layer reads the meeting files themselves.
    const build = spawnSync(
      process.execPath,
      ['node_modules/astro/bin/astro.mjs', 'build', '--force', '--outDir', dist, '--silent'],
      { cwd: repoRoot, env, encoding: 'utf8' },
    );
    assert.equal(build.status, 0, build.stdout + build.stderr);
    assertEditorial(dist);
  });

  it('renders them the same within npm run build, where the heads come from the check', () => {
    const meetings = path.join(work, 'meetings-build');
    writeMeetings(meetings);
    const dist = path.join(work, 'dist-build');
    const build = spawnSync(process.execPath, ['src/cli/build.ts', '--outDir', dist], {
      cwd: repoRoot,
      env: { ...process.env, MEETINGS_DIR: meetings },
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, build.stdout + build.stderr);
    assertEditorial(dist);
  });
});
