/** Every command in src/cli (but the search indexer) prints its usage on --help and rejects a bad flag. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../helpers/paths.ts';

const commands = ['check.ts', 'import.ts'];

function runCli(name: string, args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'src/cli', name), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

for (const name of commands) {
  test(`${name} --help prints its usage and exits 0`, async () => {
    const r = runCli(name, ['--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^usage: /);
    assert.equal(r.stderr, '');
    const { run } = (await import(`../../src/cli/${name}`)) as { run: unknown };
    assert.equal(typeof run, 'function', `${name} exports run(argv)`);
  });

  test(`${name} rejects an unknown flag with its usage and exit 2`, () => {
    const r = runCli(name, ['--no-such-flag']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: Unknown option '--no-such-flag'/);
    assert.match(r.stderr, /usage: /);
    assert.equal(r.stdout, '');
  });
}
