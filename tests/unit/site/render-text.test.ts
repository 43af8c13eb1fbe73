import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highlightCode } from '../../../src/lib/site/highlight-code.ts';
import { parsePlainText, toPlainText } from '../../../src/lib/site/inline-markdown.ts';
import { parseInline, renderInline } from '../../../src/lib/site/render-text.ts';

describe('renderInline', () => {
  it('gives plain text what the parser gives, without running it', () => {
    for (const text of [
      'plain words, "quoted" > and = + - # $ % ^ { } | ; ?',
      'two\nlines',
      'trailing  \nbreak',
      ' lead\n  indented',
      '\nstarts with a break',
      'ends with a break\n',
      'tab\tand\u00a0nbsp',
      'crlf\r\nline',
      'nul \u0000 char',
      'AT&amp;T &#35; R&D',
      'a\\b',
      'see https://tinygrad.org now',
      'a_b *c* `d` [e](https://x.org) <f> &amp; ~g~ !h https://x.org',
    ]) {
      assert.equal(renderInline(text), parseInline(text), JSON.stringify(text));
      assert.equal(toPlainText(text), parsePlainText(text), JSON.stringify(text));
    }
  });

  it('keeps inline markdown: code spans, emphasis, https links', () => {
    const html = renderInline('a `x` *b* [c](https://github.com/tinygrad/tinygrad?a=1&b=2)');
    assert.match(html, /<code>x<\/code>/);
    assert.match(html, /<em>b<\/em>/);
    assert.match(
      html,
      /<a href="https:\/\/github\.com\/tinygrad\/tinygrad\?a=1&amp;b=2" rel="nofollow noopener">c<\/a>/,
    );
  });

  it('escapes raw HTML and leaves MDX syntax as text', () => {
    const html = renderInline(
      '<script>alert(1)</script> <img src=x onerror=alert(1)> {process.env.HOME} <!-- -->',
    );
    assert.equal(html.includes('<script'), false);
    assert.equal(html.includes('<img'), false);
    assert.match(html, /&lt;script&gt;/);
    assert.match(html, /\{process\.env\.HOME\}/);
    assert.match(html, /&lt;!-- --&gt;/);
  });

  it('turns only https URLs into links', () => {
    for (const bad of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](javascript&#58;alert(1))',
      '[x](&#x6A;avascript:alert(1))',
      '[x](data:text/html,hi)',
      '[x](http://plain.example)',
      '<javascript:alert(1)>',
    ]) {
      assert.equal(/<a /.test(renderInline(bad)), false, bad);
    }
    assert.match(
      renderInline('see https://x.com/__tinygrad__'),
      /<a href="https:\/\/x\.com\/__tinygrad__"/,
    );
  });

  it('keeps block syntax at the start of a line as literal speech', () => {
    const html = renderInline('# not a heading\n- not a list\n> not a quote\n1. not ordered');
    assert.equal(/<(h\d|ul|ol|li|blockquote)/.test(html), false);
    assert.match(html, /# not a heading/);
  });
});

describe('highlightCode', () => {
  it('marks Python tokens with classes, never inline styles', () => {
    const html = highlightCode('x.shape == 1 and "s"');
    assert.match(html, /<span class="k-keyword">and<\/span>/);
    assert.match(html, /<span class="k-constant">1<\/span>/);
    assert.equal(html.includes('style='), false);
  });

  it('escapes code', () => {
    assert.equal(highlightCode('<b>').includes('<b>'), false);
  });
});
