import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTime, videoUrl } from '../../../src/lib/format.ts';
import {
  collectHighlightMarkers,
  findNeighbours,
  groupMeetingsByYear,
  sortMeetings,
} from '../../../src/lib/site/meetings.ts';
import type { Turn } from '../../../src/lib/schema.ts';
import { renderTranscript } from '../../../src/lib/site/transcript-html.ts';

const names = new Map([
  ['geohot', 'Geohot'],
  ['chenyu', 'Chenyu'],
]);
const turn = (over: Partial<Turn>): Turn => ({
  id: 'geohot-000010',
  speaker: 'Geohot',
  speakers: ['geohot'],
  t: 10,
  text: 'hi',
  ...over,
});

describe('renderTranscript', () => {
  it('gives each turn an anchored heading, a video link at its second and a permalink', () => {
    const html = renderTranscript([turn({})], { youtube: '4p_uWDeaO_8', speakerNames: names });
    assert.match(html, /<div class="turn"><h4 id="geohot-000010">/);
    assert.match(
      html,
      /href="https:\/\/www\.youtube\.com\/watch\?v=4p_uWDeaO_8&amp;t=10">00:00:10<\/a>/,
    );
    assert.match(html, /<a class="pl" href="#geohot-000010"/);
    assert.match(html, /<a class="spk" href="\/speakers\/geohot\/">Geohot<\/a>/);
  });

  it('shows times without a link when there is no video', () => {
    const html = renderTranscript([turn({})], { speakerNames: names });
    assert.match(html, /<span class="ts">00:00:10<\/span>/);
    assert.equal(html.includes('youtube'), false);
  });

  it('states several and unknown speakers honestly and escapes labels', () => {
    const several = renderTranscript(
      [
        turn({
          id: 'geohot--chenyu-000530',
          speaker: 'Geohot & Chenyu',
          speakers: ['geohot', 'chenyu'],
        }),
      ],
      { speakerNames: names },
    );
    assert.match(
      several,
      /<span class="spk">Geohot &amp; Chenyu<\/span> <span class="spks">\(<a href="\/speakers\/geohot\/">Geohot<\/a>, <a href="\/speakers\/chenyu\/">Chenyu<\/a>\)/,
    );
    const unknown = renderTranscript(
      [turn({ id: 'x-000001', speaker: '"><svg onload=alert(1)>', speakers: [] })],
      { speakerNames: names },
    );
    assert.equal(unknown.includes('<svg'), false);
    assert.match(unknown, /title="Speaker not identified">&quot;&gt;&lt;svg onload=alert\(1\)&gt;/);
  });

  it('puts highlight titles where their turn begins', () => {
    const markers = collectHighlightMarkers({
      highlights: [
        { title: 'Company <Update>', summary: '', turn: 'geohot-000010', resolution: 'exact' },
      ],
    });
    const html = renderTranscript([turn({})], { speakerNames: names, markers });
    assert.ok(html.startsWith('<h3 class="mark">Company &lt;Update&gt;</h3><div class="turn"'));
  });
});

describe('meeting helpers', () => {
  const ms = [
    { id: '2025-01-06', date: '2025-01-06' },
    { id: 'consensus-talk', date: null },
    { id: '2024-12-30', date: '2024-12-30' },
    { id: '2025-04-14', date: '2025-04-14' },
  ];
  it('sorts newest first with undated last, and groups by year', () => {
    const sorted = sortMeetings(ms);
    assert.deepEqual(
      sorted.map((m) => m.id),
      ['2025-04-14', '2025-01-06', '2024-12-30', 'consensus-talk'],
    );
    assert.deepEqual(
      groupMeetingsByYear(sorted).map((g) => [g.year, g.meetings.length]),
      [
        ['2025', 2],
        ['2024', 1],
        ['Undated', 1],
      ],
    );
    assert.deepEqual(findNeighbours(sorted, '2025-01-06'), { older: sorted[2], newer: sorted[0] });
    assert.deepEqual(findNeighbours(sorted, '2025-04-14'), { older: sorted[1] });
  });
  it('formats times and video links', () => {
    assert.equal(formatTime(3723), '01:02:03');
    assert.equal(videoUrl('abcdefghijk', 75), 'https://www.youtube.com/watch?v=abcdefghijk&t=75');
  });
});
