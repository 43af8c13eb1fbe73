import { makeMeeting } from '../../helpers/records.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  assignTopics,
  countMentionsByTopic,
  findRelatedTopics,
  matchTopics,
  topicPageSize,
  topicYears,
  type TopicMeeting,
} from '../../../src/lib/site/topics.ts';
import { binSeries } from '../../../src/lib/site/chart.ts';
import { topicsFileSchema, type Meeting, type Topic } from '../../../src/lib/schema.ts';
import { repoRoot } from '../../helpers/paths.ts';

const topics: Topic[] = [
  { id: 'driver', name: 'Drivers', description: '', terms: ['driver', 'AM driver', 'USB GPU'] },
  { id: 'mlperf', name: 'MLPerf', description: '', terms: ['MLPerf', 'BERT'] },
  { id: 'scheduler', name: 'Scheduler', description: '', terms: ['scheduler', 'multi-output'] },
  { id: 'multi', name: 'Multi GPU', description: '', terms: ['multi'] },
  { id: 'cpp', name: 'C++', description: '', terms: ['C++', '.py'] },
  { id: 'am', name: 'AM only', description: '', terms: ['AM driver'] },
];

function meeting(parts: Partial<Meeting> = {}): Meeting {
  return makeMeeting({ title: 'm', ...parts });
}

test('terms match whole words only', () => {
  assert.deepEqual(matchTopics('the driver works', topics), ['driver']);
  assert.deepEqual(matchTopics('drivers and screwdriver', topics), []);
  assert.deepEqual(matchTopics('bertha', topics), []);
});

test('terms match in any case', () => {
  assert.deepEqual(matchTopics('DRIVER', topics), ['driver']);
  assert.deepEqual(matchTopics('mlperf Bert', topics), ['mlperf']);
});

test('punctuation around a term does not stop it matching', () => {
  assert.deepEqual(matchTopics('MLPerf, then (driver).', topics), ['driver', 'mlperf']);
  assert.deepEqual(matchTopics('"BERT"-training', topics), ['mlperf']);
  assert.deepEqual(matchTopics('new multi-output kernels', topics), ['scheduler']);
});

test('spaces, hyphens and underscores inside a term are interchangeable', () => {
  assert.deepEqual(matchTopics('multi output', topics), ['scheduler']);
  assert.deepEqual(matchTopics('multi_output', topics), ['scheduler']);
  assert.deepEqual(matchTopics('USB-GPU and usb  gpu', topics), ['driver']);
});

test('terms with regex characters match literally, with boundaries only on word edges', () => {
  assert.deepEqual(matchTopics('written in C++, fast', topics), ['cpp']);
  assert.deepEqual(matchTopics('C+ grade', topics), []);
  assert.deepEqual(matchTopics('see tensor.py', topics), ['cpp']);
  assert.deepEqual(matchTopics('see tensorxpy', topics), []);
});

test('the longest overlapping term wins and hides the shorter ones inside it', () => {
  // "multi-output" belongs to scheduler; the "multi" topic must not fire inside it.
  assert.deepEqual(matchTopics('multi-output', topics), ['scheduler']);
  assert.deepEqual(matchTopics('multi-output and multi gpu', topics), ['scheduler', 'multi']);
  // A term listed under two topics fires for both.
  assert.deepEqual(matchTopics('AM driver slowness', topics), ['driver', 'am']);
  assert.deepEqual(matchTopics('the driver, not AM', topics), ['driver']);
});

// The matcher takes a faster path when every term starts with a letter or digit (the list
// above has `.py`, so the tests above run the general path). Both must find the same topics.
const letterTopics = topics.map((t) => (t.id === 'cpp' ? { ...t, terms: ['C++', 'py.test'] } : t));
const trickyTexts = [
  'the driver works',
  'drivers and screwdriver',
  'DRIVER',
  'MLPerf, then (driver).',
  'multi_output and multi-output and multi  output',
  'foo_multi output, foo_driver, driver_bar, driver_',
  'multi-output and multi gpu',
  'AM driver slowness; the driver, not AM',
  'written in C++, fast; C+ grade; c++x; xc++',
  'py.test and py.testing and mypy.test',
  'USB-GPU and usb  gpu and USB_GPU and usbgpu',
  'ÄM driver, über-driver, naïve driver, İstanbul driver',
  '',
  'BERT-BERT bert_bert BERTBERT',
];

test('the fast path (terms starting with a letter or digit) finds what the general one does', () => {
  // One term starting with punctuation sends the same list down the general path.
  const general = [...letterTopics, { id: 'dot', name: 'Dot', description: '', terms: ['.zz'] }];
  for (const text of trickyTexts) {
    assert.deepEqual(matchTopics(text, letterTopics), matchTopics(text, general), text);
  }
  assert.deepEqual(matchTopics('foo_multi output, foo_driver', letterTopics), []);
  assert.deepEqual(matchTopics('c++x and multi_output', letterTopics), ['scheduler', 'cpp']);
  assert.deepEqual(matchTopics('py.test, not mypy.test', letterTopics), ['cpp']);
});

