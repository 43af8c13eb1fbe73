/**
 * Generates hostile transcripts for the importer fuzz test: random mixes of the real format
 * variants of the community archive (heading and plain speaker lines, youtube.com, youtu.be and
 * Drive links, highlights before or after the agenda, chapters, malformed timestamps) with
 * markdown, MDX and HTML syntax, `{}`, import/export lines, odd bytes, bidi, NUL, CR and huge
 * lines. Deterministic: the same case number and seed always give the same bytes.
 */

/** A small, fast, seeded PRNG (mulberry32); returns floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const speakers = [
  'Geohot',
  'Chenyu',
  'chenyu',
  'Chneyu',
  'Nimlgen',
  'Qazalin',
  'Sieds Lykles',
  'Sied Lykkles',
  'B1TG',
  'Geohot & Chenyu',
  'Geohot or Chenyu',
  'Unknown',
  'SPEAKER_05',
  'more Chenyu',
  '"><svg onload=alert(1)>',
  '{process.env.HOME}',
  'Zoë',
  'Zoe\u0308',
  '\u202Eevil\u202C',
  'a'.repeat(300),
];

const payloads = [
  '{process.env.HOME}',
  '{',
  '}',
  '{/* comment */}',
  '{...props}',
  "import fs from 'node:fs'",
  'export const x = 1',
  'export default function X() {}',
  "import('node:child_process')",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<!-- comment -->',
  '<!--',
  'a <b',
  '<https://example.com>',
  '<Note title={x}>hi</Note>',
  '<Aside title="t" onClick={run}>x</Aside>',
  '<div style="color:red">x</div>',
  '[link](javascript:alert(1))',
  '[link](JaVaScRiPt&#58;alert(1))',
  '[x](&#106;avascript:alert(1))',
  '![img](https://evil.example/x.png)',
  '&#123;process.env.HOME&#125;',
  '&lbrace;x&rbrace;',
  '`code {x}`',
  '```js\nconsole.log(1)\n```',
  '**bold** _em_ ~~del~~',
  '# heading',
  '## Transcript',
  '### Highlights',
  '> quote',
  '- item',
  '1. item',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '---',
  '***',
  '$$ x^2 $$',
  '\\{escaped\\}',
  '[^1]: footnote',
  '<br/>',
  '</div>',
  '---\ntitle: injected\n---',
  '"quoted" \'single\' `back`',
  ': colon: yaml: [a, b]: {c: d}',
  '- !!js/function "function(){}"',
  '*anchor &a *a',
  '%YAML 1.2',
  '\u202Ebidi override\u202C',
  '\u2066isolate\u2069',
  '\u200Bzero\u200Dwidth\uFEFF',
  '\uFEFFbom inside',
  'emoji 🦀🧪 and CJK 漢字',
  'e\u0301 NFD',
  'line\rlone CR',
  'crlf\r\n',
  '\u2028line sep\u2029',
  '\t\ttabs\t',
  '    indented code',
  'https://www.youtube.com/watch?v=abc&t=5 bare url',
  'www.example.com',
  'trailing spaces   ',
  '\\',
  '&amp; &lt; &gt; &quot;',
  '<',
  '>',
  '{{double}}',
];

const words = [
  'the',
  'tinygrad',
  'scheduler',
  'MLPerf',
  'AMD',
  'driver',
  'bounty',
  'kernel',
  'BEAM',
  'ok',
  'yeah',
];

