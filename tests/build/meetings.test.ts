/** Build-output tests over the whole corpus: meeting pages, turn ids, words, highlights. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { corpusDir } from '../helpers/paths.ts';
import { listPages, pageTurns, readMeetingRecords, readPage } from '../helpers/site.ts';

const meetings = readMeetingRecords();
const sourceDirs = readdirSync(corpusDir).filter((d) => !d.startsWith('.'));

/** Words of a markdown line as a reader sees them: link targets and markdown punctuation removed. */
function readerWords(markdown: string): string[] {
  return markdown
    .replace(/\]\([^)\s]*\)/g, ' ')
    .replace(/[*_`[\]\\]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

describe('meeting pages', () => {
  it('builds one page per corpus meeting', () => {
    assert.equal(meetings.length, sourceDirs.length, 'one record per corpus folder');
    const pages = new Set(listPages());
    for (const m of meetings) assert.ok(pages.has(`/meetings/${m.id}/`), `page for ${m.id}`);
  });

  it('renders every turn once, with its id, video time and permalink', () => {
    let total = 0;
    for (const m of meetings) {
      const page = readPage(`/meetings/${m.id}/`);
      const turns = pageTurns(page);
      assert.equal(turns.length, m.turns.length, `${m.id}: turn count`);
      turns.forEach(({ id, el }, i) => {
        const turn = m.turns[i]!;
        assert.equal(id, turn.id, `${m.id}: turn ${i} order`);
        const heading = el.querySelector(`[id="${turn.id}"]`);
        assert.ok(heading, `${m.id}: #${turn.id} inside its turn`);
        assert.ok(el.querySelector(`a.pl[href="#${turn.id}"]`), `${m.id}: permalink of ${turn.id}`);
        if (m.youtube) {
          const ts = el.querySelector('a.ts')?.getAttribute('href');
          assert.equal(
            ts,
            `https://www.youtube.com/watch?v=${m.youtube}&t=${turn.t}`,
            `${m.id}: video link of ${turn.id}`,
          );
        }
      });
      const ids = page.querySelectorAll('[id]').map((e) => e.id);
      assert.equal(new Set(ids).size, ids.length, `${m.id}: ids unique on the page`);
      total += turns.length;
    }
    assert.ok(total > 20000, `the corpus has over 20,000 turns (got ${total})`);
  });

  it('loses no word of any transcript turn', () => {
    let words = 0;
    for (const dir of sourceDirs) {
      const source = readFileSync(
        path.join(corpusDir, dir, 'meeting-transcript.md'),
        'utf8',
      ).replace(/\r\n?/g, '\n');
      const transcript = source.split(/^#{2,3} Transcript\s*$/m)[1];
      assert.ok(transcript !== undefined, `${dir}: has a Transcript section`);
      const id = /^# (\d{4}-\d{2}-\d{2})/m.exec(source)?.[1] ?? dir;
      const page = readPage(`/meetings/${id}/`);
      const pageText = readerWords(page.querySelector('section.transcript')!.textContent).join(' ');
      let from = 0;
      for (const line of transcript.split('\n')) {
        // speaker lines become turn headings; their words are checked as speaker labels below
        if (/^(#{1,6}\s*)?\*\*[^*]+\*\*\s*(\[|$)/.test(line.trim())) continue;
        for (const word of readerWords(line)) {
          const at = pageText.indexOf(word, from);
          assert.ok(
            at !== -1,
            `${dir}: word ${JSON.stringify(word)} of line ${JSON.stringify(line.slice(0, 80))} is on the page, in order`,
          );
          from = at + word.length;
          words++;
        }
      }
    }
    assert.ok(words > 500000, `checked over 500,000 words (got ${words})`);
  });

  it('links every resolved highlight to a turn on its page, and shows unresolved ones without a link', () => {
    let resolved = 0;
    for (const m of meetings) {
      const page = readPage(`/meetings/${m.id}/`);
      const links = page.querySelectorAll('section.highlights a[href^="#"]');
      const expected = m.highlights.filter((h) => h.turn);
      assert.equal(links.length, expected.length, `${m.id}: one link per resolved highlight`);
      links.forEach((a, i) => {
        const target = a.getAttribute('href')!.slice(1);
        assert.equal(target, expected[i]!.turn);
        assert.ok(
          pageTurns(page).some((t) => t.id === target),
          `${m.id}: highlight target ${target} is a turn`,
        );
        resolved++;
      });
      for (const h of expected) {
        const marks = page.querySelectorAll('.transcript .mark').map((e) => e.textContent);
        assert.ok(marks.includes(h.title), `${m.id}: transcript marks where "${h.title}" begins`);
      }
    }
    assert.ok(resolved > 500, `over 500 highlight links (got ${resolved})`);
  });

  it('has no dead in-page link on any page', () => {
    for (const url of listPages()) {
      const page = readPage(url);
      const ids = new Set(page.querySelectorAll('[id]').map((e) => e.id));
      for (const a of page.querySelectorAll('a[href^="#"]')) {
        const frag = decodeURIComponent(a.getAttribute('href')!.slice(1));
        assert.ok(frag === '' || ids.has(frag), `${url}: link to #${frag} has a target`);
      }
    }
  });

  it('lists meetings newest first on the home page, grouped by year', () => {
    const home = readPage('/');
    const links = home.querySelectorAll('.year-list a').map((a) => a.getAttribute('href'));
    const dated = meetings.filter((m) => m.date).sort((a, b) => (a.date! < b.date! ? 1 : -1));
    assert.deepEqual(
      links.slice(0, dated.length),
      dated.map((m) => `/meetings/${m.id}/`),
    );
    const years = home.querySelectorAll('h2').map((h) => h.textContent);
    assert.deepEqual(years.slice(0, 3), ['2026', '2025', '2024']);
  });

  it('links each meeting to its neighbours', () => {
    const dated = meetings.filter((m) => m.date).sort((a, b) => (a.date! < b.date! ? 1 : -1));
    for (let i = 1; i < dated.length - 1; i++) {
      const page = readPage(`/meetings/${dated[i]!.id}/`);
      assert.equal(
        page.querySelector('a[rel=prev]')?.getAttribute('href'),
        `/meetings/${dated[i + 1]!.id}/`,
      );
      assert.equal(
        page.querySelector('a[rel=next]')?.getAttribute('href'),
        `/meetings/${dated[i - 1]!.id}/`,
      );
    }
  });
});
