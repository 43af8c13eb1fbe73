import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixturesDir, readFixture, repoRoot } from '../helpers/import-fixtures.ts';

const cli = path.join(repoRoot, 'src', 'cli', 'import.ts');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder of transcripts laid out like the corpus: <name>/meeting-transcript.md. */
function makeCorpus(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.join(dir, 'in', name), { recursive: true });
    writeFileSync(path.join(dir, 'in', name, 'meeting-transcript.md'), content);
  }
  return dir;
}

test('a bad file among good ones: file:line:col error, exit 1, the others written', () => {
  const dir = makeCorpus({
    '2025-04-14': readFixture('heading-links.md'),
    '2024-12-16': readFixture('plain-lines.md'),
    broken: Buffer.from(
      '# 2025-01-01 Meeting\n\n### Transcript\n**Geohot** [00:00:01]\nbad \xff byte\n',
      'latin1',
    ),
  });
  const r = run(['--out', 'out', 'in'], dir);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^in\/broken\/meeting-transcript\.md:5:5: error: invalid UTF-8/m);
  assert.deepEqual(readdirSync(path.join(dir, 'out')).sort(), ['2024-12-16.mdx', '2025-04-14.mdx']);
  assert.match(
    r.stdout,
    /import: 2 meetings \(2 written, 0 unchanged\), 7 turns, highlights 4 exact \/ 0 repaired \/ 0 unresolved \(1 without a link\)/,
  );
  assert.match(r.stdout, /1 errors/);
  const mdx = readFileSync(path.join(dir, 'out', '2025-04-14.mdx'), 'utf8');
  assert.match(mdx, /from 2025-04-14\/meeting-transcript\.md;/);
  assert.ok(!mdx.includes(dir), 'no absolute path of this machine in the output');
});

test('--check reports drift without writing and exits 1; clean after an import', () => {
  const dir = makeCorpus({ '2025-04-14': readFixture('heading-links.md') });
  const check1 = run(['--check', '--out', 'out', 'in'], dir);
  assert.equal(check1.code, 1);
  assert.match(check1.stderr, /out\/2025-04-14\.mdx: would be created/);
  assert.deepEqual(readdirSync(dir), ['in']);
  mkdirSync(path.join(dir, 'out'));
  assert.equal(run(['--out', 'out', 'in'], dir).code, 0);
  const check2 = run(['--check', '--out', 'out', 'in'], dir);
  assert.equal(check2.code, 0, check2.stderr);
  assert.match(check2.stdout, /0 would change, 1 up to date/);
  writeFileSync(
    path.join(dir, 'in', '2025-04-14', 'meeting-transcript.md'),
    readFixture('heading-links.md').replace('Welcome everyone.', 'Welcome all.'),
  );
  const check3 = run(['--check', '--out', 'out', 'in'], dir);
  assert.equal(check3.code, 1);
  assert.match(check3.stderr, /2025-04-14\.mdx: would change/);
});

test('two sources mapping to one meeting id: error naming both, second not written', () => {
  const dir = makeCorpus({
    a: readFixture('heading-links.md'),
    b: readFixture('heading-links.md').replace('Welcome everyone.', 'Other text.'),
  });
  mkdirSync(path.join(dir, 'out'));
  const r = run(['--out', 'out', 'in'], dir);
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /^in\/b\/meeting-transcript\.md:1:1: error: meeting id "2025-04-14" is already imported from in\/a\/meeting-transcript\.md/m,
  );
  assert.match(readFileSync(path.join(dir, 'out', '2025-04-14.mdx'), 'utf8'), /Welcome everyone/);
});

test('warnings are printed as file:line:col: warning: and counted in the summary', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
  mkdirSync(path.join(dir, 'out'));
  const r = run(['--out', 'out', path.join(fixturesDir, 'speakers-variants.md')], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /speakers-variants\.md:16:\d+: warning: unknown speaker "Newperson"/);
  assert.match(r.stdout, /2 warnings, 0 errors/);
});

test('usage errors exit 2; a missing file is an error with its name', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
  assert.equal(run([], dir).code, 2);
  const r = run(['--out', dir, 'nope.md'], dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^nope\.md:1:1: error: cannot read file \(ENOENT\)/m);
});

test('meeting folders that are symbolic links are followed, as cp -r does', () => {
  const dir = makeCorpus({ '2025-04-14': readFixture('heading-links.md') });
  mkdirSync(path.join(dir, 'elsewhere', '2024-12-16'), { recursive: true });
  writeFileSync(
    path.join(dir, 'elsewhere', '2024-12-16', 'meeting-transcript.md'),
    readFixture('plain-lines.md'),
  );
  symlinkSync(path.join(dir, 'elsewhere', '2024-12-16'), path.join(dir, 'in', '2024-12-16'));
  symlinkSync(path.join(dir, 'in'), path.join(dir, 'in', 'loop')); // a link back up ends
  const r = run(['--out', 'out', 'in'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(path.join(dir, 'out')).sort(), ['2024-12-16.mdx', '2025-04-14.mdx']);
});

test('a checkout of the upstream archive: its README and templates are skipped and counted', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
  const files: Record<string, string> = {
    'README.md': '# Meetings\n\nLatest: [2025-04-14](last-week-in-tinycorp/2025-04-14)\n',
    'last-week-in-tinycorp/README.md': '# Last week in tinycorp\n',
    'last-week-in-tinycorp/2025-04-14/meeting-transcript.md': readFixture('heading-links.md'),
    'resources/templates/highlights.md':
      '- **[Company Update](#geohot-000004)**: Tiny box V2 is available.\n',
    'resources/templates/weekly_summary_template.md': '# Weekly Summary - Week of [DATE]\n',
    'notes/2024-12-16.md': readFixture('plain-lines.md'),
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, 'upstream', name)), { recursive: true });
    writeFileSync(path.join(dir, 'upstream', name), text);
  }
  const r = run(['--out', 'out', 'upstream'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(path.join(dir, 'out')).sort(), ['2024-12-16.mdx', '2025-04-14.mdx']);
  assert.match(r.stdout, /0 errors, 4 other markdown files skipped/);
  assert.match(r.stderr, /^upstream\/README\.md: skipped: markdown without a speaker line/m);
});