const pad = (n: number) => String(n).padStart(2, '0');
const hhmmss = (s: number) =>
  `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** One generated transcript, as bytes (possibly invalid UTF-8). */
export function generateTranscript(caseNumber: number, seed: number): Uint8Array {
  const random = createRandom((seed ^ Math.imul(caseNumber + 1, 0x9e3779b1)) >>> 0);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const chance = (p: number) => random() < p;

  const text = (): string => {
    const parts: string[] = [];
    const n = 1 + int(6);
    for (let i = 0; i < n; i++) parts.push(chance(0.45) ? pick(payloads) : pick(words));
    return parts.join(' ');
  };

  const videoId = pick(['4p_uWDeaO_8', 'fixtureVid1', 'a-b_c', 'x"y', '']);
  const link = (t: number): string =>
    pick([
      `https://www.youtube.com/watch?v=${videoId}&t=${t}`,
      `https://youtu.be/${videoId}?t=${t}`,
      `https://youtu.be/${videoId}&t=${t}`,
      `https://drive.google.com/file/d/1e-u_BMfIa/view?t=${t}`,
      `javascript:alert(${t})`,
      `#${t}`,
    ]);
  const time = (t: number): string =>
    chance(0.9)
      ? hhmmss(t)
      : pick(['00:15:60', '00:40/graph:45', '1:2', '', '99:99:99', 'abc', '00:00:00:00', '-1']);

  const lines: string[] = [];
  if (chance(0.1)) lines.push(`_Note: ${text()}_`, '');
  const date = `20${20 + int(10)}-${pad(1 + int(12))}-${pad(1 + int(28))}`;
  lines.push(
    pick([`# ${date} Meeting`, `# ${text()}`, `# ${date}`, '#', `# ${date} ${text()}`]),
    '',
  );

  const agenda = (): void => {
    lines.push(pick(['### Meeting Agenda', '## Meeting Agenda', '### Agenda']), '');
    if (chance(0.7)) lines.push(`**Time:** ${text()}`);
    for (let i = int(5); i > 0; i--) lines.push(`- ${text()}`);
    lines.push('');
  };
  let t = 0;
  const turnSeconds: string[] = [];
  const highlights = (): void => {
    lines.push(pick(['### Highlights', '## Highlights']), '');
    for (let i = int(5); i > 0; i--) {
      const anchor = `${slug(pick(speakers))}-${hhmmss(int(4000)).replace(/:/g, '')}`;
      lines.push(
        pick([
          `- **[${text()}](#${anchor})**: ${text()}`,
          `- **${text()}**: ${text()}`,
          `- [${text()}](#${anchor})`,
          `- **[${text()}](${link(int(3000))})**: ${text()}`,
        ]),
      );
    }
    lines.push('');
  };
  if (chance(0.5)) {
    agenda();
    if (chance(0.8)) highlights();
  } else {
    if (chance(0.8)) highlights();
    if (chance(0.8)) agenda();
  }
  if (chance(0.4)) {
    lines.push(pick(['### Audio', '## Audio', '### Video']), '');
    lines.push(`[${pick(['Recording', 'Youtube', text()])}](${link(0)})`, '');
  }
  if (chance(0.25)) {
    lines.push('### Chapters', '');
    for (let i = int(6); i > 0; i--) lines.push(`- **${time(int(4000))} ${text()}** ${text()}`, '');
  }
  if (chance(0.1)) lines.push(`## ${text()}`, text(), '');
  if (chance(0.95)) lines.push(pick(['### Transcript', '## Transcript', '### Transcript  ']), '');
  for (let i = int(chance(0.02) ? 400 : 20); i > 0; i--) {
    t += int(chance(0.1) ? 0 : 90);
    const name = pick(speakers);
    const stamp = time(t);
    turnSeconds.push(stamp);
    lines.push(
      pick([
        `##### **${name}** [[${stamp}](${link(t)})]`,
        `##### **${name}** [${stamp}]`,
        `**${name}** [${stamp}]`,
        `**${name}** [[${stamp}](${link(t)})]  `,
        `#### **${name}** [[${stamp}](${link(t)})]`,
        `**${name}**`,
        `##### ${name} [${stamp}]`,
      ]),
    );
    for (let k = 1 + int(3); k > 0; k--) lines.push(text());
    lines.push('');
  }
  // A few cases carry one huge line (up to 2 MB) somewhere in the document.
  if (chance(0.03)) {
    const huge = pick(['x', '{', '<b>', 'é', '**a** ']).repeat(chance(0.1) ? 350_000 : 20_000);
    lines.splice(int(lines.length + 1), 0, huge);
  }
  let source = lines.join(pick(['\n', '\n', '\n', '\r\n', '\r']));
  if (chance(0.05)) source = '\uFEFF' + source;
  // NUL is rejected outright, so it is rare: most cases should reach the parser.
  if (chance(0.02))
    source = source.slice(0, int(source.length)) + '\u0000' + source.slice(int(source.length));
  // Line-level mutations: duplicate, drop or swap lines of the generated document.
  if (chance(0.15)) {
    const all = source.split('\n');
    for (let m = 1 + int(5); m > 0; m--) {
      const at = int(all.length);
      const op = int(3);
      if (op === 0) all.splice(at, 0, all[int(all.length)] ?? '');
      else if (op === 1) all.splice(at, 1);
      else all[at] = (all[at] ?? '').slice(0, int(40));
    }
    source = all.join('\n');
  }
  let bytes = new TextEncoder().encode(source);
  // Byte-level mutations: invalid UTF-8, NUL, truncated multi-byte sequences.
  if (chance(0.05)) {
    const copy = new Uint8Array(bytes.length + 4);
    copy.set(bytes);
    for (let m = 1 + int(4); m > 0; m--)
      copy[int(copy.length)] = pick([0x00, 0xff, 0xc0, 0xe2, 0x80, 0x0d, 0x7b]);
    bytes = copy;
  }
  return bytes;
}
