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
import { compileTopicMatcher } from '../../src/lib/topics.ts';
import { topicsFileSchema, type Meeting } from '../../src/lib/schema.ts';
import { compileTerminology, terminologyFileSchema } from '../../src/lib/terminology.ts';
import { repoRoot } from '../helpers/paths.ts';
import { readMeetingRecords, requireBuiltSite } from '../helpers/site.ts';

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  anchors: { id: string; location: number }[];
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
  fragments = readdirSync(dir).map(
    (f) => JSON.parse(readPagefindFile(path.join(dir, f)).toString('utf8')) as Fragment,
  );
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
      const meeting = /^\/meetings\/([a-z0-9-]+)\/#/.exec(f.url)?.[1];
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

  it('gives each record filters that hold for every one of its turns', () => {
    const topics = topicsFileSchema.parse(
      load(readFileSync(path.join(repoRoot, 'content/topics.yaml'), 'utf8')),
    );
    const matchTopics = compileTopicMatcher(topics).match;
    const turns = new Map(
      meetings.flatMap((m) => m.turns.map((t) => [`${m.id}#${t.id}`, { m, t }])),
    );
    for (const f of fragments) {
      const meetingId = f.filters['meeting']?.[0];
      assert.deepEqual(f.filters['meeting'], [meetingId]);
      // The counting filters: each value with the record's number of turns.
      for (const name of ['speaker', 'topic', 'year', 'meeting']) {
        assert.deepEqual(
          [...(f.filters[`${name}-turns`] ?? [])].sort(),
          (f.filters[name] ?? []).map((v) => `${v}:${f.anchors.length}`).sort(),
          `${f.url} ${name}-turns`,
        );
      }
      for (const a of f.anchors) {
        const { m, t } = turns.get(`${meetingId}#${a.id}`)!;
        const where = `${m.id}#${t.id}`;
        const speakers = t.speakers.length > 0 ? [...new Set(t.speakers)] : ['unknown'];
        assert.deepEqual([...(f.filters['speaker'] ?? [])].sort(), speakers.sort(), where);
        assert.deepEqual(f.filters['year'], [m.date?.slice(0, 4) ?? 'undated'], where);
        assert.deepEqual(
          [...(f.filters['topic'] ?? [])].sort(),
          matchTopics(t.text).sort(),
          `${where} topics`,
        );
        assert.equal(f.meta['speaker'], t.speaker, where);
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
      f.anchors.forEach((a, i) => byTurn.set(`${meetingId}#${a.id}`, f.meta[`t${i}`] ?? ''));
    }
    for (const { m, t, hit } of misheard) {
      const text = byTurn.get(`${m.id}#${t.id}`) ?? '';
      assert.ok(text.includes(`[${hit.term}]`), `${m.id}#${t.id}: "${hit.variant}" not annotated`);
    }
  });
});
