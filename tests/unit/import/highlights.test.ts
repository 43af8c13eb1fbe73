import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importFixture } from '../../helpers/import-fixtures.ts';

test('highlight links: exact, repaired (hhmmss, speaker, case, seconds off, alias), unresolved', () => {
  const { meeting, warnings } = importFixture('highlights-repair.md');
  const got = meeting.highlights.map((h) => [h.title, h.turn, h.resolution]);
  assert.deepEqual(got, [
    ['Exact', 'geohot-000443', 'exact'],
    ['Seconds as hhmmss', 'geohot-000423', 'repaired'],
    ['Misspelt speaker', 'chenyu-000500', 'repaired'],
    ['Case', 'geohot-000443', 'repaired'],
    ['Off by seconds', 'geohot-000443', 'repaired'],
    ['Sied', 'sied-lykles-000600', 'repaired'],
    ['Nothing', undefined, 'unresolved'],
    ['Briefing', 'geohot-000443', 'exact'],
    ['Lazy summary', 'chenyu-000500', 'exact'],
  ]);
  assert.equal(meeting.highlights[8]!.summary, 'Summary on the next line.');
  assert.equal(meeting.highlights[1]!.anchor, 'geohot-000263');
  assert.ok(
    warnings.some((w) => w.line === 11 && /#geohot-020000 matches no turn/.test(w.message)),
  );
  assert.ok(
    warnings.some(
      (w) => w.line === 6 && /repaired to #geohot-000423 \(time read as seconds/.test(w.message),
    ),
    'the warning says how the highlight was repaired',
  );
});

test('chapters land on the first turn at or after their time', () => {
  const { meeting } = importFixture('plain-lines.md');
  assert.deepEqual(
    meeting.chapters.map((c) => [c.t, c.turn]),
    [
      [0, 'geohot-000003'],
      [28, 'chenyu-000029'],
    ],
  );
});
