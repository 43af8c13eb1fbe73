import { makeMeeting } from '../../helpers/records.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  collectSpeakerStats,
  estimateSpeakingSeconds,
  measureTalkTime,
  measureTurnDurations,
  segmentSpeakers,
} from '../../../src/lib/site/speaker-stats.ts';
import type { Meeting, Topic, Turn } from '../../../src/lib/schema.ts';

function turn(id: string, speaker: string, speakers: string[], t: number, text = 'hi'): Turn {
  return { id, speaker, speakers, t, text };
}

function meeting(id: string, date: string | null, turns: Turn[]): Meeting {
  return makeMeeting({ id, date, turns });
}

const topics: Topic[] = [
  { id: 'driver', name: 'Drivers', description: '', terms: ['driver'] },
  { id: 'mlperf', name: 'MLPerf', description: '', terms: ['MLPerf', 'BERT'] },
];

test('a turn lasts until the next one starts; the last is estimated from its words', () => {
  const turns = [
    turn('a', 'A', ['a'], 0),
    turn('b', 'B', ['b'], 10),
    turn('c', 'A', ['a'], 25, 'one two three four five six'),
  ];
  // 6 words at 2.5 words/s = 2.4 s, rounded up.
  assert.deepEqual(measureTurnDurations(turns), [10, 15, 3]);
  assert.equal(estimateSpeakingSeconds(''), 0);
  assert.equal(estimateSpeakingSeconds('yes'), 1);
});

test('a turn whose successor starts earlier (bad timestamp) is estimated from its words', () => {
  const turns = [turn('a', 'A', ['a'], 50, 'one two three four five'), turn('b', 'B', ['b'], 40)];
  assert.deepEqual(measureTurnDurations(turns), [2, 1]);
});

test('talk time: shared turns split evenly, unknown speakers count for nobody', () => {
  const m = meeting('m', '2025-01-01', [
    turn('a', 'A', ['a'], 0),
    turn('ab', 'A & B', ['a', 'b'], 10),
    turn('u', 'Unknown', [], 30),
    turn('b', 'B', ['b'], 40, 'x'),
  ]);
  assert.deepEqual(
    [...measureTalkTime(m)],
    [
      ['a', 20],
      ['b', 11],
    ],
  );
});

test('collectSpeakerStats: meetings, spellings, topics and recent turns per person', () => {
  const newer = meeting('2025-02-01', '2025-02-01', [
    turn('geohot-000000', 'Geohot', ['geohot'], 0, 'the driver'),
    turn('chenyu-000010', 'chenyu', ['chenyu'], 10, 'BERT MLPerf'),
    turn('geohot-000020', 'geohot', ['geohot'], 20, 'driver again'),
  ]);
  const older = meeting('2025-01-01', '2025-01-01', [
    turn('chneyu-000000', 'Chneyu', ['chenyu'], 0, 'MLPerf'),
    turn('geohot--chenyu-000030', 'Geohot & Chenyu', ['geohot', 'chenyu'], 30, 'driver'),
  ]);
  const stats = collectSpeakerStats([newer, older], topics, { recent: 2 });
  assert.deepEqual([...stats.keys()].sort(), ['chenyu', 'geohot']);
  const chenyu = stats.get('chenyu')!;
  assert.deepEqual(
    chenyu.meetings.map((m) => [m.meetingId, m.seconds, m.turns]),
    [
      ['2025-02-01', 10, 1],
      ['2025-01-01', 31, 2],
    ],
  );
  assert.equal(chenyu.seconds, 41);
  assert.deepEqual(chenyu.spellings, [
    { label: 'chenyu', turns: 1 },
    { label: 'Chneyu', turns: 1 },
    { label: 'Geohot & Chenyu', turns: 1 },
  ]);
  assert.deepEqual(chenyu.topics, [
    { id: 'mlperf', turns: 2 },
    { id: 'driver', turns: 1 },
  ]);
  assert.deepEqual(
    stats.get('geohot')!.recentTurns.map((r) => r.turn.id),
    ['geohot-000020', 'geohot-000000'],
  );
});

test('segmentSpeakers merges consecutive turns of one label', () => {
  const m = meeting('m', null, [
    turn('a1', 'A', ['a'], 0),
    turn('a2', 'A', ['a'], 5),
    turn('b1', 'B', ['b'], 20),
    turn('a3', 'A', ['a'], 30, 'x'),
  ]);
  assert.deepEqual(
    segmentSpeakers(m).map((s) => [s.turn, s.speaker, s.start, s.seconds]),
    [
      ['a1', 'A', 0, 20],
      ['b1', 'B', 20, 10],
      ['a3', 'A', 30, 1],
    ],
  );
});

test('segmentSpeakers folds segments shorter than minSeconds into the one before', () => {
  const m = meeting('m', null, [
    turn('a1', 'A', ['a'], 0),
    turn('b1', 'B', ['b'], 60), // a 2 s interjection
    turn('a2', 'A', ['a'], 62),
    turn('c1', 'C', ['c'], 120, 'x'),
  ]);
  assert.deepEqual(
    segmentSpeakers(m, { minSeconds: 5 }).map((s) => [s.turn, s.speaker, s.seconds]),
    [['a1', 'A', 121]],
  );
  assert.deepEqual(
    segmentSpeakers(m, { minSeconds: 1 }).map((s) => s.turn),
    ['a1', 'b1', 'a2', 'c1'],
  );
});
