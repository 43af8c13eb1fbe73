/**
 * Words stay apart: the build's HTML compression drops a line break between text and an element
 * written on the next line, so "the\n<a>tinygrad</a>" would read "thetinygrad". These sentences
 * span such places; each must read with its spaces.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPage } from '../helpers/site.ts';

const text = (url: string, selector: string): string =>
  readPage(url).querySelector(selector)!.textContent.replace(/\s+/g, ' ').trim();

describe('text keeps its spaces next to links and inline elements', () => {
  it('footer, home, 404, search help and a topic page', () => {
    assert.match(text('/', 'footer'), /archive of the tinygrad weekly meetings\./);
    assert.match(text('/', 'main .meta'), /Newest first\. RSS feed\./);
    assert.match(text('/404.html', 'main'), /look like \/meetings\/2025-04-14\/#geohot-000010\./);
    assert.match(text('/search/', '.search-help'), /↓ ↑ move, Enter open, Esc clear\./);
    // noscript content is raw text to the parser: check the markup keeps the space
    assert.match(text('/search/', 'noscript'), /listed on the <a href="\/">meetings index<\/a>/);
    assert.match(text('/topics/driver/', 'main'), /Discussed in \d+ meetings, last on /);
    assert.match(text('/topics/driver/', 'main'), /\d+ turns mention it\. Words that mean it: /);
  });
});