test('assignTopics gives topics per agenda item, highlight and chapter', () => {
  const m = meeting({
    agenda: [{ text: 'bert, MLPerf' }, { text: 'scheduler' }, { text: 'lunch' }],
    highlights: [
      {
        title: 'Driver Issues',
        summary: 'USB GPU firmware',
        group: 'Other',
        resolution: 'exact',
      },
      { title: 'Misc', summary: 'nothing', group: 'BERT', resolution: 'unresolved' },
    ],
    chapters: [{ t: 0, title: 'Intro', summary: 'C++ talk' }],
  });
  const a = assignTopics(m, topics);
  assert.deepEqual(a.agenda, [['mlperf'], ['scheduler'], []]);
  assert.deepEqual(a.highlights, [['driver'], ['mlperf']]);
  assert.deepEqual(a.chapters, [['cpp']]);
  assert.deepEqual(a.topics, ['driver', 'mlperf', 'scheduler', 'cpp']);
});

test('hand edits add and remove topics; remove wins; unknown ids are ignored', () => {
  const m = meeting({
    agenda: [{ text: 'driver' }, { text: 'scheduler' }],
    topicEdits: { add: ['mlperf', 'no-such-topic', 'multi'], remove: ['scheduler', 'multi'] },
  });
  assert.deepEqual(assignTopics(m, topics).topics, ['driver', 'mlperf']);
  // Item-level topics stay automatic; edits act on the meeting's set.
  assert.deepEqual(assignTopics(m, topics).agenda, [['driver'], ['scheduler']]);
});

test('countMentionsByTopic counts turns, not occurrences, with overlaps resolved by context', () => {
  const turn = (id: string, text: string) => ({ id, speaker: 'A', speakers: ['a'], t: 0, text });
  const m = meeting({
    turns: [
      turn('a', 'driver driver driver'),
      turn('b', 'the AM driver'),
      turn('c', 'multi-output'),
      turn('d', 'nothing'),
    ],
  });
  const driver = topics[0]!;
  const multi = topics[3]!;
  assert.equal(countMentionsByTopic(m, [driver]).get('driver'), 2);
  const alone = countMentionsByTopic(m, [multi]).get('multi');
  assert.equal(alone, 1, 'alone, "multi" matches inside "multi-output"');
  const known = countMentionsByTopic(m, topics).get('multi');
  assert.equal(known, undefined, 'with scheduler known, it does not');
  assert.deepEqual(Object.fromEntries(countMentionsByTopic(m, topics)), {
    driver: 2,
    am: 1,
    scheduler: 1,
  });
});

test('findRelatedTopics ranks co-occurring topics by Jaccard index', () => {
  const sets = [
    ['company', 'driver', 'hcq'],
    ['company', 'driver', 'hcq'],
    ['company', 'driver'],
    ['company', 'mlperf'],
    ['company', 'mlperf'],
    ['company', 'mlperf'],
  ];
  const related = findRelatedTopics('driver', sets);
  assert.deepEqual(
    related.map((r) => r.id),
    ['hcq', 'company'],
  );
  assert.equal(related[0]!.shared, 2);
  assert.equal(related[0]!.score, 2 / 3);
  assert.deepEqual(
    findRelatedTopics('driver', sets, { minShared: 3 }).map((r) => r.id),
    ['company'],
  );
});

const readRepoFile = (file: string) => readFileSync(join(repoRoot, file), 'utf8');

test('content/topics.yaml: ids are unique and the seed topics exist', () => {
  const fileTopics = topicsFileSchema.parse(parse(readRepoFile('content/topics.yaml')));
  const ids = fileTopics.map((t) => t.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate topic id');
  for (const id of ['driver', 'mlperf', 'scheduler']) assert.ok(ids.includes(id), id);
  const seedAgenda = ['bert, MLPerf', 'scheduler', 'driver'].map((text) => ({ text }));
  assert.deepEqual(
    assignTopics(meeting({ agenda: seedAgenda }), fileTopics).topics.filter((id) =>
      ['driver', 'mlperf', 'scheduler'].includes(id),
    ),
    ['driver', 'mlperf', 'scheduler'],
  );
});

test('a topic in more meetings than its page lists gets a page per year', () => {
  const on = (date: string | null, id = date ?? 'x'): TopicMeeting => ({
    meeting: { id, date, title: id },
    highlights: [],
    agenda: [],
    chapters: [],
    mentions: 1,
  });
  assert.deepEqual(topicYears([on('2025-01-06'), on('2024-01-01')]), []);
  const many = [
    ...Array.from({ length: topicPageSize }, (_, i) =>
      on(`2025-01-${String(i % 28).padStart(2, '0')}`, `a${i}`),
    ),
    on('2024-12-30'),
    on(null, 'special'),
  ];
  const years = topicYears(many);
  assert.deepEqual(
    years.map((y) => [y.year, y.meetings.length]),
    [
      ['2025', topicPageSize],
      ['2024', 1],
      ['undated', 1],
    ],
  );
});

test('a chart has a bar per meeting while they fit, else per month, else per year', () => {
  const series = (dates: string[]) =>
    dates.map((date) => ({ meeting: { date, title: date }, value: 2 }));
  const weekly = series(['2025-01-06', '2025-01-13', '2025-02-03']);
  assert.deepEqual(binSeries(weekly, 3), {
    per: 'meeting',
    bars: [
      { label: '2025-01-06', value: 2 },
      { label: '2025-01-13', value: 2 },
      { label: '2025-02-03', value: 2 },
    ],
  });
  assert.deepEqual(binSeries(weekly, 2), {
    per: 'month',
    bars: [
      { label: '2025-01', value: 4 },
      { label: '2025-02', value: 2 },
    ],
  });
  assert.deepEqual(binSeries(weekly, 1), { per: 'year', bars: [{ label: '2025', value: 6 }] });
});
