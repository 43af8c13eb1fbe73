import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAnchorSlugger, toHeadingText } from '../../../src/lib/import/anchors.ts';
import { importFixture, importText } from '../../helpers/import-fixtures.ts';

test('turn ids are GitHub heading slugs of the speaker line', () => {
  const slugger = createAnchorSlugger();
  assert.equal(
    slugger.slugHeading(
      '**Geohot** [[00:00:10](https://www.youtube.com/watch?v=4p_uWDeaO_8&t=10)]',
    ),
    'geohot-000010',
  );
  assert.equal(slugger.slugHeading('**Geohot & Chenyu** [00:05:30]'), 'geohot--chenyu-000530');
  assert.equal(slugger.slugHeading('**Geohot** [00:00:10]'), 'geohot-000010-1');
  assert.equal(toHeadingText('**A** [[00:01:02](u)] `x`'), 'A [00:01:02] x');
});

test('duplicates get -1, -2 in document order; other headings take slugs too', () => {
  const { meeting } = importFixture('heading-links.md');
  assert.deepEqual(
    meeting.turns.map((t) => t.id),
    ['chenyu-000000', 'geohot-000010', 'geohot-000010-1', 'chenyu-000022'],
  );
  // "##### Transcript" inside a turn is slugged after "### Transcript": it lands as transcript-1.
  assert.equal(meeting.highlights[1]!.turn, 'geohot-000010-1');
  assert.equal(meeting.highlights[1]!.resolution, 'exact');
});

test('a speaker whose slug collides with an earlier section heading gets a suffix', () => {
  const text = [
    '# 2025-01-01 Meeting',
    '',
    '### Geohot 000001',
    '',
    '### Transcript',
    '',
    '**Geohot** [00:00:01]',
    'Hi.',
    '**Geohot** [00:00:01]',
    'Again.',
  ].join('\n');
  const { meeting } = importText(text);
  assert.deepEqual(
    meeting.turns.map((t) => t.id),
    ['geohot-000001-1', 'geohot-000001-2'],
  );
});

test('a setext heading in turn text takes a slug as GitHub would', () => {
  const text = [
    '# 2025-01-01 Meeting',
    '### Transcript',
    '##### **Geohot** [00:00:01]',
    'Geohot 000002',
    '---',
    '##### **Geohot** [00:00:02]',
    'Hi.',
  ].join('\n');
  const { meeting } = importText(text);
  assert.deepEqual(
    meeting.turns.map((t) => t.id),
    ['geohot-000001', 'geohot-000002-1'],
  );
});
