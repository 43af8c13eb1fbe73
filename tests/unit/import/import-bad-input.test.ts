/**
 * Catalogue of hostile and broken inputs. Each must come out as literal text in the record (the
 * MDX body stays empty and YAML parses back to the same string) or be rejected with line:col.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { decodeTranscript } from '../../../src/lib/import/decode-input.ts';
import { importTranscript, type ImportResult } from '../../../src/lib/import/import-transcript.ts';
import { createSpeakerRegistry } from '../../../src/lib/import/speakers.ts';
import { SourceError } from '../../../src/lib/source-error.ts';
import { importText, repoRoot } from '../../helpers/import-fixtures.ts';

/** A transcript carrying `payload` in the time note, an agenda item, a highlight and a turn. */
function transcriptWith(payload: string): string {
  return [
    '# 2025-01-01 Meeting',
    '',
    '### Meeting Agenda',
    '',
    `**Time:** ${payload}`,
    `- ${payload}`,
    '',
    '### Highlights',
    '',
    `- **[Title](#geohot-000001)**: ${payload}`,
    '',
    '### Transcript',
    '',
    '##### **Geohot** [[00:00:01](https://www.youtube.com/watch?v=4p_uWDeaO_8&t=1)]',
    payload,
    'more text',
    '',
    '##### **Chenyu** [[00:00:05](https://www.youtube.com/watch?v=4p_uWDeaO_8&t=5)]',
    `${payload} at the end`,
  ].join('\n');
}

/** The frontmatter YAML and the body of a written MDX file. */
function splitFile(file: string): { yaml: unknown; body: string } {
  assert.ok(file.startsWith('---\n'));
  const close = file.indexOf('\n---\n');
  return { yaml: parseYaml(file.slice(4, close + 1)), body: file.slice(close + 5) };
}

/** Asserts the file holds exactly the record, with an empty body. */
function assertSafeFile(result: ImportResult): Record<string, unknown> {
  const { yaml, body } = splitFile(result.file);
  assert.equal(body, '', 'the MDX body must stay empty');
  assert.deepEqual(yaml, JSON.parse(JSON.stringify(result.meeting)));
  return yaml as Record<string, unknown>;
}

const literalPayloads = [
  '{process.env.HOME}',
  "import fs from 'node:fs'",
  'export const x = 1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<!-- -->',
  'a <b',
  '<https://x>',
  '[x](javascript:alert(1))',
  '[x](javascript&#58;alert(1))',
  '{',
  '&#123;',
  '}',
  '---',
  '...',
  '\'quoted\' "double" `code` \\ back',
  'key: value # not a comment',
  '\u202Eevil\u202C \u2066isolate\u2069 \u200F',
  'Jose\u0301 cafe\u0301',
];

for (const payload of literalPayloads) {
  test(`literal text: ${JSON.stringify(payload)}`, () => {
    const result = importText(transcriptWith(payload));
    const { meeting } = result;
    assert.equal(meeting.time, payload);
    assert.equal(meeting.agenda[0]!.text, payload);
    assert.equal(meeting.highlights[0]!.summary, payload);
    assert.equal(meeting.highlights[0]!.turn, 'geohot-000001');
    assert.equal(meeting.turns[0]!.text, `${payload}\nmore text`);
    assert.equal(meeting.turns[1]!.text, `${payload} at the end`);
    const yaml = assertSafeFile(result) as { turns: { text: string }[] };
    assert.equal(yaml.turns[0]!.text, `${payload}\nmore text`);
  });
}

test('a title that breaks naive YAML stays literal', () => {
  const text = '# 2025-01-01 Meeting: "a" {b} [c] #d\n### Transcript\n**Geohot** [00:00:01]\nHi.\n';
  const result = importText(text);
  assert.equal(result.meeting.title, '2025-01-01 Meeting: "a" {b} [c] #d');
  assert.equal(result.meeting.id, '2025-01-01');
  assert.equal((assertSafeFile(result) as { title: string }).title, result.meeting.title);
});

test('a speaker named like an HTML attack is kept as written', () => {
  const label = '"><svg onload=alert(1)>';
  const text = `# 2025-01-01 Meeting\n### Transcript\n##### **${label}** [00:00:01]\nHi.\n`;
  const result = importText(text);
  const turn = result.meeting.turns[0]!;
  assert.equal(turn.speaker, label);
  assert.deepEqual(turn.speakers, []);
  assert.match(turn.id, /^[a-z0-9_-]+$/);
  assertSafeFile(result);
  assert.ok(result.warnings.some((w) => w.message.includes('unknown speaker')));
});

test('NFD speaker names are kept as written and matched after NFC normalisation', () => {
  const text = '# 2025-01-01 Meeting\n### Transcript\n**Jose\u0301** [00:00:01]\nHi.\n';
  const registry = createSpeakerRegistry([{ id: 'jose', name: 'Jos\u00e9', aliases: [] }]);
  const result = importTranscript(text, { source: 'x/meeting-transcript.md', registry });
  const turn = result.meeting.turns[0]!;
  assert.equal(turn.speaker, 'Jose\u0301');
  assert.deepEqual(turn.speakers, ['jose']);
  // GitHub's slug keeps the letters as written (NFD), so the id does too.
  assert.equal(turn.id, 'jose\u0301-000001');
  assertSafeFile(result);
});

