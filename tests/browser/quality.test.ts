/**
 * Browser quality gates, in Chromium, on one page of every kind (home, a meeting, the largest
 * meeting, a topic, a speaker, search with results, 404), served with the site's own `_headers`:
 * - accessibility: axe-core, WCAG 2.0/2.1/2.2 A and AA tags, light and dark, zero violations;
 * - privacy: no request to any other host; security: zero CSP violations and console errors;
 * - keyboard: a working skip link; every interactive element reachable by Tab, with a visible
 *   focus indicator (its outline or box-shadow differs from the unfocused state);
 * - print: a meeting prints without navigation, in dark text on paper.
 * Failures name the page, the scheme and the element.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  findBrowserSkipReason,
  launchBrowser,
  startStaticServer,
  type StaticServer,
} from '../helpers/browser.ts';
import { listPages, readMeetingRecords, requireBuiltSite } from '../helpers/site.ts';

const skip = findBrowserSkipReason();
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const schemes = ['light', 'dark'] as const;

/** One page of every kind; `ready` waits for what scripts add (search results). */
interface PageKind {
  name: string;
  path: string;
  ready?: (page: Page) => Promise<void>;
}

function choosePages(): PageKind[] {
  const meetings = readMeetingRecords();
  const largest = [...meetings].sort((a, b) => b.turns.length - a.turns.length)[0]!;
  const pages = listPages();
  const first = (prefix: string) =>
    pages.find((p) => p.startsWith(prefix) && p !== prefix && p.split('/').length === 4)!;
  const speaker = pages.includes('/speakers/geohot/') ? '/speakers/geohot/' : first('/speakers/');
  return [
    { name: 'home', path: '/' },
    { name: 'meeting', path: '/meetings/2025-04-14/' },
    {
      name: `largest meeting (${largest.id}, ${largest.turns.length} turns)`,
      path: `/meetings/${largest.id}/`,
    },
    { name: 'topic', path: first('/topics/') },
    { name: 'speaker', path: speaker },
    {
      name: 'search with results',
      path: '/search/?q=tinybox',
      ready: async (page) => {
        await page.waitForSelector('#search-results a.hit-link', { timeout: 15000 });
      },
    },
    { name: '404', path: '/no-such-page/' },
  ];
}

/** Page-side state of the keyboard test. */
interface FocusWindow {
  __focusables: HTMLElement[];
  __focusStyles: string[];
  __describeFocus: (el: Element) => { visible: boolean; signature: string };
}

/** What went wrong while a page loaded and ran: other hosts, CSP violations, console errors. */
interface PageProblems {
  foreignRequests: string[];
  cspViolations: string[];
  consoleErrors: string[];
}

