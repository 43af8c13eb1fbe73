import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, type Diagnostic } from '../../../src/lib/diagnostics.ts';
import { checkDataFile, checkMeetingFile } from '../../../src/lib/check/content-check.ts';
import { EDITORIAL_COMPONENTS, checkUrl } from '../../../src/lib/check/mdx-body.ts';
import { decodeSourceBytes } from '../../../src/lib/check/source-text.ts';
import { speakersFileSchema, topicsFileSchema } from '../../../src/lib/schema.ts';

const FILE = 'content/meetings/2025-04-14.mdx';

/** A valid meeting record; the frontmatter spans lines 1-18, so a body starts on line 19. */
const HEAD = [
  '---', // 1
  "id: '2025-04-14'", // 2
  'title: Weekly meeting', // 3
  "date: '2025-04-14'", // 4
  'turns:', // 5
  '  - id: geohot-000010', // 6
  '    speaker: Geohot', // 7
  '    speakers: [geohot]', // 8
  '    t: 10', // 9
  '    text: |-', // 10
  '      Hello, welcome.', // 11
  '  - id: chenyu-000020', // 12
  '    speaker: chenyu', // 13
  '    speakers: [chenyu]', // 14
  '    t: 20', // 15
  '    text: |-', // 16
  '      Thanks.', // 17
  '---', // 18
];
const BODY_LINE = 19;

function withBody(body: string): string {
  return `${HEAD.join('\n')}\n${body}`;
}

/** Replaces 1-based line `n` of the valid record. */
function withLine(n: number, line: string, body = ''): string {
  const lines = [...HEAD];
  lines[n - 1] = line;
  return `${lines.join('\n')}\n${body}`;
}

/** Inserts lines after 1-based line `n` of the valid record (before the turns when n = 4). */
function withLinesAfter(n: number, extra: string[], body = ''): string {
  const lines = [...HEAD.slice(0, n), ...extra, ...HEAD.slice(n)];
  return `${lines.join('\n')}\n${body}`;
}

interface Case {
  name: string;
  text: string;
  line: number;
  column: number;
  message: RegExp;
}

