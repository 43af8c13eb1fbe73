import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMeetingFile } from '../../../src/lib/meeting-file.ts';
import { meetingSchema } from '../../../src/lib/schema.ts';
import { sourceFileUrl, sourceFolder, sourceLineUrl } from '../../../src/lib/source-link.ts';
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
  '##### **Chenyu** [[00:00:22](https://www.youtube.com/watch?v=4p_uWDeaO_8&t=22)]',
  'Oh?',
].join('\r\n');

test('each turn records the 1-based line of its speaker line, and the meeting its folder', () => {
  const { meeting, file } = importText(transcript, '2025-04-14/meeting-transcript.md');
  assert.deepEqual(
    meeting.turns.map((t) => [t.id, t.line]),
    [
      ['chenyu-000000', 5],
      ['geohot-000010', 8],
      ['chenyu-000022', 10],
    ],
  );
  assert.equal(meeting.folder, '2025-04-14');
  assert.deepEqual(parseMeetingFile(file).meeting, meeting, 'the file keeps both');
});

test('records without lines or folder (imported earlier) still validate', () => {
  const { meeting } = importText(transcript, '2025-04-14/meeting-transcript.md');
  const old = { ...meeting, turns: meeting.turns.map(({ line: _line, ...t }) => t) };
  delete old.folder;
  assert.ok(meetingSchema.safeParse(old).success);
});

test('source links are built from the upstream configuration', () => {
  assert.deepEqual(sourceFolder('2025-04-14/meeting-transcript.md'), { folder: '2025-04-14' });
  assert.deepEqual(sourceFolder('meeting-transcript.md'), {});
  const file = sourceFileUrl(upstream, '2025-04-14')!;
  assert.equal(
    sourceLineUrl(file, 43),
    'https://github.com/geohotstan/tinycorp-meetings/blob/main/last-week-in-tinycorp/2025-04-14/meeting-transcript.md#L43',
  );
  assert.equal(sourceFileUrl(upstream, undefined), undefined);
  const other = { repository: 'https://example.org/a/b/', branch: 'dev', path: 'x/<folder>.md' };
  assert.equal(sourceFileUrl(other, 'm 1'), 'https://example.org/a/b/blob/dev/x/m%201.md');
});
