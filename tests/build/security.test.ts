/**
 * Security headers and what they rely on: every page carries the Content-Security-Policy of
 * src/lib/site/csp.ts as its first `<meta http-equiv>`, dist/_headers carries the same policy, and the
 * build emits nothing that policy would block or that could run inline: no inline scripts or
 * `<style>` elements, no `style=` attributes, no `on*` event handler attributes, no `javascript:`
 * URLs, and no embedded video (the site links out; nothing loads from another host).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse, type HTMLElement } from 'node-html-parser';
import { buildMetaPolicy, renderHeadersFile } from '../../src/lib/site/csp.ts';
import { fileForUrl, listPages, requireBuiltSite } from '../helpers/site.ts';

const dist = requireBuiltSite();
const pages = listPages();

function describeElement(el: HTMLElement): string {
  const attrs = Object.entries(el.attributes)
    .slice(0, 3)
    .map(([k, v]) => `${k}="${v.slice(0, 40)}"`)
    .join(' ');
  return `<${el.rawTagName}${attrs ? ' ' + attrs : ''}>`;
}

describe('security', () => {
  it('every page has the site policy as a meta tag before any script or stylesheet', () => {
    const policy = buildMetaPolicy();
    const bad: string[] = [];
    for (const page of pages) {
      const html = readFileSync(fileForUrl(page)!, 'utf8');
      const metas = [
        ...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/gi),
      ];
      if (metas.length !== 1) {
        bad.push(`${page}: ${metas.length} CSP meta tags (want 1)`);
        continue;
      }
      if (metas[0]![1]!.replace(/&#39;/g, "'") !== policy)
        bad.push(`${page}: CSP meta differs from src/lib/site/csp.ts`);
      const first = html.search(/<(script|link rel="stylesheet"|style)\b/);
      if (first !== -1 && first < metas[0]!.index)
        bad.push(`${page}: a script or stylesheet comes before the CSP meta`);
    }
    assert.deepEqual(bad.slice(0, 30), [], `${bad.length} page(s) without the right CSP`);
  });

  it('dist/_headers carries the same policy for hosts that read it', () => {
    assert.equal(readFileSync(path.join(dist, '_headers'), 'utf8'), renderHeadersFile());
  });

  it('no inline script, inline style, event handler attribute, javascript: URL or embed', () => {
    const bad: string[] = [];
    let elements = 0;
    for (const page of pages) {
      const root = parse(readFileSync(fileForUrl(page)!, 'utf8'));
      for (const el of root.querySelectorAll('*')) {
        elements++;
        const tag = el.tagName.toLowerCase();
        if (
          tag === 'script' &&
          !el.hasAttribute('src') &&
          el.getAttribute('type') !== 'application/ld+json'
        ) {
          bad.push(`${page}: inline script ${describeElement(el)}`);
        }
        if (tag === 'style') bad.push(`${page}: inline <style> element`);
        if (['iframe', 'video', 'audio', 'embed', 'object', 'frame'].includes(tag)) {
          bad.push(`${page}: embedded ${describeElement(el)} (link out instead)`);
        }
        for (const [name, value] of Object.entries(el.attributes)) {
          const n = name.toLowerCase();
          if (n === 'style') bad.push(`${page}: style attribute on ${describeElement(el)}`);
          if (/^on/.test(n))
            bad.push(`${page}: event handler attribute ${n} on ${describeElement(el)}`);
          if (
            ['href', 'src', 'action', 'formaction'].includes(n) &&
            /^\s*javascript:/i.test(value)
          ) {
            bad.push(`${page}: javascript: URL on ${describeElement(el)}`);
          }
        }
      }
    }
    console.log(
      `security: ${elements.toLocaleString('en')} elements on ${pages.length} pages checked`,
    );
    assert.deepEqual(bad.slice(0, 30), [], `${bad.length} inline or embedded thing(s) found`);
  });
});
