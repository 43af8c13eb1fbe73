/**
 * Build-output tests over the whole corpus for topics and speakers: links resolve, topic pages
 * list exactly the assigned meetings, every spelling of a person leads to one page, no alias
 * gets a page, pages stay light.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { assignTopics, topicPageSize } from '../../src/lib/site/topics.ts';
import { collectSpeakerStats } from '../../src/lib/site/speaker-stats.ts';
import { meetingSchema, speakersFileSchema, topicsFileSchema } from '../../src/lib/schema.ts';
import { fileForUrl, listPages, pageTurns, readMeetingRecords, readPage } from '../helpers/site.ts';
import { repoRoot } from '../helpers/paths.ts';
import path from 'node:path';

// Schema-parsed, so defaults (topicEdits) apply as they do in the Astro collection.
const meetings = readMeetingRecords().map((m) => meetingSchema.parse(m));
const topics = topicsFileSchema.parse(
  parse(readFileSync(path.join(repoRoot, 'content/topics.yaml'), 'utf8')),
);
const speakers = speakersFileSchema.parse(
  parse(readFileSync(path.join(repoRoot, 'content/speakers.yaml'), 'utf8')),
);
const pages = listPages();
const assigned = new Map(meetings.map((m) => [m.id, assignTopics(m, topics).topics]));

/** Raw HTML of a built page. */
function readHtml(urlPath: string): string {
  const file = fileForUrl(urlPath);
  assert.ok(file, `no page at ${urlPath}`);
  return readFileSync(file, 'utf8');
}

describe('topic and speaker links', () => {
  it('every /topics/ and /speakers/ link on every page resolves to a page', () => {
    const broken: string[] = [];
    let links = 0;
    for (const page of pages) {
      const html = readHtml(page);
      for (const m of html.matchAll(/href="(\/(?:topics|speakers)\/[^"#?]*)/g)) {
        links++;
        const target = m[1]!;
        if (target !== target.toLowerCase() || !target.endsWith('/') || !fileForUrl(target)) {
          broken.push(`${page} -> ${target}`);
        }
      }
    }
    assert.deepEqual(broken.slice(0, 20), [], `${broken.length} broken topic/speaker links`);
    assert.ok(links > 1000, `expected over 1,000 topic/speaker links, found ${links}`);
  });
});

describe('topic pages', () => {
  it('exist for every topic, and the index lists each one', () => {
    const index = readPage('/topics/');
    for (const t of topics) {
      assert.ok(fileForUrl(`/topics/${t.id}/`), `/topics/${t.id}/`);
      assert.ok(index.querySelector(`a[href="/topics/${t.id}/"]`), `index links ${t.id}`);
    }
  });

  it('each lists the latest meetings assignTopics gives, and its year pages every one', () => {
    const listed = (url: string) =>
      readPage(url)
        .querySelectorAll('.timeline > li > h3 > a')
        .map((a) => a.getAttribute('href'));
    let paged = 0;
    for (const t of topics) {
      const expected = meetings
        .filter((m) => assigned.get(m.id)!.includes(t.id))
        .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id));
      const urls = expected.map((m) => `/meetings/${m.id}/`);
      assert.deepEqual(listed(`/topics/${t.id}/`), urls.slice(0, topicPageSize), t.id);
      const years = [...new Set(expected.map((m) => m.date?.slice(0, 4) ?? 'undated'))];
      if (expected.length <= topicPageSize) {
        assert.equal(fileForUrl(`/topics/${t.id}/${years[0]}/`), undefined, `${t.id}: year page`);
        continue;
      }
      paged++;
      // Every year page linked from the topic page, together listing every meeting in order.
      const links = readPage(`/topics/${t.id}/`)
        .querySelectorAll(`a[href^="/topics/${t.id}/"]`)
        .map((a) => a.getAttribute('href'));
      assert.deepEqual(
        links,
        years.map((y) => `/topics/${t.id}/${y}/`),
        `${t.id}: year links`,
      );
      assert.deepEqual(
        years.flatMap((y) => listed(`/topics/${t.id}/${y}/`)),
        urls,
        `${t.id}: year pages`,
      );
    }
    assert.ok(paged > 0, `no topic of the corpus has more than ${topicPageSize} meetings`);
  });

  it('the seed meeting 2025-04-14 carries driver, mlperf and scheduler', () => {
    const seed = assigned.get('2025-04-14');
    assert.ok(seed, 'seed meeting imported');
    for (const id of ['driver', 'mlperf', 'scheduler']) {
      assert.ok(seed.includes(id), `2025-04-14 has ${id}`);
      // On the topic page, or on its 2025 page when the topic is in more meetings than it lists.
      const lists = [`/topics/${id}/`, `/topics/${id}/2025/`].filter((url) => {
        const file = fileForUrl(url);
        return file && readPage(url).querySelector('.timeline a[href="/meetings/2025-04-14/"]');
      });
      assert.ok(lists.length > 0, `/topics/${id}/ or its 2025 page lists 2025-04-14`);
    }
  });

  it('highlight links land on turns that exist', () => {
    const turnIds = new Map(meetings.map((m) => [m.id, new Set(m.turns.map((t) => t.id))]));
    for (const t of topics) {
      for (const a of readPage(`/topics/${t.id}/`).querySelectorAll('.timeline ul a')) {
        const [, id, turn] =
          /^\/meetings\/([^/]+)\/#(.+)$/.exec(a.getAttribute('href') ?? '') ?? [];
        assert.ok(id && turn && turnIds.get(id)?.has(turn), `${t.id}: ${a.getAttribute('href')}`);
      }
    }
  });
});

