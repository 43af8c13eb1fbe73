import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importFixture } from '../../helpers/import-fixtures.ts';

test('heading turns with YouTube links: record fields, turns and text', () => {
  const { meeting } = importFixture('heading-links.md');
  assert.equal(meeting.id, '2025-04-14');
  assert.equal(meeting.title, '2025-04-14 Meeting');
  assert.equal(meeting.date, '2025-04-14');
  assert.equal(meeting.time, '7am Monday San Diego time (10pm HK time)');
  assert.equal(meeting.youtube, '4p_uWDeaO_8');
  assert.deepEqual(meeting.agenda, [{ text: 'company update' }, { text: 'other bounties' }]);
  assert.deepEqual(
    meeting.turns.map((t) => [t.id, t.speaker, t.speakers, t.t]),
    [
      ['chenyu-000000', 'Chenyu', ['chenyu'], 0],
      ['geohot-000010', 'Geohot', ['geohot'], 10],
      ['geohot-000010-1', 'Geohot', ['geohot'], 10],
      ['chenyu-000022', 'Chenyu', ['chenyu'], 22],
    ],
  );
  assert.equal(meeting.turns[0]!.text, 'OK, sounds good.\nWelcome everyone.');
  assert.equal(meeting.turns[3]!.text, 'Oh, the `5090s`?');
  assert.deepEqual(meeting.speakers, ['chenyu', 'geohot']);
});

test('highlights before the agenda: groups, links, stray lines kept as a note', () => {
  const { meeting } = importFixture('heading-links.md');
  const h = meeting.highlights;
  assert.equal(h.length, 5);
  assert.deepEqual(h[0], {
    title: 'Company Update',
    summary: 'Geohot agreed to overpay for GPUs.',
    anchor: 'geohot-000010',
    turn: 'geohot-000010',
    resolution: 'exact',
  });
  assert.equal(h[2]!.group, 'Other Bounties');
  assert.equal(h[3]!.group, 'Other Bounties');
  assert.equal(h[3]!.turn, 'geohot-000010-1');
  assert.equal(h[4]!.title, 'Next meeting is an hour earlier.');
  assert.equal(h[4]!.anchor, undefined);
  assert.ok(
    meeting.notes.some((n) => n.heading === 'Highlights' && n.text === 'Here are the highlights:'),
  );
});

test('plain speaker lines, Drive recording, chapters, note before the title, briefings', () => {
  const { meeting } = importFixture('plain-lines.md');
  assert.equal(meeting.id, '2024-12-16');
  assert.equal(meeting.youtube, undefined);
  assert.equal(
    meeting.recording,
    'https://drive.google.com/file/d/1FixtureRecordingFileId0000000000/view?usp=sharing',
  );
  assert.deepEqual(meeting.agenda, [
    { text: 'Company update' },
    { text: 'Drivers and plain agenda lines' },
  ]);
  assert.deepEqual(meeting.notes[0], { heading: 'NOTE', text: '' });
  assert.deepEqual(meeting.notes[1], {
    heading: 'Weekly nugget of wisdom from tinycorp meeting',
    text: '_around [00:16:56]_\nCode is read far more often than it is written.',
  });
  assert.deepEqual(
    meeting.turns.map((t) => [t.id, t.speakers, t.t]),
    [
      ['geohot-000003', ['geohot'], 3],
      ['chenyu-000029', ['chenyu'], 29],
      ['geohot--chenyu-000530', ['geohot', 'chenyu'], 330],
    ],
  );
  assert.equal(meeting.turns[0]!.text, "Ok uh,\nlet's start.");
  assert.deepEqual(meeting.chapters[0], {
    t: 0,
    title: 'Company Update',
    summary: 'TinyBox Pros are shipping this week.',
    turn: 'geohot-000003',
  });
  assert.equal(meeting.chapters[1]!.t, 28);
  assert.equal(meeting.chapters[1]!.turn, 'chenyu-000029');
  assert.equal(
    meeting.chapters[1]!.summary,
    'Bounties reviewed.\n- **00:00:30 ONNX**:\n  Feedback: test the top 100 models.',
  );
});

