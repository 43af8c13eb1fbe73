/**
 * The index step as `npm run build` runs it (src/cli/index-search.ts --wait-for-go): it stages
 * its records beside `astro build`, writes nothing until told "go", and writes nothing at all
 * when the site build stops first. Runs on the fixture archive (tests/fixtures/archive).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.ts';

/** Runs the index step with `input` on its standard input; resolves with its code and output. */
function runIndexStep(out: string, input: string): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ARCHIVE_CONFIG: path.join(repoRoot, 'tests/fixtures/archive/archive.yaml'),
  };
  delete env['MEETINGS_DIR'];
  const child = spawn(
    process.execPath,
    ['src/cli/index-search.ts', '--out', out, '--wait-for-go'],
    { cwd: repoRoot, env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  child.stdin.end(input);
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? 1, output })),
  );
}

describe('the index step beside astro build', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'index-step-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('writes nothing when the site build stops before saying go', async () => {
    const out = path.join(work, 'stopped');
    mkdirSync(out);
    const { code, output } = await runIndexStep(out, '');
    assert.equal(code, 1, output);
    assert.match(output, /stopped: the site build did not finish/);
    assert.deepEqual(readdirSync(out), [], 'nothing written');
  });

  it('writes the index, the vocabulary and the browse index once told go', async () => {
    const out = path.join(work, 'go');
    mkdirSync(out);
    const staging = () => readdirSync(os.tmpdir()).filter((n) => n.startsWith('index-search-'));
    const before = staging();
    const { code, output } = await runIndexStep(out, 'go\n');
    assert.equal(code, 0, output);
    assert.match(output, /pagefind: indexed \d+ turns of 1 meetings/);
    for (const file of ['pagefind-entry.json', 'words/0.json', 'browse/ids/0.json']) {
      assert.ok(existsSync(path.join(out, 'pagefind', file)), `pagefind/${file}`);
    }
    assert.deepEqual(staging(), before, 'its staged records are gone');
  });
});
