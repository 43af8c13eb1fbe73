/** Unit tests for the pure search modules: terminology, stop words, index records, results. */
import { makeMeeting, makeTurn } from '../helpers/records.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Meeting, Turn } from '../../src/lib/schema.ts';
import { buildSearchGroups, toPlainText } from '../../src/lib/search-records.ts';
import {
  countTurns,
  createBrowseOrder,
  describeResults,
  formatSearchQuery,
  formatTurnLink,
  parseSearchState,
  splitResultIntoTurns,
  type FragmentData,
} from '../../src/lib/search-results.ts';
import { isStopWord, prepareQuery, removeStopWords } from '../../src/lib/stop-words.ts';
import { annotateMisheardTerms, compileTerminology } from '../../src/lib/terminology.ts';

const terminology = compileTerminology([
  { term: 'Tenstorrent', variants: ['Ken Stewart', '10-storrent', 'Tenstorrent'] },
  { term: 'BEAM', variants: ['BIM', 'beam'] },
]);

describe('terminology', () => {
  it('finds variants as whole words in any case, spaces and hyphens alike', () => {
    const text = 'Ken  Stewart and 10 storrent, ken-stewart; BIMs and bim.';
    assert.deepEqual(
      terminology(text).map((m) => [m.variant, m.term]),
      [
        ['Ken  Stewart', 'Tenstorrent'],
        ['10 storrent', 'Tenstorrent'],
        ['ken-stewart', 'Tenstorrent'],
        ['bim', 'BEAM'],
      ],
    );
  });

  it('skips variants that differ from the term only in case (search ignores case)', () => {
    assert.deepEqual(terminology('tenstorrent uses beam search'), []);
  });

  it('annotates each occurrence with the right term', () => {
    const text = 'Ken Stewart ships BIM.';
    assert.equal(
      annotateMisheardTerms(text, terminology(text)),
      'Ken Stewart [Tenstorrent] ships BIM [BEAM].',
    );
  });
});

describe('stop words', () => {
  it('drops function words and filler, keeps the rest', () => {
    assert.equal(removeStopWords('So the scheduler is, um, just fast.'), 'scheduler fast.');
    assert.ok(isStopWord('The,') && isStopWord('it’s') && !isStopWord('tinygrad'));
  });

  it('prepares queries: phrases stay phrases, nothing left means null', () => {
    assert.equal(prepareQuery('the flash attention'), 'flash attention');
    assert.equal(prepareQuery(' "flash attention in tinygrad" '), '"flash attention tinygrad"');
    assert.equal(prepareQuery('the'), null);
    assert.equal(prepareQuery('"  "'), null);
  });
});

const turn = makeTurn;

function meeting(id: string, turns: Turn[], date: string | null = id): Meeting {
  return makeMeeting({ id, turns, date });
}