describe('speaker pages', () => {
  const speakerPages = pages
    .filter((p) => /^\/speakers\/[^/]+\/$/.test(p))
    .map((p) => p.split('/')[2]!);

  it('exist exactly for the ids in content/speakers.yaml: none for an alias', () => {
    assert.deepEqual([...speakerPages].sort(), speakers.map((s) => s.id).sort());
    const ids = new Set(speakers.map((s) => s.id));
    for (const s of speakers) {
      for (const alias of s.aliases) {
        const slug = alias.toLowerCase().replace(/[^a-z0-9]+/g, '-');
        if (!ids.has(slug)) assert.ok(!fileForUrl(`/speakers/${slug}/`), `page for alias ${alias}`);
      }
    }
  });

  it('every spelling of one person leads to that person’s one page', () => {
    // label -> the speaker pages its single-speaker turns link to, over all meeting pages
    const targets = new Map<string, Set<string>>();
    const expected = new Map<string, string>();
    for (const m of meetings) {
      const page = readPage(`/meetings/${m.id}/`);
      const byId = new Map(pageTurns(page).map(({ id, el }) => [id, el]));
      for (const turn of m.turns) {
        if (turn.speakers.length !== 1) continue;
        const el = byId.get(turn.id);
        assert.ok(el, `${m.id}: turn ${turn.id} rendered`);
        const links = el
          .querySelectorAll('a[href^="/speakers/"]')
          .map((a) => a.getAttribute('href')!);
        const set = targets.get(turn.speaker) ?? new Set<string>();
        for (const l of links) set.add(l);
        targets.set(turn.speaker, set);
        expected.set(turn.speaker, `/speakers/${turn.speakers[0]}/`);
      }
    }
    const byPerson = new Map<string, Set<string>>();
    for (const [label, set] of targets) {
      assert.deepEqual([...set], [expected.get(label)], `spelling "${label}"`);
      const person = byPerson.get(expected.get(label)!) ?? new Set<string>();
      person.add(label);
      byPerson.set(expected.get(label)!, person);
    }
    // The speaker page names every spelling its person's turns use.
    for (const [href, labels] of byPerson) {
      const html = readPage(href).text;
      for (const label of labels)
        assert.ok(html.includes(`“${label}”`), `${href} lists "${label}"`);
    }
    const multi = [...byPerson.values()].filter((labels) => labels.size > 1);
    assert.ok(multi.length > 0, 'some person is spelt several ways in the corpus');
  });

  it('the index lists every speaker page, by talk time', () => {
    const links = readPage('/speakers/')
      .querySelectorAll('tbody th a')
      .map((a) => a.getAttribute('href'));
    assert.deepEqual([...links].sort(), speakerPages.map((id) => `/speakers/${id}/`).sort());
    const stats = collectSpeakerStats(meetings, topics);
    const seconds = links.map((href) => stats.get(href!.split('/')[2]!)?.seconds ?? 0);
    assert.deepEqual(
      seconds,
      [...seconds].sort((a, b) => b - a),
      'ordered by talk time',
    );
  });
});

describe('page weight', () => {
  it('topic and speaker pages are under 30 KB gzip', () => {
    const heavy: string[] = [];
    for (const page of pages.filter((p) => /^\/(topics|speakers)\//.test(p))) {
      const kb = gzipSync(readHtml(page)).length / 1024;
      if (kb > 30) heavy.push(`${page}: ${kb.toFixed(1)} KB gzip`);
    }
    assert.deepEqual(heavy, []);
  });

  it('charts are static SVG with a text alternative, no script inside', () => {
    let charts = 0;
    for (const page of pages.filter((p) => /^\/(topics|speakers)\/[^/]+\/$/.test(p))) {
      for (const figure of readPage(page).querySelectorAll('figure.bar-chart')) {
        charts++;
        const svg = figure.querySelector('svg[role="img"]');
        assert.ok(svg, `${page}: chart is an SVG image`);
        const [title, desc] = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
        assert.ok(svg.querySelector(`title[id="${title}"]`)?.text.trim(), `${page}: chart title`);
        assert.ok(
          svg.querySelector(`desc[id="${desc}"]`)?.text.trim(),
          `${page}: chart description`,
        );
        assert.equal(figure.querySelectorAll('script').length, 0, `${page}: script in chart`);
      }
    }
    assert.ok(charts >= topics.length, `expected a chart per topic page, found ${charts}`);
  });
});