test('bold lines with youtu.be links, ## sections, text around the audio link', () => {
  const { meeting } = importFixture('bold-links.md');
  assert.equal(meeting.youtube, 'fixtureVid1');
  assert.deepEqual(meeting.notes, [
    { heading: 'Audio', text: '_there is an auto-generated transcript on youtube_' },
  ]);
  assert.deepEqual(
    meeting.turns.map((t) => [t.id, t.t, t.text]),
    [
      [
        'chenyu-000000',
        0,
        'This one should be a short meeting, I think.\nSecond line with hard break.',
      ],
      ['geohot-000105', 65, 'Yes.'],
    ],
  );
});

test('several, aliased, anonymous, unknown speakers and a heading without timestamp', () => {
  const { meeting, warnings } = importFixture('speakers-variants.md');
  assert.deepEqual(
    meeting.turns.map((t) => [t.id, t.speaker, t.speakers, t.t]),
    [
      ['geohot-or-chenyu-000000', 'Geohot or Chenyu', ['geohot', 'chenyu'], 0],
      ['sieds-lykles-000005', 'Sieds Lykles', ['sied-lykles'], 5],
      ['speaker_05-000009', 'SPEAKER_05', [], 9],
      ['unknown-000012', 'Unknown', [], 12],
      ['newperson-000015', 'Newperson', [], 15],
      ['chenyu', 'Chenyu', ['chenyu'], 15],
      [
        'chenyu-wozeparrot--nimlgen-000030',
        'Chenyu, Wozeparrot & Nimlgen',
        ['chenyu', 'wozeparrot', 'nimlgen'],
        30,
      ],
    ],
  );
  const messages = warnings.map((w) => `${w.line}:${w.column}: ${w.message}`);
  assert.ok(
    messages.some((m) => /^16:\d+: unknown speaker "Newperson"/.test(m)),
    messages.join('\n'),
  );
  assert.ok(messages.some((m) => m.startsWith('19:1: speaker line has no timestamp')));
  assert.ok(!messages.some((m) => /SPEAKER_05|Unknown"/.test(m)));
});

test('malformed timestamps: recovered from t= or kept in the previous turn with a warning', () => {
  const { meeting, warnings } = importFixture('malformed-time.md');
  assert.deepEqual(
    meeting.turns.map((t) => [t.id, t.t]),
    [
      ['hooved-0040graph45', 2445],
      ['chrism-004101-eternal', 2461],
    ],
  );
  assert.equal(
    meeting.turns[0]!.text,
    'Recovered from the link.\n\n**Ignaciosica** [00:15:99]\nNo link, so this line stays in the previous turn.',
  );
  assert.equal(meeting.turns[1]!.text, '...... Eternal\nTail text after the timestamp.');
  assert.ok(warnings.some((w) => w.line === 5 && /malformed timestamp/.test(w.message)));
  assert.ok(
    warnings.some((w) => w.line === 8 && /unreadable timestamp "00:15:99"/.test(w.message)),
  );
});

test('a field of 60 in a timestamp is a real turn: carried over, GitHub id kept, warned', () => {
  const { meeting, warnings } = importFixture('sixty-seconds.md');
  assert.deepEqual(
    meeting.turns.map((t) => [t.id, t.speaker, t.t, t.text]),
    [
      ['geohot-001556', 'Geohot', 956, 'We have to do a release.'],
      ['chenyu-001560', 'Chenyu', 960, 'Yes, a good time for a release.'],
      ['geohot-005958', 'Geohot', 3598, 'One more thing.'],
      ['chenyu-006005', 'Chenyu', 3605, 'Past the hour.'],
    ],
  );
  const messages = warnings.map((w) => `${w.line}:${w.column}: ${w.message}`);
  assert.ok(
    messages.includes('8:1: timestamp "00:15:60" has a field of 60; read as 00:16:00 (960 s)'),
    messages.join('\n'),
  );
  assert.ok(messages.some((m) => m.startsWith('14:1: timestamp "00:60:05" has a field of 60')));
});

test('undated meeting: id from the source folder, note after the title kept', () => {
  const { meeting } = importFixture('undated.md');
  assert.equal(meeting.id, 'fixtures');
  assert.equal(meeting.date, null);
  assert.equal(meeting.title, 'Consensus talk');
  assert.deepEqual(meeting.notes, [
    { text: '> Note: This transcript was generated in one shot without review.' },
  ]);
});