/** Bad files: each must give exactly one error at this line and column, saying what to do. */
const BAD: Case[] = [
  {
    name: 'flow expression {process.env.HOME}',
    text: withBody('{process.env.HOME}\n'),
    line: BODY_LINE,
    column: 1,
    message: /`\{process\.env\.HOME\}` is a JavaScript expression.*remove it.*&#123;/,
  },
  {
    name: 'text expression inside a paragraph',
    text: withBody('Home is {process.env.HOME} here.\n'),
    line: BODY_LINE,
    column: 9,
    message: /JavaScript expression/,
  },
  {
    name: "import fs from 'node:fs'",
    text: withBody("import fs from 'node:fs'\n"),
    line: BODY_LINE,
    column: 1,
    message: /`import` statement.*remove the import/,
  },
  {
    name: 'export const x = 1 (after a paragraph)',
    text: withBody('A note.\n\nexport const x = 1\n'),
    line: BODY_LINE + 2,
    column: 1,
    message: /`export` statement.*remove the export/,
  },
  {
    name: 'prose starting with "export the weights"',
    text: withBody('export the weights to onnx\n'),
    line: BODY_LINE,
    column: 8,
    message:
      /MDX cannot parse the body.*reword the line.*move transcript text into the frontmatter/,
  },
  {
    name: '<script>',
    text: withBody('<script>alert(1)</script>\n'),
    line: BODY_LINE,
    column: 1,
    message: /<script> is not allowed.*only use Note, Aside.*&lt;/,
  },
  {
    name: '<img onerror> with a quoted value',
    text: withBody('Look: <img src="x" onerror="alert(1)" />\n'),
    line: BODY_LINE,
    column: 7,
    message: /<img> is not allowed/,
  },
  {
    name: '<img onerror> in HTML syntax (unquoted values)',
    text: withBody('<img src=x onerror=alert(1)>\n'),
    line: BODY_LINE,
    column: 10,
    message: /MDX cannot parse the body: Unexpected character `x`.*&lt;/,
  },
  {
    name: 'HTML comment <!-- -->',
    text: withBody('<!-- hidden -->\n'),
    line: BODY_LINE,
    column: 2,
    message: /HTML comments `<!-- -->` are not allowed in MDX; delete the comment/,
  },
  {
    name: 'a <b (unclosed tag)',
    text: withBody('a <b\n'),
    line: BODY_LINE,
    column: 5,
    message: /MDX cannot parse the body.*write a literal `<` as `&lt;`/,
  },
  {
    name: '<https://x> autolink',
    text: withBody('<https://x>\n'),
    line: BODY_LINE,
    column: 8,
    message: /no `<url>` autolinks; write the link as \[text\]\(https:/,
  },
  {
    name: 'lone {',
    text: withBody('Costs {\n'),
    line: BODY_LINE,
    column: 8,
    message: /MDX cannot parse the body.*closing brace.*&#123;/,
  },
  {
    name: 'nested braces that are not JavaScript',
    text: withBody('{{{ }}\n'),
    line: BODY_LINE,
    column: 3,
    message: /Could not parse expression with acorn.*&#123;/,
  },
  {
    name: 'link to javascript:',
    text: withBody('[x](javascript:alert(1))\n'),
    line: BODY_LINE,
    column: 1,
    message: /link URL: `javascript:` URLs are not allowed: use an https: URL/,
  },
  {
    name: 'link to javascript&#58; (entity-encoded colon)',
    text: withBody('See [x](javascript&#58;alert(1)).\n'),
    line: BODY_LINE,
    column: 5,
    message: /`javascript:` URLs are not allowed/,
  },
  {
    name: 'link to &#x6A;avascript: (entity-encoded letter)',
    text: withBody('[x](&#x6A;avascript:alert(1))\n'),
    line: BODY_LINE,
    column: 1,
    message: /`javascript:` URLs are not allowed/,
  },
  {
    name: 'link to JaVaScRiPt: (mixed case)',
    text: withBody('[x](JaVaScRiPt:alert(1))\n'),
    line: BODY_LINE,
    column: 1,
    message: /`javascript:` URLs are not allowed/,
  },
  {
    name: 'link to java&#9;script: (a tab browsers drop)',
    text: withBody('[x](java&#9;script:alert(1))\n'),
    line: BODY_LINE,
    column: 1,
    message: /`javascript:` URLs are not allowed/,
  },
  {
    name: 'image from a data: URL',
    text: withBody('![logo](data:image/svg+xml;base64,PHN2Zz4=)\n'),
    line: BODY_LINE,
    column: 1,
    message: /image URL: `data:` URLs are not allowed/,
  },
  {
    name: 'reference definition to vbscript:',
    text: withBody('[y][x]\n\n[x]: VBScript:msgbox(1)\n'),
    line: BODY_LINE + 2,
    column: 1,
    message: /`vbscript:` URLs are not allowed/,
  },
  {
    name: 'protocol-relative link',
    text: withBody('[x](//evil.example/)\n'),
    line: BODY_LINE,
    column: 1,
    message: /protocol-relative URL.*write the full https: URL/,
  },
  {
    name: 'plain http: link',
    text: withBody('[x](http://example.com/)\n'),
    line: BODY_LINE,
    column: 1,
    message: /uses http:: use https: instead/,
  },
  {
    name: 'unknown component <Foo />',
    text: withBody('<Foo />\n'),
    line: BODY_LINE,
    column: 1,
    message: /<Foo> is not allowed.*only use Note, Aside/,
  },
  {
    name: '<toString /> (an inherited property name, not a component)',
    text: withBody('<toString />\n'),
    line: BODY_LINE,
    column: 1,
    message: /<toString> is not allowed/,
  },
  {
    name: 'unclosed flow collection in the frontmatter',
    text: withLine(17, '      Thanks.\nagenda: [a, b'),
    line: 19,
    column: 1,
    message: /not valid YAML: unexpected end of the stream within a flow collection/,
  },
  {
    name: 'lowercase <note> is not the component',
    text: withBody('<note>x</note>\n'),
    line: BODY_LINE,
    column: 1,
    message: /<note> is not allowed/,
  },
  {
    name: 'member expression <Note.Evil />',
    text: withBody('<Note.Evil />\n'),
    line: BODY_LINE,
    column: 1,
    message: /<Note\.Evil> is not allowed/,
  },
  {
    name: 'fragment <></>',
    text: withBody('<>x</>\n'),
    line: BODY_LINE,
    column: 1,
    message: /a fragment `<>` is not allowed/,
  },
  {
    name: '<Note> with an expression attribute',
    text: withBody('<Note title={process.env.HOME}>x</Note>\n'),
    line: BODY_LINE,
    column: 7,
    message:
      /attribute `title` is the JavaScript expression `\{process\.env\.HOME\}`: write a string literal/,
  },
  {
    name: '<Note onClick="x">',
    text: withBody('<Note onClick="x">x</Note>\n'),
    line: BODY_LINE,
    column: 7,
    message: /event handler attribute `onClick`.*remove it/,
  },
  {
    name: '<Note {...props}> spread attribute',
    text: withBody('<Note {...props}>x</Note>\n'),
    line: BODY_LINE,
    column: 7,
    message: /spread or expression attribute `\{\.\.\.props\}`.*name="text"/,
  },
  {
    name: '<Note class="x"> unknown attribute',
    text: withBody('<Note class="x">x</Note>\n'),
    line: BODY_LINE,
    column: 7,
    message: /<Note> has no attribute `class` \(it accepts: title\); remove it/,
  },
  {
    name: '<Note title> without a value',
    text: withBody('<Note title>x</Note>\n'),
    line: BODY_LINE,
    column: 7,
    message: /attribute `title` has no value: write title="text"/,
  },
  {
    name: '<Aside> without its title',
    text: withBody('<Aside>x</Aside>\n'),
    line: BODY_LINE,
    column: 1,
    message: /<Aside> needs a `title` attribute/,
  },
  {
    name: 'expression inside an allowed component',
    text: withBody('<Note title="a">\n  Home: {process.env.HOME}\n</Note>\n'),
    line: BODY_LINE + 1,
    column: 9,
    message: /JavaScript expression/,
  },
  {
    name: 'a transcript turn pasted into the body',
    text: withBody(
      '##### **Geohot** [[00:00:10](https://www.youtube.com/watch?v=x&t=10)]\nHello\n',
    ),
    line: BODY_LINE,
    column: 1,
    message: /transcript speaker line.*move transcript text into the frontmatter/,
  },
  {
    name: 'BOM',
    text: `\uFEFF${withBody('')}`,
    line: 1,
    column: 1,
    message: /byte order mark.*save it as UTF-8 without BOM/,
  },
  {
    name: 'lone CR',
    text: withBody('A note.\rMore.\n'),
    line: BODY_LINE,
    column: 8,
    message: /lone carriage return.*use LF/,
  },
  {
    name: 'NUL byte in a turn',
    text: withLine(11, '      Hello,\0 welcome.'),
    line: 11,
    column: 13,
    message: /NUL byte.*delete it/,
  },
  {
    name: 'empty file',
    text: '',
    line: 1,
    column: 1,
    message: /empty file: a meeting file starts with a line `---`/,
  },
  {
    name: 'no frontmatter',
    text: '# Notes\n\nJust a body.\n',
    line: 1,
    column: 1,
    message: /missing frontmatter.*re-import the meeting/,
  },
  {
    name: 'frontmatter never closed',
    text: HEAD.slice(0, -1).join('\n'),
    line: 1,
    column: 1,
    message: /never closed: add a line `---`/,
  },
  {
    name: 'closing line with text after ---',
    text: withLine(18, '--- notes'),
    line: 18,
    column: 4,
    message: /closing line must be `---` with nothing after it, found `--- notes`/,
  },
  {
    name: 'frontmatter that breaks YAML',
    text: withLine(3, 'title: [Weekly meeting'),
    line: 4,
    column: 1,
    message: /not valid YAML: .*fix the YAML/,
  },
  {
    name: 'duplicate YAML key',
    text: withLine(4, 'title: Again'),
    line: 4,
    column: 1,
    message: /not valid YAML: duplicated mapping key/,
  },
  {
    name: 'deeply nested YAML',
    text: withLine(3, `title: ${'['.repeat(5000)}`),
    line: 3,
    column: 107,
    message: /not valid YAML: nesting exceeded maxDepth/,
  },
  {
    name: 'frontmatter that is not a mapping',
    text: '---\n- a\n- b\n---\n',
    line: 2,
    column: 1,
    message: /\(frontmatter\): Invalid input: expected object, received array/,
  },
  {
    name: 'unquoted date read as a timestamp',
    text: withLine(4, 'date: 2025-04-14'),
    line: 4,
    column: 7,
    message: /^date: .*received Date.*quote it/,
  },
  {
    name: 'turn time that is not a number',
    text: withLine(15, '    t: twenty'),
    line: 15,
    column: 8,
    message: /^turns\.1\.t: Invalid input: expected number, received string; fix this value/,
  },
  {
    name: 'turn without its speaker',
    text: withLine(13, '    # the speaker line was deleted'),
    line: 12,
    column: 5,
    message: /^turns\.1\.speaker: .*add the missing field/,
  },
  {
    name: 'misspelt key in a hand edit',
    text: withLinesAfter(4, ['hightlights: []']),
    line: 5,
    column: 14,
    message: /^\(frontmatter\): Unrecognized key: "hightlights"/,
  },
  {
    name: 'duplicate turn ids',
    text: withLine(12, '  - id: geohot-000010'),
    line: 12,
    column: 9,
    message:
      /^turns\.1\.id: duplicate turn id "geohot-000010" \(first used by turns\.0 at line 6\).*"geohot-000010-1"/,
  },
  {
    name: 'highlight pointing at a missing turn',
    text: withLinesAfter(4, [
      'highlights:',
      '  - title: Scheduler',
      '    summary: Faster.',
      '    turn: geohot-000011',
      '    resolution: exact',
    ]),
    line: 8,
    column: 11,
    message:
      /^highlights\.0\.turn: no turn in this meeting has the id "geohot-000011": .*resolution: unresolved/,
  },
  {
    name: 'chapter pointing at a missing turn',
    text: withLinesAfter(4, [
      'chapters:',
      '  - t: 0',
      '    title: Intro',
      '    summary: Hello.',
      '    turn: nobody-000000',
    ]),
    line: 9,
    column: 11,
    message: /^chapters\.0\.turn: no turn in this meeting has the id "nobody-000000"/,
  },
];

describe('checkMeetingFile rejects bad files at the right place', () => {
  for (const c of BAD) {
    test(c.name, () => {
      const diagnostics = checkMeetingFile(FILE, c.text);
      assert.equal(diagnostics.length, 1, diagnostics.map(formatDiagnostic).join('\n'));
      const [d] = diagnostics as [Diagnostic];
      assert.deepEqual(
        { line: d.line, column: d.column, file: d.file, severity: d.severity },
        { line: c.line, column: c.column, file: FILE, severity: 'error' },
        formatDiagnostic(d),
      );
      assert.match(d.message, c.message);
    });
  }

  test('the catalogue holds at least 30 bad files', () => {
    assert.ok(BAD.length >= 30, `${BAD.length} cases`);
  });
});

describe('checkMeetingFile locates schema errors deep in the turns', () => {
  test('turns.1500.t points at its own line and column', () => {
    const lines = [
      '---',
      "id: '2025-04-14'",
      'title: Long meeting',
      "date: '2025-04-14'",
      'turns:',
    ];
    let badLine = 0;
    for (let i = 0; i < 2000; i++) {
      lines.push(`  - id: geohot-${i}`, '    speaker: Geohot', '    speakers: [geohot]');
      if (i === 1500) badLine = lines.length + 1;
      lines.push(i === 1500 ? '    t: "1:02:03"' : `    t: ${i}`, '    text: |-', '      Words.');
    }
    lines.push('---', '');
    const diagnostics = checkMeetingFile(FILE, lines.join('\n'));
    assert.equal(diagnostics.length, 1);
    assert.equal(
      formatDiagnostic(diagnostics[0]!).replace(/; fix.*/, ''),
      `${FILE}:${badLine}:8: error: turns.1500.t: Invalid input: expected number, received string`,
    );
    assert.equal(badLine, 6 + 1500 * 6 + 3);
  });

  test('many schema errors are capped with a count of the rest', () => {
    const lines = ['---', "id: '2025-04-14'", 'title: T', "date: '2025-04-14'", 'turns:'];
    for (let i = 0; i < 150; i++) {
      lines.push(
        `  - id: a-${i}`,
        '    speaker: A',
        '    speakers: []',
        '    t: -1',
        '    text: x',
      );
    }
    lines.push('---', '');
    const diagnostics = checkMeetingFile(FILE, lines.join('\n'));
    assert.equal(diagnostics.length, 101);
    assert.ok(diagnostics.some((d) => /50 more schema errors/.test(d.message)));
  });
});

describe('checkMeetingFile accepts good files', () => {
  const good: Array<[string, string]> = [
    ['a minimal valid record', withBody('')],
    [
      'a minimal record without turns text',
      '---\nid: consensus-talk\ntitle: T\ndate: null\nturns: []\n---\n',
    ],
    [
      'an editorial body with Note, Aside and plain markdown',
      withBody(
        [
          '## Editorial notes',
          '',
          '<Note title="Correction">',
          '  The bounty was **$1,000**, not *$100*; see [the PR](https://github.com/tinygrad/tinygrad/pull/1).',
          '</Note>',
          '',
          '<Aside title="Context">Mail [the team](mailto:hello@example.com), read [the intro](#geohot-000010) or [older notes](../2025-04-07/).</Aside>',
          '',
          'A list:',
          '',
          '- `code` and <Note>inline note</Note>',
          '- ![diagram](/images/diagram.png)',
          '',
          '> quoted',
          '',
          '```ts',
          'const braces = { not: "code that runs" };',
          '```',
          '',
          'A paragraph whose second line',
          'import s prose: only a paragraph-initial import is code.',
          '',
        ].join('\n'),
      ),
    ],
    [
      '&#123; is an entity, not an expression',
      withBody('Costs &#123; and &#125; and &lt;b&gt;.\n'),
    ],
    [
      'CRLF line endings',
      withBody('A note with [a link](https://example.com).\n').replace(/\n/g, '\r\n'),
    ],
    [
      'bidi control characters in YAML strings (they are data)',
      withLine(11, '      \u202Eevil\u202C \u2067isolate\u2069 \u200F'),
    ],
    ['an NFD speaker name (accepted as written)', withLine(13, `    speaker: ${'Jose\u0301'}`)],
    [
      'a speaker named "><svg onload=alert(1)>',
      withLine(13, `    speaker: '"><svg onload=alert(1)>'`),
    ],
    [
      'code-looking transcript text in YAML (it is data, not MDX)',
      withLine(
        11,
        "      {process.env.HOME} import fs from 'node:fs' <script>alert(1)</script> <!-- x --> {",
      ),
    ],
    ['deep nesting in the body', withBody(`${'<Note>'.repeat(1000)}x${'</Note>'.repeat(1000)}\n`)],
    ['a body of whitespace only', withBody('\n\n   \n')],
  ];
  for (const [name, text] of good) {
    test(name, () => {
      assert.deepEqual(checkMeetingFile(FILE, text).map(formatDiagnostic), []);
    });
  }

  test('a 2 MB line in a turn is accepted, fast', () => {
    const text = withLine(11, `      ${'word {x} <b> '.repeat(2_000_000 / 13)}`);
    assert.ok(text.length > 2_000_000);
    const started = performance.now();
    assert.deepEqual(checkMeetingFile(FILE, text), []);
    const ms = performance.now() - started;
    assert.ok(ms < 1000, `checking a 2 MB line took ${ms.toFixed(0)} ms`);
  });
});

describe('checkUrl', () => {
  test('allows https:, mailto:, relative and #fragment URLs', () => {
    for (const url of [
      'https://x.example/a?b#c',
      'MAILTO:a@b.c',
      '/a',
      '../b/',
      'c.html',
      '#t',
      '',
    ]) {
      assert.equal(checkUrl(url), undefined, url);
    }
  });
  test('rejects other schemes whatever their case or padding', () => {
    for (const url of [
      ' javascript:x',
      'JAVASCRIPT:x',
      'java\nscript:x',
      'data:x',
      'file:///etc/passwd',
      'ftp://x',
    ]) {
      assert.match(checkUrl(url) ?? '', /URLs are not allowed/, url);
    }
  });
});

describe('EDITORIAL_COMPONENTS', () => {
  test('admits Note and Aside with a title attribute only', () => {
    assert.deepEqual(Object.keys(EDITORIAL_COMPONENTS), ['Note', 'Aside']);
    assert.deepEqual(EDITORIAL_COMPONENTS['Aside']?.attributes, ['title']);
  });
});

describe('decodeSourceBytes', () => {
  test('locates the first invalid UTF-8 byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('---\nid: é'),
      Buffer.from([0xff]),
      Buffer.from('x\n'),
    ]);
    const result = decodeSourceBytes(FILE, bytes);
    assert.ok('diagnostic' in result);
    assert.equal(
      formatDiagnostic(result.diagnostic),
      `${FILE}:2:6: error: invalid UTF-8 (byte 0xFF at byte offset 10): save the file as UTF-8`,
    );
  });
  test('rejects overlong encodings and lone surrogates', () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      const result = decodeSourceBytes(FILE, Uint8Array.from([0x61, ...bad]));
      assert.ok('diagnostic' in result, String(bad));
      assert.equal(result.diagnostic.column, 2);
    }
  });
  test('keeps a BOM so the check can report it', () => {
    const result = decodeSourceBytes(FILE, Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]));
    assert.deepEqual(result, { text: '\uFEFFa' });
  });
});