describe('site quality in Chromium', { skip, timeout: 600_000 }, () => {
  let browser: Browser;
  let server: StaticServer;
  const kinds = skip ? [] : choosePages();

  before(async () => {
    server = await startStaticServer(requireBuiltSite());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens `kind` in a fresh context with `scheme`, recording requests, CSP and console errors. */
  async function openPage(
    kind: PageKind,
    scheme: 'light' | 'dark',
    options: { width?: number } = {},
  ): Promise<{ page: Page; problems: PageProblems; close: () => Promise<void> }> {
    const context = await browser.newContext({
      colorScheme: scheme,
      viewport: { width: options.width ?? 1280, height: 800 },
    });
    const problems: PageProblems = { foreignRequests: [], cspViolations: [], consoleErrors: [] };
    const origin = new URL(server.url).origin;
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin + '/') && !url.startsWith('data:'))
        problems.foreignRequests.push(url);
    });
    // Reported from the page itself; the init script runs through the DevTools protocol, which the
    // page's CSP does not govern.
    await context.exposeFunction('__reportCsp', (text: string) =>
      problems.cspViolations.push(text),
    );
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(
          `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
        );
      });
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 404/.test(m.text()))
        problems.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => problems.consoleErrors.push(`uncaught: ${e.message}`));
    await page.goto(new URL(kind.path.slice(1), server.url).href, { waitUntil: 'load' });
    await kind.ready?.(page);
    return { page, problems, close: () => context.close() };
  }

  function assertNoProblems(label: string, problems: PageProblems): void {
    assert.deepEqual(problems.foreignRequests, [], `${label}: requests to other hosts`);
    assert.deepEqual(problems.cspViolations, [], `${label}: Content-Security-Policy violations`);
    assert.deepEqual(problems.consoleErrors, [], `${label}: console errors`);
  }

  for (const scheme of schemes) {
    it(`axe-core finds no WCAG 2.2 A/AA violation on any page kind (${scheme}); no foreign request, no CSP violation`, async () => {
      const failures: string[] = [];
      for (const kind of kinds) {
        const started = performance.now();
        const { page, problems, close } = await openPage(kind, scheme);
        await page.evaluate(axeSource);
        const result = (await page.evaluate(
          (tags) =>
            (
              window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }
            ).axe.run(document, {
              runOnly: { type: 'tag', values: tags },
              resultTypes: ['violations'],
            }),
          axeTags,
        )) as {
          violations: {
            id: string;
            help: string;
            nodes: { target: string[]; failureSummary?: string }[];
          }[];
        };
        for (const v of result.violations) {
          for (const node of v.nodes.slice(0, 5)) {
            failures.push(
              `${kind.name} ${kind.path} (${scheme}): ${v.id}: ${v.help}: ${node.target.join(' ')} ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
            );
          }
          if (v.nodes.length > 5)
            failures.push(`  ... and ${v.nodes.length - 5} more ${v.id} on ${kind.path}`);
        }
        assertNoProblems(`${kind.name} ${kind.path} (${scheme})`, problems);
        console.log(
          `axe: ${kind.name} ${kind.path} (${scheme}): ${result.violations.length} violation kinds in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
        await close();
      }
      assert.deepEqual(failures, [], `${failures.length} accessibility violation(s)`);
    });
  }

  it('a skip link is the first Tab stop, visible, and moves focus to the content', async () => {
    for (const kind of kinds) {
      const { page, close } = await openPage(kind, 'light');
      await page.keyboard.press('Tab');
      const skipLink = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const r = el.getBoundingClientRect();
        return {
          href: el.getAttribute('href'),
          text: el.textContent,
          top: r.top,
          height: r.height,
        };
      });
      assert.equal(
        skipLink.href,
        '#main',
        `${kind.path}: the first Tab stop is the skip link (got ${JSON.stringify(skipLink)})`,
      );
      assert.ok(
        skipLink.top >= 0 && skipLink.height > 0,
        `${kind.path}: the focused skip link is on screen`,
      );
      await page.keyboard.press('Enter');
      const focused = await page.evaluate(() => document.activeElement?.id);
      assert.equal(focused, 'main', `${kind.path}: Enter on the skip link focuses <main>`);
      await page.keyboard.press('Tab');
      const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
      assert.ok(inMain, `${kind.path}: the next Tab stop after skipping is inside <main>`);
      await close();
    }
  });

  it('every interactive element is reachable by Tab and shows a visible focus indicator', async () => {
    // Pages with thousands of links: tab through the first stops and rely on DOM order for the
    // rest (checked below: no positive tabindex, so Tab order is document order).
    const maxStops = 300;
    const failures: string[] = [];
    for (const kind of kinds) {
      const { page, close } = await openPage(kind, 'light');
      const expected = await page.evaluate(() => {
        const all = [
          ...document.querySelectorAll<HTMLElement>(
            'a[href], button, input, select, textarea, summary, [tabindex]',
          ),
        ];
        const w = window as unknown as FocusWindow;
        w.__focusables = all.filter((el) => {
          if (el.matches(':disabled') || el.closest('[hidden], [inert]')) return false;
          if (el.tabIndex < 0) return false;
          const style = getComputedStyle(el);
          return (
            style.visibility !== 'hidden' &&
            style.display !== 'none' &&
            el.getClientRects().length > 0
          );
        });
        w.__focusStyles = [];
        // What can show focus: the element's outline or shadow, or (SVG links of the speaker
        // strip) the stroke of the shape inside it.
        w.__describeFocus = (el) => {
          const s = getComputedStyle(el);
          const child = el.firstElementChild ? getComputedStyle(el.firstElementChild) : undefined;
          const visible =
            (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) ||
            s.boxShadow !== 'none' ||
            (el instanceof SVGElement &&
              !!child &&
              child.stroke !== 'none' &&
              parseFloat(child.strokeWidth) >= 2);
          const signature = [
            s.outlineStyle,
            s.outlineWidth,
            s.outlineColor,
            s.boxShadow,
            child?.stroke,
            child?.strokeWidth,
          ].join(' ');
          return { visible, signature };
        };
        return {
          count: w.__focusables.length,
          positive: all.filter((el) => el.tabIndex > 0).map((el) => el.outerHTML.slice(0, 80)),
        };
      });
      assert.deepEqual(expected.positive, [], `${kind.path}: no positive tabindex`);
      const stops = Math.min(expected.count, maxStops);
      for (let i = 0; i < stops; i++) {
        await page.keyboard.press('Tab');
        const state = await page.evaluate((index) => {
          const w = window as unknown as FocusWindow;
          const el = document.activeElement as HTMLElement;
          const want = w.__focusables[index]!;
          const r = el.getBoundingClientRect();
          const focus = w.__describeFocus(el);
          w.__focusStyles[index] = focus.signature;
          return {
            same: el === want,
            got: el.outerHTML.slice(0, 100),
            want: want.outerHTML.slice(0, 100),
            onScreen: r.bottom > 0 && r.top < window.innerHeight && r.width > 0,
            visible: focus.visible,
          };
        }, i);
        if (!state.same) {
          failures.push(`${kind.path}: Tab stop ${i + 1} is ${state.got}, expected ${state.want}`);
          break;
        }
        if (!state.visible) failures.push(`${kind.path}: no focus indicator on ${state.got}`);
        if (!state.onScreen)
          failures.push(`${kind.path}: focused element off screen: ${state.got}`);
      }
      // The same elements, unfocused: the indicator must be something focus adds.
      const unchanged = await page.evaluate((n) => {
        (document.activeElement as HTMLElement | null)?.blur();
        const w = window as unknown as FocusWindow;
        const out: string[] = [];
        for (let i = 0; i < n; i++) {
          const el = w.__focusables[i]!;
          if (w.__describeFocus(el).signature === w.__focusStyles[i]) {
            out.push(el.outerHTML.slice(0, 100));
          }
        }
        return out;
      }, stops);
      for (const el of unchanged.slice(0, 10))
        failures.push(`${kind.path}: focus changes nothing visible on ${el}`);
      console.log(`keyboard: ${kind.path}: ${stops} of ${expected.count} Tab stops walked`);
      await close();
    }
    assert.deepEqual(failures.slice(0, 40), [], `${failures.length} keyboard problem(s)`);
  });

  it('searching by typing runs without CSP violations, console errors or foreign requests', async () => {
    const kind = kinds.find((k) => k.path.startsWith('/search/'))!;
    const { page, problems, close } = await openPage({ name: 'search', path: '/search/' }, 'light');
    await page.fill('#search-q', 'flash attention');
    await page.waitForSelector('#search-results a.hit-link', { timeout: 15000 });
    assertNoProblems(`${kind.path} typing`, problems);
    await close();
  });

  for (const scheme of schemes) {
    it(`a meeting prints readably without navigation (${scheme} scheme)`, async () => {
      const { page, close } = await openPage(
        { name: 'meeting', path: '/meetings/2025-04-14/' },
        scheme,
      );
      await page.emulateMedia({ media: 'print' });
      const state = await page.evaluate(() => {
        const shown = (sel: string) => {
          const el = document.querySelector(sel);
          return !!el && getComputedStyle(el).display !== 'none';
        };
        const turn = document.querySelector('.turn p') ?? document.querySelector('.turn')!;
        return {
          header: shown('header.site'),
          footer: shown('footer.site'),
          pager: shown('.pager'),
          transcript: shown('section.transcript'),
          color: getComputedStyle(turn).color,
          fontSize: parseFloat(getComputedStyle(turn).fontSize),
        };
      });
      assert.equal(state.header, false, 'the site header is not printed');
      assert.equal(state.footer, false, 'the footer is not printed');
      assert.equal(state.pager, false, 'previous/next links are not printed');
      assert.equal(state.transcript, true, 'the transcript is printed');
      const [r, g, b] = state.color.match(/\d+/g)!.map(Number);
      assert.ok(r! + g! + b! < 200, `turn text prints dark on paper (got ${state.color})`);
      assert.ok(state.fontSize >= 10, `turn text is at least 10 px (got ${state.fontSize})`);
      const pdf = await page.pdf({ format: 'A4' });
      assert.equal(pdf.subarray(0, 4).toString(), '%PDF', 'the page prints to PDF');
      await close();
    });
  }
});
