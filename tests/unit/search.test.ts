/** Unit tests for the pure search modules: terminology, stop words, index records, results. */
import { makeMeeting, makeTurn } from '../helpers/records.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Meeting, Turn } from '../../src/lib/schema.ts';
import { createBrowseIndex } from '../../src/lib/search/browse.ts';
import {
  browseIdsFile,
  browseValueFile,
  decodeBrowseValue,
  parseRecordAnchor,
  recordAnchorId,
  vocabularyFile,
  vocabularyFiles,
  indexedWordsOf,
  wordsOf,
  type BrowseValue,
} from '../../src/lib/search/contract.ts';
import {
  checkWord,
  findMisheardQuery,
  prepareQuery,
  queryWords,
  suggestWord,
} from '../../src/lib/search/query.ts';
import { buildSearchRecords } from '../../src/lib/search/records.ts';
import { toPlainText } from '../../src/lib/site/inline-markdown.ts';
import {
  countTurns,
  createBrowseOrder,
  describeResults,
  exactFirst,
  formatSearchQuery,
  formatTurnLink,
  fragmentData,
  intersectBrowseLists,
  parseSearchState,
  pinRecords,
  splitResultIntoTurns,
  type FragmentData,
} from '../../src/lib/search/results.ts';
import { isStopWord, removeStopWords } from '../../src/lib/search/stop-words.ts';
import { annotateMisheardTerms, compileTerminology } from '../../src/lib/search/terminology.ts';
import { createVocabulary } from '../../src/lib/search/vocabulary.ts';

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
    // The index holds every word as said, so a phrase keeps its stop words.
    assert.equal(prepareQuery(' "flash attention in tinygrad" '), '"flash attention in tinygrad"');
    assert.equal(prepareQuery('"it is"'), null);
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

  it("holds one speaker label's turns of a meeting; per-turn topics and turn counts", () => {
    const m = meeting('2025-04-14', [
      turn('geohot-000010', 'Geohot', ['geohot'], 'The AM driver is fast.', 10),
      turn('chenyu-000020', 'Chenyu', ['chenyu'], 'Nice driver work.', 20),
      turn('geohot-000030', 'Geohot', ['geohot'], 'Another driver thing.', 30),
      turn('geohot-000040', 'Geohot', ['geohot'], 'Unrelated remark here.', 40),
      turn('unknown-000050', 'Unknown', [], 'Who said this?', 50),
    ]);
    const records = buildSearchRecords([m], { matchTopics: topics });
    assert.deepEqual(
      records.map((r) => r.turns.map((t) => t.id)),
      [['geohot-000010', 'geohot-000030', 'geohot-000040'], ['chenyu-000020'], ['unknown-000050']],
    );
    const [geohot, , unknown] = records.map((r) => r.html);
    assert.equal(records[0]!.url, '/meetings/2025-04-14/geohot-000010.html');
    assert.match(geohot!, /data-pagefind-filter="topic\[data-v\]" data-v="driver"/);
    // Each turn's anchor holds its second, position and topics (so a topic filter stays exact
    // per turn): not indexed as words, and no filter Pagefind has to build.
    assert.deepEqual(
      [...geohot!.matchAll(/<h6 id="([^"]*)">/g)].map((m) => m[1]),
      ['geohot-000010:10:0:driver', 'geohot-000030:30:2:driver', 'geohot-000040:40:3:-'],
    );
    assert.doesNotMatch(geohot!, /data-pagefind-(meta|filter)="(times|at|tp)\[/);
    assert.deepEqual(
      [...records[0]!.counts].map(([name, values]) => [name, [...values]]),
      [
        ['speaker', [['geohot', 3]]],
        ['topic', [['driver', 2]]],
        ['year', [['2025', 3]]],
        ['meeting', [['2025-04-14', 3]]],
      ],
    );
    assert.match(unknown!, /data-pagefind-filter="speaker\[data-v\]" data-v="unknown"/);
    assert.match(geohot!, /data-pagefind-filter="year\[data-v\]" data-v="2025"/);
    // Each filter value again with the number of the record's turns that have it.
    assert.match(geohot!, /filter="speaker-turns\[data-v\]" data-v="geohot:3"/);
    assert.match(geohot!, /filter="topic-turns\[data-v\]" data-v="driver:2"/);
    assert.match(geohot!, /filter="year-turns\[data-v\]" data-v="2025:3"/);
    assert.match(geohot!, /filter="meeting-turns\[data-v\]" data-v="2025-04-14:3"/);
    assert.match(unknown!, /filter="speaker-turns\[data-v\]" data-v="unknown:1"/);
  });

  it('indexes the text as said once (no copy in meta), without speaker names, escaped', () => {
    const m = meeting(
      'consensus-talk',
      [
        turn('a-b-000001', 'A, "B" & <C>', ['a'], 'So the <script> is `code` and **bold**.'),
        turn('a-b-000002', 'A, "B" & <C>', ['a'], 'OK.'),
      ],
      null,
    );
    const [record] = buildSearchRecords([m]);
    const body = record!.html.slice(record!.html.indexOf('<h6'));
    assert.equal(
      body,
      '<h6 id="a-b-000001:0:0:-"></h6><p>So the &lt;script&gt; is code and bold.</p>' +
        '<h6 id="a-b-000002:0:1:-"></h6><p>OK.</p></main></body></html>',
    );
    assert.match(record!.html, /data-v="A, &quot;B&quot; &amp; &lt;C&gt;"/);
    assert.match(record!.html, /data-pagefind-filter="year\[data-v\]" data-v="undated"/);
    assert.doesNotMatch(record!.html, /meta="t0/);
  });

  it('starts a new record once one holds maxWords words', () => {
    const turns = Array.from({ length: 5 }, (_, i) => turn(`g-${i}`, 'G', ['g'], `one two ${i}`));
    const records = buildSearchRecords([meeting('2025-01-01', turns)], { maxWords: 6 });
    assert.deepEqual(
      records.map((r) => r.turns.length),
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

describe('vocabulary', () => {
  const vocabulary = createVocabulary({ maxRecords: 1 });
  vocabulary.add(0, [{ text: 'The scheduler schedules.' }, { text: 'Scheduler!' }]);
  vocabulary.add(1, [{ text: 'schedulers and Tenstorrent' }]);
  vocabulary.add(2, [{ text: 'scheduler' }]);
  vocabulary.add(3, [{ text: 'Tenstorrent' }]);
  // Pagefind names the records once it has written them.
  const files = vocabulary.files((n) => `en_r${n + 1}`);
  const shard = (word: string) => JSON.parse(files.get(vocabularyFile(word))!);

  it('writes every file, each word in the file of its first two letters', () => {
    assert.equal(files.size, vocabularyFiles);
    assert.equal(vocabularyFile('sched'), vocabularyFile('scheduler'));
    assert.deepEqual(wordsOf('Ken-Stewart, [Tenstorrent]! ça'), [
      'ken',
      'stewart',
      'tenstorrent',
      'ça',
    ]);
  });

  it('counts the turns saying each word, and lists its records while they are few', () => {
    assert.deepEqual(shard('schedulers')['schedulers'], [1, 'r2']);
    assert.deepEqual(shard('schedules')['schedules'], [1, 'r1']);
    // Said in more records than maxRecords, with a stem that others share: the first of them.
    assert.deepEqual(shard('scheduler')['scheduler'], [3, 'r1', '+']);
    // Said in more, the only word of its stem: every result of Pagefind's says it.
    assert.deepEqual(shard('tenstorrent')['tenstorrent'], [2]);
  });

  it("holds each token's words and, for a token of several, them joined", () => {
    // The definition that indexedWordsOf's one scan must match, token by token.
    const byToken = (text: string) =>
      text.split(/\s+/).flatMap((token) => {
        const words = wordsOf(token);
        return words.length > 1 ? [...words, words.join('')] : words;
      });
    for (const text of [
      'Pre-processing (a..b) c-- --d e/f/g h_i',
      "  İstanbul ΣΑΣ\u00a0ΑΣ\tça-va 3.5x don't  ",
      '\u{1F600}emoji\u{1F600}x \ud800lone 日本語-テキスト x\u2028y',
      '',
    ]) {
      assert.deepEqual(indexedWordsOf(text), byToken(text), JSON.stringify(text));
    }
    assert.deepEqual(indexedWordsOf('Pre-processing, MLPerf!'), [
      'pre',
      'processing',
      'preprocessing',
      'mlperf',
    ]);
  });

  it('checks query words: exact, by stem, as the start of a word being typed, or not at all', () => {
    const s = shard('scheduler');
    assert.equal(checkWord('scheduler', s, false).match, 'exact');
    assert.deepEqual(checkWord('schedulers', s, false).records, ['r2']);
    assert.equal(checkWord('schedulers', s, false).complete, true);
    assert.deepEqual(checkWord('scheduler', s, false).records, ['r1']);
    assert.equal(checkWord('scheduler', s, false).complete, false);
    assert.equal(checkWord('tenstorrent', shard('tenstorrent'), false).records, undefined);
    assert.equal(checkWord('scheduling', s, false).match, 'stem');
    assert.equal(checkWord('schedu', s, true).match, 'prefix');
    assert.equal(checkWord('schedu', s, false).match, 'none');
    assert.equal(checkWord('sc', s, true).match, 'none');
    assert.equal(checkWord('constructor', {}, true).match, 'none');
    assert.equal(checkWord('kenneth', shard('kenneth'), false).match, 'none');
  });
});

describe('browse index', () => {
  const counts = (speaker: string, topics: [string, number][], turns: number) =>
    new Map([
      ['speaker', new Map([[speaker, turns]])],
      ['topic', new Map(topics)],
      ['year', new Map([['2025', turns]])],
      ['meeting', new Map([['2025-04-14', turns]])],
    ] as const);

  it("lists each value's records with their turns, and the records' ids in files of 256", () => {
    const browse = createBrowseIndex();
    browse.add(0, counts('geohot', [['driver', 2]], 3));
    browse.add(1, counts('chenyu', [], 1));
    for (let r = 2; r < 300; r++) browse.add(r, counts('geohot', [['driver', 1]], 2));
    const files = browse.files((r) => `en_${r}`);
    const read = (name: 'speaker' | 'topic', value: string) =>
      decodeBrowseValue(JSON.parse(files.get(browseValueFile(name, value))!) as BrowseValue);
    assert.deepEqual(read('speaker', 'chenyu'), [{ record: 1, turns: 1 }]);
    const geohot = read('speaker', 'geohot');
    assert.equal(geohot.length, 299);
    assert.deepEqual(geohot.slice(0, 3), [
      { record: 0, turns: 3 },
      { record: 2, turns: 2 },
      { record: 3, turns: 2 },
    ]);
    assert.deepEqual(read('topic', 'driver')[0], { record: 0, turns: 2 });
    assert.equal(browseIdsFile(255), 'ids/0.json');
    assert.equal(browseIdsFile(256), 'ids/1.json');
    assert.deepEqual(JSON.parse(files.get('ids/1.json')!), [
      ...Array.from({ length: 44 }, (_, i) => `en_${256 + i}`),
    ]);
    assert.throws(() => browse.add(5, counts('x', [], 1)), /out of order/);
  });

  it('names value files safely and tells values apart', () => {
    assert.match(browseValueFile('speaker', 'A, "B" & <C>/..'), /^speaker\/[0-9a-f]{8}\.json$/);
    assert.notEqual(browseValueFile('year', '2025'), browseValueFile('year', '2026'));
  });

  it('intersects value lists in browse order and counts turns from the counted list', () => {
    const topic = [
      { record: 0, turns: 1 },
      { record: 4, turns: 2 },
      { record: 9, turns: 1 },
    ];
    const year = [0, 1, 2, 3, 4, 5].map((record) => ({ record, turns: 5 }));
    assert.deepEqual(intersectBrowseLists([year, topic], 1), { records: [0, 4], turns: 3 });
    assert.deepEqual(intersectBrowseLists([year]), { records: [0, 1, 2, 3, 4, 5], turns: 30 });
    assert.deepEqual(intersectBrowseLists([year, []]), { records: [], turns: 0 });
  });

  it("writes a turn's second, position and topics into its anchor id, and reads them back", () => {
    const turn = { id: 'geohot-000010', t: 10, at: 3, topics: ['mlperf', 'driver'] };
    assert.equal(recordAnchorId(turn), 'geohot-000010:10:3:mlperf,driver');
    assert.deepEqual(parseRecordAnchor(recordAnchorId(turn)), turn);
    const none = { id: 'b1tg-010203-2', t: 0, at: 0, topics: [] };
    assert.equal(recordAnchorId(none), 'b1tg-010203-2:0:0:-');
    assert.deepEqual(parseRecordAnchor(recordAnchorId(none)), none);
    assert.deepEqual(parseRecordAnchor('plain-id'), {
      id: 'plain-id',
      t: undefined,
      at: undefined,
      topics: [],
    });
  });

  it('reads a fragment as Pagefind gives it without a query', () => {
    const data = fragmentData({
      url: '/meetings/x/a.html',
      content: 'a <b> \u200Bc',
      meta: { title: 'x' },
      filters: { times: ['1 2'] },
      anchors: [{ id: 'a', location: 0 }],
    });
    assert.equal(data.raw_content, 'a &lt;b&gt; \u200Bc');
    assert.equal(data.content, 'a <b> c');
    assert.deepEqual(data.filters, { times: ['1 2'] });
    assert.deepEqual(data.locations, []);
  });
});

describe('query', () => {
  it('checks the words of a query without its stop words', () => {
    assert.deepEqual(queryWords('the Scheduler is "fast"'), ['scheduler', 'fast']);
  });

  it('suggests a known word one or two edits away, the most said first', () => {
    const known: [string, number][] = [
      ['scheduler', 90],
      ['schedule', 40],
      ['beam', 5],
      ['bean', 9],
    ];
    assert.equal(suggestWord('schedular', known), 'scheduler');
    assert.equal(suggestWord('beem', known), 'beam');
    // As close to both: the one said more.
    assert.equal(suggestWord('beax', known), 'bean');
    assert.equal(suggestWord('kenneth', known), undefined);
    // Short words get one edit at most.
    assert.equal(suggestWord('bxxm', known), undefined);
  });

  it('reads a known mis-hearing as the right term', () => {
    const entries = [
      { term: 'Tenstorrent', variants: ['Ken Stewart', 'Tenstorrent'] },
      { term: 'UOp', variants: ['uup', 'UOP'] },
    ];
    assert.deepEqual(findMisheardQuery('Ken-Stewart chips', entries), {
      variant: 'ken stewart',
      term: 'Tenstorrent',
      query: 'Tenstorrent chips',
    });
    assert.equal(findMisheardQuery('uup', entries)?.query, 'UOp');
    // Same up to case: not a mis-hearing. Part of a word: not a match.
    assert.equal(findMisheardQuery('uop', entries), undefined);
    assert.equal(findMisheardQuery('kenny stewart', entries), undefined);
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
    const verbatim = parseSearchState(new URLSearchParams('q=ken+stewart&verbatim=1'));
    assert.deepEqual(verbatim, { q: 'ken stewart', filters: {}, verbatim: true });
    assert.equal(formatSearchQuery(verbatim), '?q=ken+stewart&verbatim=1');
  });

  const data: FragmentData = {
    url: '/meetings/2025-04-14/a-1.html',
    content:
      'The scheduler is slow today. We fixed the driver. Ken Stewart [Tenstorrent] has a scheduler.',
    meta: { aka: 'Ken Stewart' },
    filters: {},
    anchors: [
      { id: 'a-1:10:0:-', location: 0 },
      { id: 'a-2:20:1:driver', location: 5 },
      { id: 'a-3:30:2:driver,amd', location: 9 },
    ],
    locations: [1, 11, 14],
  };

  it('splits a result into its matching turns, marking the words at the match locations', () => {
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

  it('keeps only the turns with the chosen topic', () => {
    const ids = (topic: string) =>
      splitResultIntoTurns({ ...data, locations: [] }, { all: true, topic }).map((h) => h.id);
    assert.deepEqual(ids('driver'), ['a-2', 'a-3']);
    assert.deepEqual(ids('amd'), ['a-3']);
    assert.deepEqual(ids('mlperf'), []);
  });

  it('puts the turns saying the exact word first, then the rest in their order', () => {
    const record: FragmentData = {
      url: '/meetings/2025-04-14/a-1.html',
      content: 'Scheduling is hard. We need schedulers. The schedule slipped.',
      meta: {},
      filters: {},
      anchors: [
        { id: 'a-1', location: 0 },
        { id: 'a-2', location: 3 },
        { id: 'a-3', location: 6 },
      ],
      locations: [0, 5, 7],
    };
    const hits = splitResultIntoTurns(record, { exactWords: ['schedulers'] });
    assert.deepEqual(
      hits.map((h) => [h.id, h.exact]),
      [
        ['a-1', false],
        ['a-2', true],
        ['a-3', false],
      ],
    );
    const shown = exactFirst(hits.map((hit) => ({ hit })));
    assert.deepEqual(
      shown.map((t) => t.hit.id),
      ['a-2', 'a-1', 'a-3'],
    );
    const phrase = splitResultIntoTurns(record, { phrase: ['schedule', 'slipped'] });
    assert.deepEqual(
      phrase.filter((h) => h.exact).map((h) => h.id),
      ['a-3'],
    );
    assert.deepEqual(
      pinRecords([{ id: 'en_x' }, { id: 'en_y' }, { id: 'en_z' }], new Set(['z'])).map((r) => r.id),
      ['en_z', 'en_x', 'en_y'],
    );
  });

  it('lists a browse in transcript order though records interleave', () => {
    // Records as Pagefind returns them: meeting by meeting, by first turn; one speaker each.
    const record = (meeting: string, turns: [string, number][]): FragmentData => ({
      url: `/meetings/${meeting}/${turns[0]![0]}.html`,
      content: turns.map(([id]) => id).join(' '),
      meta: {},
      filters: {},
      anchors: turns.map(([id, at], i) => ({ id: `${id}:${at * 10}:${at}:-`, location: i })),
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
        url: '/meetings/x/t.html',
        content: words.join(' '),
        meta: {},
        filters: {},
        anchors: [{ id: 't', location: 0 }],
        locations: [50],
      },
      { excerptWords: 10 },
    );
    assert.equal(hits[0]!.excerpt, '… w42 w43 w44 w45 w46 w47 w48 w49 <mark>w50</mark> w51 …');
  });
});
