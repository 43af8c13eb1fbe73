/**
 * The search index the build writes (dist/pagefind/): every turn of every meeting is in it
 * exactly once, as an anchor of a record whose filters are exact for each of its turns, and
 * nothing else is (no meeting pages indexed a second time).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { load } from 'js-yaml';
import { compileTopicMatcher } from '../../src/lib/site/topics.ts';
import { topicsFileSchema, type Meeting } from '../../src/lib/schema.ts';
import {
  browseFolder,
  browseIdsFile,
  browseIdsPerFile,
  browseValueFile,
  decodeBrowseValue,
  filterNames,
  indexedWordsOf,
  listedRecords,
  metaKeys,
  moreRecords,
  parseRecordAnchor,
  recordAnchorId,
  turnCountFilter,
  type AnchorTurn,
  type BrowseValue,
  vocabularyFile,
  vocabularyFiles,
  vocabularyFolder,
  vocabularyRecordId,
  wordsOf,
} from '../../src/lib/search/contract.ts';
import { compileTerminology, terminologyFileSchema } from '../../src/lib/search/terminology.ts';
import { toPlainText } from '../../src/lib/site/inline-markdown.ts';
import { repoRoot } from '../helpers/paths.ts';
import { readMeetingRecords, requireBuiltSite } from '../helpers/site.ts';

interface Fragment {
  /** Pagefind's result id: the file name without `.pf_fragment`. */
  id: string;
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  /** `id` is the turn's id; `raw` the anchor id as written (`recordAnchorId`). */
  anchors: { id: string; raw: string; location: number; turn: AnchorTurn }[];
}

/** Pagefind's files are gzip of a `pagefind_dcd` signature followed by the payload. */
function readPagefindFile(file: string): Buffer {
  const data = gunzipSync(readFileSync(file));
  assert.equal(data.subarray(0, 12).toString(), 'pagefind_dcd', `${file}: not a Pagefind file`);
  return data.subarray(12);
}

let pagefindDir = '';
let meetings: Meeting[] = [];
let fragments: Fragment[] = [];

before(() => {
  pagefindDir = path.join(requireBuiltSite(), 'pagefind');
  meetings = readMeetingRecords();
  const dir = path.join(pagefindDir, 'fragment');
  fragments = readdirSync(dir).map((f) => {
    const json = JSON.parse(readPagefindFile(path.join(dir, f)).toString('utf8')) as Omit<
      Fragment,
      'id' | 'anchors'
    > & { anchors: { id: string; location: number }[] };
    const anchors = json.anchors.map((a) => {
      const turn = parseRecordAnchor(a.id);
      return { id: turn.id, raw: a.id, location: a.location, turn };
    });
    return { ...json, anchors, id: f.replace(/\.pf_fragment$/, '') };
  });
});