describe('search records', () => {
  const topics = (text: string) => (/\bdriver\b/i.test(text) ? ['driver'] : []);

  it('groups turns sharing meeting, speaker label and topics; filters hold for each', () => {
    const m = meeting('2025-04-14', [
      turn('geohot-000010', 'Geohot', ['geohot'], 'The AM driver is fast.', 10),
      turn('chenyu-000020', 'Chenyu', ['chenyu'], 'Nice driver work.', 20),
      turn('geohot-000030', 'Geohot', ['geohot'], 'Another driver thing.', 30),
      turn('geohot-000040', 'Geohot', ['geohot'], 'Unrelated remark here.', 40),
      turn('unknown-000050', 'Unknown', [], 'Who said this?', 50),
    ]);
    const groups = buildSearchGroups([m], { matchTopics: topics });
    assert.deepEqual(
      groups.map((g) => g.turns),
      [
        ['geohot-000010', 'geohot-000030'],
        ['chenyu-000020'],
        ['geohot-000040'],
        ['unknown-000050'],
      ],
    );
    assert.equal(groups[0]!.url, '/meetings/2025-04-14/#geohot-000010');
    assert.match(groups[0]!.html, /data-pagefind-filter="topic\[data-v\]" data-v="driver"/);
    assert.match(groups[0]!.html, /data-pagefind-meta="times\[data-v\]" data-v="10 30"/);
    assert.match(groups[0]!.html, /data-pagefind-meta="at\[data-v\]" data-v="0 2"/);
    assert.match(groups[3]!.html, /data-pagefind-filter="speaker\[data-v\]" data-v="unknown"/);
    assert.match(groups[0]!.html, /data-pagefind-filter="year\[data-v\]" data-v="2025"/);
    // Each filter value again with the record's number of turns, for counting turns.
    assert.match(groups[0]!.html, /filter="speaker-turns\[data-v\]" data-v="geohot:2"/);
    assert.match(groups[0]!.html, /filter="topic-turns\[data-v\]" data-v="driver:2"/);
    assert.match(groups[0]!.html, /filter="year-turns\[data-v\]" data-v="2025:2"/);
    assert.match(groups[0]!.html, /filter="meeting-turns\[data-v\]" data-v="2025-04-14:2"/);
    assert.match(groups[3]!.html, /filter="speaker-turns\[data-v\]" data-v="unknown:1"/);
  });

  it('indexes the text without stop words or speaker names, and escapes everything', () => {
    const m = meeting(
      'consensus-talk',
      [
        turn('a-b-000001', 'A, "B" & <C>', ['a'], 'So the <script> is `code` and **bold**.'),
        turn('a-b-000002', 'A, "B" & <C>', ['a'], 'OK.'),
      ],
      null,
    );
    const [group] = buildSearchGroups([m]);
    const body = group!.html.slice(group!.html.indexOf('<h6'));
    assert.equal(
      body,
      '<h6 id="a-b-000001"></h6><p>&lt;script&gt; code bold.</p><h6 id="a-b-000002"></h6><p>OK.</p></main></body></html>',
    );
    assert.match(group!.html, /data-v="A, &quot;B&quot; &amp; &lt;C&gt;"/);
    assert.match(group!.html, /data-pagefind-filter="year\[data-v\]" data-v="undated"/);
  });

  it('splits a group at maxTurns', () => {
    const turns = Array.from({ length: 5 }, (_, i) => turn(`g-${i}`, 'G', ['g'], `word${i}`));
    const groups = buildSearchGroups([meeting('2025-01-01', turns)], { maxTurns: 2 });
    assert.deepEqual(
      groups.map((g) => g.turns.length),
      [2, 2, 1],
    );
  });

  it('turns inline markdown into plain text', () => {
    assert.equal(
      toPlainText('see [the PR](https://x.y/1) and `a_b` *now*'),
      'see the PR and a_b now',
    );
  });
});

