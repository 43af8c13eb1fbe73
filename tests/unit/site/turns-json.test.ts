import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTurnsJson } from '../../../src/lib/site/turns-json.ts';
import { importText } from '../../helpers/import-fixtures.ts';

const upstream = {
  repository: 'https://github.com/geohotstan/tinycorp-meetings',
  branch: 'main',
  path: 'last-week-in-tinycorp/<folder>/meeting-transcript.md',
};

const transcript = [
  '# 2025-04-14 Meeting',
  '',
  '### Transcript',
  '',
  '##### **Chenyu** [[00:00:00](https://www.youtube.com/watch?v=4p_uWDeaO_8&t=0)]',
  'OK, sounds good.',
  '',
  '**Geohot** [00:00:10]',
  'So I agreed.',
].join('\n');

test('turns.json lists every turn in transcript order with its source line', () => {
  const { meeting } = importText(transcript, '2025-04-14/meeting-transcript.md');
  const json = buildTurnsJson(meeting, upstream);
  assert.equal(
    json.source,
    'https://github.com/geohotstan/tinycorp-meetings/blob/main/last-week-in-tinycorp/2025-04-14/meeting-transcript.md',
  );
  assert.deepEqual(json.turns[1], { id: 'geohot-000010', speakers: ['geohot'], t: 10, line: 8 });
});

test('a record imported before lines and folders were kept gives nulls, not a wrong link', () => {
  const { meeting } = importText(transcript, '2025-04-14/meeting-transcript.md');
  const old = { ...meeting, turns: meeting.turns.map(({ line: _line, ...t }) => t) };
  delete old.folder;
  assert.deepEqual(buildTurnsJson(old, upstream), {
    source: null,
    turns: old.turns.map((t) => ({ id: t.id, speakers: t.speakers, t: t.t, line: null })),
  });
});