describe('search index', () => {
  it('is written into the build output with the library the search page loads', () => {
    for (const file of ['pagefind.js', 'pagefind-entry.json', 'wasm.en.pagefind']) {
      assert.ok(existsSync(path.join(pagefindDir, file)), `missing pagefind/${file}`);
    }
    const entry = JSON.parse(readFileSync(path.join(pagefindDir, 'pagefind-entry.json'), 'utf8'));
    assert.equal(entry.languages.en.page_count, fragments.length, 'records vs fragment files');
  });

  it('splits the word index into small chunks, since a search downloads one per word', () => {
    const dir = path.join(pagefindDir, 'index');
    const sizes = readdirSync(dir)
      .map((f) => statSync(path.join(dir, f)).size)
      .sort((a, b) => a - b);
    const median = sizes[sizes.length >> 1] ?? 0;
    // Pagefind's default chunking gives a 23 KB median here; the index step asks for smaller.
    assert.ok(median <= 12 * 1024, `median index chunk ${median} bytes (${sizes.length} chunks)`);
  });

  it('holds every turn exactly once, as an anchor of its own meeting', () => {
    const total = meetings.reduce((n, m) => n + m.turns.length, 0);
    const anchors = fragments.reduce((n, f) => n + f.anchors.length, 0);
    assert.equal(anchors, total, 'turns in the index vs turns in the meeting records');
    const seen = new Set<string>();
    for (const f of fragments) {
      const meeting = /^\/meetings\/([a-z0-9-]+)\/[a-z0-9_-]+\.html$/.exec(f.url)?.[1];
      assert.ok(meeting, `record ${f.url} is not a meeting turn (pages indexed twice?)`);
      for (const a of f.anchors) {
        const key = `${meeting}#${a.id}`;
        assert.ok(!seen.has(key), `turn ${key} indexed twice`);
        seen.add(key);
      }
    }
    for (const m of meetings) {
      for (const t of m.turns)
        assert.ok(seen.has(`${m.id}#${t.id}`), `turn ${m.id}#${t.id} missing`);
    }
  });

  /** Each turn's text as the record holds it: the words between its anchor and the next. */
  function turnTexts(f: Fragment): string[] {
    const words = f.content.split(/\s+/).filter((w) => w !== '');
    const anchors = [...f.anchors].sort((a, b) => a.location - b.location);
    return anchors.map((a, i) => words.slice(a.location, anchors[i + 1]?.location).join(' '));
  }

  it('gives each record filters, and each turn its second, position and topics', () => {
    const topics = topicsFileSchema.parse(
      load(readFileSync(path.join(repoRoot, 'content/topics.yaml'), 'utf8')),
    );
    const matchTopics = compileTopicMatcher(topics).match;
    const turns = new Map(
      meetings.flatMap((m) => m.turns.map((t, at) => [`${m.id}#${t.id}`, { m, t, at }])),
    );
    for (const f of fragments) {
      const meetingId = f.filters['meeting']?.[0];
      assert.deepEqual(f.filters['meeting'], [meetingId]);
      const topicTurns = new Map<string, number>();
      f.anchors.forEach((a) => {
        const { m, t, at } = turns.get(`${meetingId}#${a.id}`)!;
        const where = `${m.id}#${t.id}`;
        const speakers = t.speakers.length > 0 ? [...new Set(t.speakers)] : ['unknown'];
        assert.deepEqual([...(f.filters['speaker'] ?? [])].sort(), speakers.sort(), where);
        assert.deepEqual(f.filters['year'], [m.date?.slice(0, 4) ?? 'undated'], where);
        const own = matchTopics(t.text);
        assert.deepEqual(a.turn, { id: t.id, t: t.t, at, topics: own }, `${where}: its anchor`);
        assert.equal(a.raw, recordAnchorId({ id: t.id, t: t.t, at, topics: own }), where);
        for (const id of own) topicTurns.set(id, (topicTurns.get(id) ?? 0) + 1);
        assert.equal(f.meta['speaker'], t.speaker, where);
      });
      // Only the search's filters and the record's meta: per-turn lists ride in the anchors
      // (Pagefind indexes meta values as words, and filters cost it time).
      const known: string[] = filterNames.flatMap((n) => [n, turnCountFilter(n)]);
      const metaNames: string[] = Object.values(metaKeys);
      assert.deepEqual(
        Object.keys(f.filters).filter((k) => !known.includes(k)),
        [],
        `${f.url}: filters`,
      );
      assert.deepEqual(
        Object.keys(f.meta).filter((k) => !metaNames.includes(k)),
        [],
        `${f.url}: meta`,
      );
      // The record's topics are its turns' topics; the counting filters count those turns.
      assert.deepEqual([...(f.filters['topic'] ?? [])].sort(), [...topicTurns.keys()].sort());
      assert.deepEqual(
        [...(f.filters['topic-turns'] ?? [])].sort(),
        [...topicTurns].map(([id, n]) => `${id}:${n}`).sort(),
        `${f.url} topic-turns`,
      );
      for (const name of ['speaker', 'year', 'meeting']) {
        assert.deepEqual(
          [...(f.filters[`${name}-turns`] ?? [])].sort(),
          (f.filters[name] ?? []).map((v) => `${v}:${f.anchors.length}`).sort(),
          `${f.url} ${name}-turns`,
        );
      }
    }
  });

  it('indexes the right term next to each misheard one', () => {
    const terminology = terminologyFileSchema.parse(
      load(readFileSync(path.join(repoRoot, 'content/terminology.yaml'), 'utf8')),
    );
    const find = compileTerminology(terminology);
    const misheard = meetings.flatMap((m) =>
      m.turns.flatMap((t) => find(t.text).map((hit) => ({ m, t, hit }))),
    );
    assert.ok(misheard.length > 20, `only ${misheard.length} misheard terms in the corpus`);
    const byTurn = new Map<string, string>();
    for (const f of fragments) {
      const meetingId = f.filters['meeting']?.[0];
      const texts = turnTexts(f);
      f.anchors.forEach((a, i) => byTurn.set(`${meetingId}#${a.id}`, texts[i] ?? ''));
    }
    for (const { m, t, hit } of misheard) {
      const text = byTurn.get(`${m.id}#${t.id}`) ?? '';
      assert.ok(text.includes(`[${hit.term}]`), `${m.id}#${t.id}: "${hit.variant}" not annotated`);
    }
  });

  it('keeps every word of every turn, once, in the text results show', () => {
    const terms = terminologyFileSchema
      .parse(load(readFileSync(path.join(repoRoot, 'content/terminology.yaml'), 'utf8')))
      .map((e) => RegExp.escape(e.term));
    // What the index adds: the right term after a misheard one (checked above).
    const annotation = new RegExp(` \\[(?:${terms.join('|')})\\]`, 'g');
    const letters = (text: string) => wordsOf(text).join('');
    const byTurn = new Map<string, string>();
    for (const f of fragments) {
      const texts = turnTexts(f);
      f.anchors.forEach((a, i) => byTurn.set(`${f.filters['meeting']?.[0]}#${a.id}`, texts[i]!));
    }
    for (const m of meetings) {
      for (const t of m.turns) {
        // What the meeting page shows of the turn (link targets are not shown), in order.
        const said = letters(toPlainText(t.text));
        const indexed = letters((byTurn.get(`${m.id}#${t.id}`) ?? '').replace(annotation, ''));
        assert.equal(indexed, said, `${m.id}#${t.id}: the index does not hold the turn as said`);
      }
    }
  });

  it('writes a vocabulary of every indexed word, with the turns and the records that say it', () => {
    const dir = path.join(pagefindDir, vocabularyFolder);
    assert.equal(readdirSync(dir).length, vocabularyFiles);
    // Records in browse order (the browse index's ids files), as the vocabulary lists them.
    const order = new Map<string, number>();
    const browse = path.join(pagefindDir, browseFolder);
    for (let n = 0; existsSync(path.join(browse, browseIdsFile(n * browseIdsPerFile))); n++) {
      const file = path.join(browse, browseIdsFile(n * browseIdsPerFile));
      for (const id of JSON.parse(readFileSync(file, 'utf8')) as string[]) {
        order.set(vocabularyRecordId(id), order.size);
      }
    }
    const expected = new Map<string, { turns: number; records: Set<string> }>();
    for (const f of fragments) {
      for (const text of turnTexts(f)) {
        for (const w of new Set(indexedWordsOf(text))) {
          const said = expected.get(w) ?? { turns: 0, records: new Set<string>() };
          said.turns++;
          said.records.add(vocabularyRecordId(f.id));
          expected.set(w, said);
        }
      }
    }
    const files = new Map<string, Record<string, [number, ...string[]]>>();
    const lists = { all: 0, first: 0, none: 0 };
    for (const [word, { turns, records }] of expected) {
      const file = vocabularyFile(word);
      if (!files.has(file)) files.set(file, JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
      const entry = files.get(file)![word];
      assert.ok(entry, `"${word}" missing from the vocabulary`);
      assert.equal(entry[0], turns, `"${word}": turns`);
      const saying = [...records].sort((a, b) => order.get(a)! - order.get(b)!);
      const listed = entry.slice(1);
      if (saying.length <= listedRecords) {
        assert.deepEqual(listed, saying, `"${word}": every record that says it`);
        lists.all++;
      } else if (listed.length > 0) {
        const first = [...saying.slice(0, listedRecords), moreRecords];
        assert.deepEqual(listed, first, `"${word}": the first records that say it, and more`);
        lists.first++;
      } else lists.none++;
    }
    // Said in many records: the first of them where the stem is shared ("schedulers"), none
    // where every result of Pagefind's says the word.
    assert.ok(lists.first > 0 && lists.none > 0, JSON.stringify(lists));
  });

  it("lets a browse read each filter value's records and turn counts from the browse index", () => {
    const dir = path.join(pagefindDir, browseFolder);
    const byId = new Map(fragments.map((f) => [f.id, f]));
    const date = new Map(meetings.map((m) => [m.id, m.date ?? '']));
    // Every value of every filter, with the records that have it and their turns with it.
    const expected = new Map<string, Map<string, number>>();
    for (const f of fragments) {
      for (const name of filterNames) {
        for (const value of f.filters[name] ?? []) {
          const turns =
            name === 'topic'
              ? f.anchors.filter((a) => a.turn.topics.includes(value)).length
              : f.anchors.length;
          const key = `${name}\u0000${value}`;
          if (!expected.has(key)) expected.set(key, new Map());
          expected.get(key)!.set(f.id, turns);
        }
      }
    }
    const ids: string[] = [];
    for (let n = 0; existsSync(path.join(dir, browseIdsFile(n * browseIdsPerFile))); n++) {
      ids.push(
        ...JSON.parse(readFileSync(path.join(dir, browseIdsFile(n * browseIdsPerFile)), 'utf8')),
      );
    }
    assert.deepEqual([...ids].sort(), fragments.map((f) => f.id).sort(), 'every record once');
    // Browse order: newest meeting first.
    const meetingOf = (id: string) => byId.get(id)!.filters['meeting']![0]!;
    for (let r = 1; r < ids.length; r++) {
      assert.ok(date.get(meetingOf(ids[r - 1]!))! >= date.get(meetingOf(ids[r]!))!, `record ${r}`);
    }
    for (const [key, records] of expected) {
      const [name, value] = key.split('\u0000') as [(typeof filterNames)[number], string];
      const file = path.join(dir, browseValueFile(name, value));
      const listed = JSON.parse(readFileSync(file, 'utf8')) as BrowseValue;
      assert.equal(listed.value, value);
      const decoded = decodeBrowseValue(listed);
      assert.deepEqual(
        decoded.map((d) => d.record),
        [...decoded.map((d) => d.record)].sort((a, b) => a - b),
        `${name}=${value}: records in browse order`,
      );
      assert.deepEqual(
        new Map(decoded.map((d) => [ids[d.record]!, d.turns])),
        records,
        `${name}=${value}: records and turns`,
      );
    }
    const values = readdirSync(dir, { recursive: true }).filter(
      (f) => String(f).endsWith('.json') && !String(f).startsWith('ids'),
    );
    assert.equal(values.length, expected.size, 'a value file for each value, and no other');
  });
});
