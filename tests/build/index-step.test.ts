/**
 * The index step as `npm run build` runs it: src/cli/index-search.ts --stage prepares the index
 * beside `astro build` without writing into the site, and src/cli/index-write.ts writes it once
 * the site is built. Runs on the fixture archive (tests/fixtures/archive).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { readBundle, writeBundle } from '../../src/cli/side-files.ts';
import { vocabularyFiles } from '../../src/lib/search/contract.ts';
import { repoRoot } from '../helpers/paths.ts';

/** Runs a CLI of src/cli on the fixture archive; returns its exit code and output. */
function runCli(script: string, args: string[]): { code: number; output: string } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ARCHIVE_CONFIG: path.join(repoRoot, 'tests/fixtures/archive/archive.yaml'),
  };
  delete env['MEETINGS_DIR'];
  const run = spawnSync(process.execPath, [`src/cli/${script}`, ...args], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
  });
  return { code: run.status ?? 1, output: run.stdout + run.stderr };
}

describe('the index step beside astro build', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'index-step-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  const staging = path.join(work, 'staging');
  const out = path.join(work, 'dist');

  it('stages the records and side files without writing into the site', () => {
    const { code, output } = runCli('index-search.ts', ['--stage', staging]);
    assert.equal(code, 0, output);
    assert.ok(existsSync(path.join(staging, 'summary.json')), 'summary');
    assert.ok(existsSync(path.join(staging, 'side/words.bundle')), 'vocabulary');
    assert.ok(existsSync(path.join(staging, 'side/browse/ids/0.json')), 'browse ids');
    assert.ok(readdirSync(path.join(staging, 'meetings')).length > 0, 'records');
    assert.equal(existsSync(out), false, 'wrote into the site');
    // A second staging into a used folder is refused.
    const again = runCli('index-search.ts', ['--stage', staging]);
    assert.equal(again.code, 1);
    assert.match(again.output, /not an empty folder/);
  });

  it('writes nothing without a built site, then the whole index into it', () => {
    const missing = runCli('index-write.ts', ['--from', staging, '--out', out]);
    assert.equal(missing.code, 1);
    assert.match(missing.output, /not found; run `astro build` first/);
    mkdirSync(out);
    const { code, output } = runCli('index-write.ts', ['--from', staging, '--out', out]);
    assert.equal(code, 0, output);
    assert.match(output, /pagefind: indexed \d+ turns of 1 meetings .*\(ordering .* ids /);
    for (const file of ['pagefind-entry.json', 'words/0.json', 'browse/ids/0.json']) {
      assert.ok(existsSync(path.join(out, 'pagefind', file)), `pagefind/${file}`);
    }
    // Record marks became Pagefind ids.
    const ids = JSON.parse(
      readFileSync(path.join(out, 'pagefind/browse/ids/0.json'), 'utf8'),
    ) as string[];
    for (const id of ids) {
      assert.ok(existsSync(path.join(out, `pagefind/fragment/${id}.pf_fragment`)), id);
    }
    // Every vocabulary file, from the one staged bundle, with ids in place of marks.
    const words = readdirSync(path.join(out, 'pagefind/words'));
    assert.equal(words.length, vocabularyFiles);
    const text = words.map((f) => readFileSync(path.join(out, 'pagefind/words', f), 'utf8'));
    assert.ok(
      text.some((t) => /"[0-9a-f]{7,}"/.test(t)),
      'record ids in the vocabulary',
    );
    assert.ok(!text.some((t) => /"#\d+"/.test(t)), 'a record mark left in the vocabulary');
  });

  it('bundles files into one text and reads them back, and refuses a line break', () => {
    const files = new Map([
      ['0.json', '{"a":[1,"#2"]}'],
      ['1.json', '{}'],
      ['2.json', '{"line\\nbreak":[3]}'],
    ]);
    assert.deepEqual(readBundle(writeBundle(files)), [...files]);
    assert.deepEqual(readBundle(writeBundle(new Map())), []);
    assert.throws(() => writeBundle(new Map([['x.json', '{\n}']])), /line break/);
  });
});