describe('search results', () => {
  it('counts turns from record counts per value and size', () => {
    assert.deepEqual(countTurns({ 'geohot:2': 3, 'geohot:24': 1, 'a:b:1': 2, '2025:5': 1 }), {
      geohot: 30,
      'a:b': 2,
      '2025': 5,
    });
    assert.deepEqual(countTurns({ 'no-size': 4, 'x:0': 2, 'y:1.5': 1 }), {});
    assert.deepEqual(countTurns(undefined), {});
  });

  it('says how many results there are, or at least how many', () => {
    assert.equal(describeResults(1234, { q: '' }), '1,234 results.');
    assert.equal(describeResults(1, { q: ' bert ' }), '1 result for “bert”.');
    assert.equal(describeResults(1, { q: 'bert', atLeast: true }), '1 or more results for “bert”.');
    assert.equal(describeResults(0, { q: 'bert', atLeast: true }), 'No results for “bert”.');
  });

  it('round-trips the URL state, dropping empty values', () => {
    const state = parseSearchState(
      new URLSearchParams('q=flash+attention&speaker=geohot&year=&x=1'),
    );
    assert.deepEqual(state, { q: 'flash attention', filters: { speaker: 'geohot' } });
    assert.equal(formatSearchQuery(state), '?q=flash+attention&speaker=geohot');
    assert.equal(formatSearchQuery({ q: ' ', filters: {} }), '');
  });

  const data: FragmentData = {
    url: '/meetings/2025-04-14/#a-1',
    content: 'scheduler slow today. fixed driver. Ken Stewart [Tenstorrent] scheduler.',
    meta: {
      times: '10 20 30',
      aka: 'Ken Stewart',
      t0: 'The scheduler is slow today.',
      t1: 'We fixed the driver.',
      t2: 'Ken Stewart [Tenstorrent] has a scheduler.',
    },
    anchors: [
      { id: 'a-1', location: 0 },
      { id: 'a-2', location: 3 },
      { id: 'a-3', location: 5 },
    ],
    locations: [0, 7, 8],
  };

  it('splits a result into its matching turns, marking words in the full text', () => {
    const hits = splitResultIntoTurns(data);
    assert.deepEqual(
      hits.map((h) => [h.id, h.t, h.excerpt]),
      [
        ['a-1', 10, 'The <mark>scheduler</mark> is slow today.'],
        ['a-3', 30, 'Ken Stewart <mark>[Tenstorrent]</mark> has a <mark>scheduler.</mark>'],
      ],
    );
    assert.deepEqual(hits[1]!.matched, ['Ken Stewart', 'scheduler']);
    assert.equal(formatTurnLink(hits[1]!), '/meetings/2025-04-14/?hl=Ken+Stewart+scheduler#a-3');
  });

  it('lists every turn of a filter-only browse', () => {
    const hits = splitResultIntoTurns({ ...data, locations: [] }, { all: true });
    assert.deepEqual(
      hits.map((h) => h.id),
      ['a-1', 'a-2', 'a-3'],
    );
    assert.equal(formatTurnLink(hits[1]!), '/meetings/2025-04-14/#a-2');
  });

  it('lists a browse in transcript order though records interleave', () => {
    // Records as Pagefind returns them: meeting by meeting, by first turn; one speaker each.
    const record = (meeting: string, turns: [string, number][]): FragmentData => ({
      url: `/meetings/${meeting}/#${turns[0]![0]}`,
      content: turns.map(([id]) => id).join(' '),
      meta: {
        times: turns.map(([, at]) => at * 10).join(' '),
        at: turns.map(([, at]) => at).join(' '),
        ...Object.fromEntries(turns.map(([id], i) => [`t${i}`, id])),
      },
      anchors: turns.map(([id], i) => ({ id, location: i })),
      locations: [],
    });
    const records = [
      record('2025-05-01', [
        ['a0', 0],
        ['a3', 3],
        ['a9', 9],
      ]),
      record('2025-05-01', [
        ['b1', 1],
        ['b2', 2],
      ]),
      record('2025-05-01', [
        ['c4', 4],
        ['c5', 5],
      ]),
      record('2025-04-01', [
        ['d7', 7],
        ['d8', 8],
      ]),
      record('2025-04-01', [['e9', 9]]),
    ];
    const order = createBrowseOrder();
    const ids = (loaded: FragmentData[], next: FragmentData | undefined) =>
      order.take(loaded, next).map((t) => t.hit.id);
    // In batches of two: a turn waits until no later record can precede it.
    assert.deepEqual(ids(records.slice(0, 2), records[2]), ['a0', 'b1', 'b2', 'a3']);
    assert.deepEqual(ids(records.slice(2, 4), records[4]), ['c4', 'c5', 'a9', 'd7', 'd8']);
    assert.deepEqual(ids(records.slice(4), undefined), ['e9']);
  });

  it('cuts long turns to an excerpt around the first match', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    const hits = splitResultIntoTurns(
      {
        url: '/meetings/x/#t',
        content: words.join(' '),
        meta: { t0: words.join(' ') },
        anchors: [{ id: 't', location: 0 }],
        locations: [50],
      },
      { excerptWords: 10 },
    );
    assert.equal(hits[0]!.excerpt, '… w42 w43 w44 w45 w46 w47 w48 w49 <mark>w50</mark> w51 …');
  });
});