describe('checkDataFile', () => {
  test('accepts valid speakers and topics', () => {
    const speakers = '- id: geohot\n  name: George Hotz\n  aliases: [Geohot]\n';
    assert.deepEqual(checkDataFile('content/speakers.yaml', speakers, speakersFileSchema), []);
    const topics = '- id: mlperf\n  name: MLPerf\n  description: Benchmarks.\n  terms: [mlperf]\n';
    assert.deepEqual(checkDataFile('content/topics.yaml', topics, topicsFileSchema), []);
  });
  test('reports schema errors and duplicate ids at their line', () => {
    const speakers =
      '- id: geohot\n  name: George\n- id: Geo Hot\n  name: G\n- id: geohot\n  name: Again\n';
    const messages = checkDataFile('content/speakers.yaml', speakers, speakersFileSchema).map(
      formatDiagnostic,
    );
    assert.equal(messages.length, 2);
    assert.match(messages[0]!, /^content\/speakers\.yaml:3:7: error: 1\.id: /);
    assert.match(
      messages[1]!,
      /^content\/speakers\.yaml:5:7: error: 2\.id: duplicate id "geohot" \(first at line 1\)/,
    );
  });
});

describe('node src/cli/check.ts', () => {
  const script = fileURLToPath(new URL('../../../src/cli/check.ts', import.meta.url));

  function runCheck(files: Record<string, string | Uint8Array>) {
    // An archive of its own whose content folder is the temporary folder, so the repository's
    // content/speakers.yaml and topics.yaml are not part of the run.
    const dir = mkdtempSync(join(tmpdir(), 'content-check-'));
    try {
      for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
      const config = readFileSync(fileURLToPath(new URL('../../../archive.yaml', import.meta.url)));
      writeFileSync(
        join(dir, 'archive.yaml'),
        `${config}\ncontent: .\n`.replace(/^content: content$/m, ''),
      );
      return spawnSync(process.execPath, [script], {
        cwd: dir,
        env: { ...process.env, MEETINGS_DIR: dir, ARCHIVE_CONFIG: join(dir, 'archive.yaml') },
        encoding: 'utf8',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('fails on a bad file, naming it with line:col, and not the good one', () => {
    const result = runCheck({
      '2025-04-14.mdx': withBody(''),
      '2025-04-21.mdx': withBody('{process.env.HOME}\n'),
    });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /2025-04-21\.mdx:19:1: error: `\{process\.env\.HOME\}`/);
    assert.doesNotMatch(result.stderr + result.stdout, /2025-04-14\.mdx/);
    assert.match(result.stderr, /^checked 2 files: 1 error \(\d+\.\d\d s\)$/m);
  });

  test('reports invalid UTF-8 with the line and column of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from(withBody('Caf')), Buffer.from([0xe9, 0x0a])]);
    const result = runCheck({ '2025-04-14.mdx': bytes });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /2025-04-14\.mdx:19:4: error: invalid UTF-8 \(byte 0xE9/);
  });

  test('passes a folder of good files', () => {
    const result = runCheck({ '2025-04-14.mdx': withBody(''), 'notes.txt': '{' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^checked 1 file: 0 errors \(\d+\.\d\d s\)$/m);
  });
});