test('bidi control characters in a speaker label are kept; the id stays a valid slug', () => {
  const text = '# 2025-01-01 Meeting\n### Transcript\n**Geo\u202Ehot** [00:00:01]\nHi.\n';
  const result = importText(text);
  assert.equal(result.meeting.turns[0]!.speaker, 'Geo\u202Ehot');
  assertSafeFile(result);
});

test('BOM, CRLF and lone CR give the same record as LF', () => {
  const lf = transcriptWith('plain');
  const expected = importText(lf).file;
  assert.equal(importText(`\uFEFF${lf}`).file, expected);
  assert.equal(importText(lf.replace(/\n/g, '\r\n')).file, expected);
  assert.equal(importText(lf.replace(/\n/g, '\r')).file, expected);
  assert.equal(decodeTranscript(new TextEncoder().encode(`\uFEFF${lf}`)).charCodeAt(0), 0xfeff);
});

function assertRejectedAt(run: () => unknown, line: number, column: number, message: RegExp) {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof SourceError, String(e));
    assert.deepEqual([e.line, e.column], [line, column]);
    assert.match(e.message, message);
    return true;
  });
}

test('invalid UTF-8 is rejected at the line and column of the first bad byte', () => {
  const bytes = Buffer.concat([
    Buffer.from('# 2025-01-01 Meeting\n### Transcript\n**Geohot** [00:00:01]\nsé '),
    Buffer.from([0xc3, 0x28]),
    Buffer.from(' x\n'),
  ]);
  assertRejectedAt(
    () => decodeTranscript(bytes),
    4,
    4,
    /invalid UTF-8 \(byte 0xC3 at byte offset 62\)/,
  );
  assertRejectedAt(() => decodeTranscript(Buffer.from([0x61, 0xed, 0xa0, 0x80])), 1, 2, /UTF-8/);
  assertRejectedAt(() => decodeTranscript(Buffer.from([0x0a, 0xf0, 0x9f])), 2, 1, /UTF-8/);
});

test('a NUL character is rejected at its line and column', () => {
  const text = transcriptWith('plain').replace('more text', 'more\0text');
  assertRejectedAt(() => importText(text), 16, 5, /NUL character/);
});

test('an empty file and a file without turns are rejected with a location', () => {
  assertRejectedAt(() => importText(''), 1, 1, /empty transcript/);
  assertRejectedAt(() => importText('\n  \n'), 1, 1, /empty transcript/);
  assertRejectedAt(
    () => importText('# 2025-01-01 Meeting\n### Transcript\nwords\n'),
    2,
    1,
    /no speaker turns/,
  );
});

test('a 2 MB line is kept whole', () => {
  const long = 'word '.repeat(400_000).trim();
  const started = performance.now();
  const result = importText(transcriptWith(long));
  assert.ok(performance.now() - started < 10_000, 'imports a 2 MB line in under 10 s');
  assert.equal(result.meeting.turns[0]!.text, `${long}\nmore text`);
  assertSafeFile(result);
});

test('deeply nested lists and quotes are kept as text, in turns and in highlights', () => {
  const nested = Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
  const quotes = `${'> '.repeat(500)}deep quote`;
  const text = [
    '# 2025-01-01 Meeting',
    '### Highlights',
    nested,
    '### Transcript',
    '**Geohot** [00:00:01]',
    nested,
    quotes,
  ].join('\n');
  const result = importText(text);
  assert.equal(result.meeting.turns[0]!.text, `${nested}\n${quotes}`);
  // The top-level item only groups the others; its title survives as their group.
  assert.equal(result.meeting.highlights.length, 199);
  assert.equal(result.meeting.highlights[0]!.group, 'level 0');
  assert.equal(result.meeting.highlights[198]!.title, 'level 199');
  assert.equal(result.meeting.highlights[198]!.group, 'level 198');
  assertSafeFile(result);
});

test('duplicate speaker and second get distinct ids', () => {
  const text =
    '# 2025-01-01 Meeting\n### Transcript\n**Geohot** [00:00:01]\na\n**Geohot** [00:00:01]\nb\n**Geohot** [00:00:01]\nc\n';
  const result = importText(text);
  assert.deepEqual(
    result.meeting.turns.map((t) => t.id),
    ['geohot-000001', 'geohot-000001-1', 'geohot-000001-2'],
  );
});

test('two sources mapping to one meeting id: the second is rejected, naming both', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-bad-'));
  for (const name of ['one', 'two']) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'meeting-transcript.md'), transcriptWith(name));
  }
  const r = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'src', 'cli', 'import.ts'), '--out', 'out', 'one', 'two'],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /^two\/meeting-transcript\.md:1:1: error: meeting id "2025-01-01" is already imported from one\/meeting-transcript\.md/m,
  );
});
