/**
 * Browser tests of the player, the turn menu and the turn keys on meeting pages, offline: the
 * YouTube embed is a stand-in served by page routing that speaks the IFrame API's postMessage
 * protocol (`listening`, `command`, `infoDelivery`) and reports a time the test sets.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import {
  findBrowserSkipReason,
  launchBrowser,
  startStaticServer,
  type StaticServer,
} from '../helpers/browser.ts';
import { readMeetingRecords, requireBuiltSite } from '../helpers/site.ts';

const skip = findBrowserSkipReason();
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** The stand-in player: answers `listening`, obeys `seekTo`, reports `window.setTime(s)`. */
const standInPlayer = `<!doctype html><html lang="en"><title>Stand-in player</title><body><p>video</p><script>
let time = Number(new URL(location.href).searchParams.get('start')) || 0;
let listening = false;
window.commands = [];
const report = () => listening && parent.postMessage(JSON.stringify({ event: 'infoDelivery', info: { currentTime: time } }), '*');
window.setTime = (s) => { time = s; report(); };
addEventListener('message', (e) => {
  const d = JSON.parse(e.data);
  if (d.event === 'listening') { listening = true; report(); }
  if (d.event === 'command') { window.commands.push([d.func, ...d.args]); if (d.func === 'seekTo') window.setTime(d.args[0]); }
});
</script></body></html>`;

describe('player, turn menu and turn keys in Chromium', { skip, timeout: 300_000 }, () => {
  let browser: Browser;
  let server: StaticServer;
  const meetings = skip ? [] : readMeetingRecords();
  const meeting = meetings.find((m) => m.id === '2025-04-14')!;

  before(async () => {
    server = await startStaticServer(requireBuiltSite());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh page with the stand-in player routed in; `foreign` collects other hosts' requests. */
  async function open(
    path: string,
    options: { width?: number; scheme?: 'light' | 'dark' } = {},
  ): Promise<{ page: Page; context: BrowserContext; foreign: string[]; local: string[] }> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: 800 },
      colorScheme: options.scheme ?? 'light',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const origin = new URL(server.url).origin;
    const foreign: string[] = [];
    const local: string[] = [];
    context.on('request', (r) => (r.url().startsWith(origin) ? local : foreign).push(r.url()));
    await context.route('https://www.youtube-nocookie.com/embed/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: standInPlayer }),
    );
    await context.route(/^https:\/\/(?!www\.youtube-nocookie\.com\/)/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(new URL(path.slice(1), server.url).href, { waitUntil: 'load' });
    return { page, context, foreign, local };
  }

  const player = async (page: Page): Promise<Frame> => {
    await page.waitForSelector('iframe[src*="youtube-nocookie.com/embed/"]');
    for (let i = 0; i < 50; i++) {
      const frame = page.frames().find((f) => f.url().includes('youtube-nocookie.com/embed/'));
      if (frame && (await frame.evaluate(() => document.readyState === 'complete'))) return frame;
      await page.waitForTimeout(100);
    }
    throw new Error('no player frame');
  };
  const current = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('[aria-current="true"]')].map(
        (el) => el.querySelector(':scope > [id]')?.id,
      ),
    );

  it('loads nothing from another host until a time link plays the video in the page', async () => {
    const { page, context, foreign, local } = await open(`/meetings/${meeting.id}/`);
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(300);
    assert.ok(
      !local.some((u) => /turn-actions/.test(u)),
      'the player code is not fetched before it is used',
    );
    await page.keyboard.press('j');
    await page.click('.highlights a[href^="#"]');
    await page.waitForTimeout(300);
    assert.deepEqual(foreign, [], 'no request to another host before a time link is used');
    const turn = meeting.turns[5]!;
    const url = page.url();
    await page.click(`[id="${turn.id}"] a.ts`);
    const frame = await player(page);
    assert.equal(page.url(), url, 'the page stays where it is');
    const src = await page.getAttribute('iframe', 'src');
    const embed = new URL(src!);
    assert.equal(
      embed.origin + embed.pathname,
      `https://www.youtube-nocookie.com/embed/${meeting.youtube}`,
    );
    assert.equal(embed.searchParams.get('start'), String(turn.t), "it starts at the turn's second");
    assert.deepEqual(
      [...new Set(foreign.map((u) => new URL(u).host))],
      ['www.youtube-nocookie.com'],
      'the only other host is the embed',
    );
    await page.waitForFunction(
      (id) =>
        document.getElementById(id)?.closest('.turn')?.getAttribute('aria-current') === 'true',
      turn.id,
    );

    // Following along: the turn being spoken is marked as the player reports its time.
    for (const k of [20, 60, 21]) {
      const target = meeting.turns[k]!;
      const next = meeting.turns[k + 1]!;
      const at = target.t + Math.max(0, Math.floor((next.t - target.t) / 2));
      await frame.evaluate(
        (s) => (window as unknown as { setTime: (s: number) => void }).setTime(s),
        at,
      );
      await page.waitForFunction(
        (id) =>
          document.getElementById(id)?.closest('.turn')?.getAttribute('aria-current') === 'true',
        target.id,
      );
      assert.deepEqual(await current(page), [target.id], `only ${target.id} is marked at ${at} s`);
      const placement = await page.evaluate((id) => {
        const heading = document.getElementById(id)!.getBoundingClientRect();
        return {
          top: heading.top,
          bottom: heading.bottom,
          dock: document.querySelector('.player')!.getBoundingClientRect().top,
        };
      }, target.id);
      assert.ok(
        placement.top >= 0 && placement.bottom <= placement.dock,
        `follow keeps ${target.id} in view: ${JSON.stringify(placement)}`,
      );
    }

    // Another turn's time link seeks the open player.
    const other = meeting.turns[40]!;
    await page.click(`[id="${other.id}"] a.ts`);
    await page.waitForFunction(
      (id) =>
        document.getElementById(id)?.closest('.turn')?.getAttribute('aria-current') === 'true',
      other.id,
    );
    const commands = await frame.evaluate(
      () => (window as unknown as { commands: unknown[] }).commands,
    );
    assert.deepEqual(commands.slice(-2), [['seekTo', other.t, true], ['playVideo']]);
    assert.equal(await page.locator('iframe').count(), 1, 'still one player');

    // Escape closes it; focus returns to the link that played.
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.player').count(), 0, 'Escape closes the player');
    assert.deepEqual(await current(page), [], 'no turn is marked once closed');
    assert.equal(
      await page.evaluate(
        () => document.activeElement?.closest('.turn')?.querySelector(':scope > [id]')?.id,
      ),
      other.id,
    );
    await context.close();
  });

  it('keeps Ctrl/Cmd-click and Drive recordings as links out', async () => {
    const { page, context } = await open(`/meetings/${meeting.id}/`);
    const prevented = await page.evaluate(() => {
      const link = document.querySelector<HTMLAnchorElement>('.turn a.ts')!;
      let result = true;
      addEventListener('click', (e) => ((result = e.defaultPrevented), e.preventDefault()), {
        once: true,
      });
      link.dispatchEvent(
        new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }),
      );
      return result;
    });
    assert.equal(prevented, false, 'a Ctrl-click is left to the browser');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('iframe').count(), 0, 'and opens no player');
    await context.close();
    const drive = meetings.find((m) => !m.youtube && m.recording);
    if (drive) {
      const { page: p, context: c } = await open(`/meetings/${drive.id}/`);
      assert.equal(await p.locator('.turn a.ts').count(), 0, `${drive.id}: times are not links`);
      assert.equal(
        await p.locator(`a[href="${drive.recording}"]`).count(),
        1,
        'the recording is linked',
      );
      await c.close();
    }
  });

  it('closes from the keyboard and docks above the playing turn on a 360 px screen', async () => {
    const { page, context } = await open(`/meetings/${meeting.id}/`, { width: 360 });
    const turn = meeting.turns[30]!;
    await page.focus(`[id="${turn.id}"] a.ts`);
    await page.keyboard.press('Enter');
    await player(page);
    const state = await page.evaluate((id) => {
      const heading = document.getElementById(id)!.getBoundingClientRect();
      const dock = document.querySelector('.player')!.getBoundingClientRect();
      return { top: heading.top, bottom: heading.bottom, dockTop: dock.top, dockWidth: dock.width };
    }, turn.id);
    assert.ok(state.dockWidth <= 360, 'the player fits the screen');
    assert.ok(
      state.top >= 0 && state.bottom <= state.dockTop,
      `the playing turn is above the player: ${JSON.stringify(state)}`,
    );
    await page.getByRole('button', { name: 'Close player' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.player').count(), 0, 'the Close button closes it');
    await context.close();
  });

  it('copies a turn permalink, and with the player open a link that offers to play from there', async () => {
    const { page, context, foreign } = await open(`/meetings/${meeting.id}/`);
    const turn = meeting.turns[12]!;
    const canonical = await page.getAttribute('link[rel="canonical"]', 'href');
    await page.click(`[id="${turn.id}"] a.pl`);
    await page.waitForSelector('.turn-menu button');
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      'Copy link',
      'focus is on the menu',
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[role="status"]')?.textContent !== '');
    assert.equal(
      await page.evaluate(() => navigator.clipboard.readText()),
      `${canonical}#${turn.id}`,
    );
    assert.match((await page.textContent('[role="status"]'))!, /copied/i);
    const source = await page.waitForSelector('.turn-menu a');
    const json = JSON.parse(
      readFileSync(`${requireBuiltSite()}/meetings/${meeting.id}/turns.json`, 'utf8'),
    );
    assert.equal(
      await source.getAttribute('href'),
      `${json.source}#L${turn.line}`,
      'view source at the line',
    );
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.turn-menu').count(), 0, 'Escape closes the menu');

    await page.click(`[id="${turn.id}"] a.ts`);
    const frame = await player(page);
    const later = meeting.turns[14]!;
    await frame.evaluate(
      (s) => (window as unknown as { setTime: (s: number) => void }).setTime(s),
      later.t,
    );
    await page.waitForFunction(
      (id) =>
        document.getElementById(id)?.closest('.turn')?.getAttribute('aria-current') === 'true',
      later.id,
    );
    await page.click('.player >> text=Copy link to this moment');
    await page.waitForFunction(() =>
      /copied/.test(document.querySelector('[role="status"]')?.textContent ?? ''),
    );
    const moment = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(moment, `${canonical}?t=${later.t}#${later.id}`);

    // The shared moment reopens at the turn and offers to play; nothing loads until asked.
    const shared = new URL(moment);
    const reopened = await open(`/meetings/${meeting.id}/${shared.search}${shared.hash}`);
    const button = await reopened.page.waitForSelector('button.play-from');
    const label = `Play from ${Math.floor(later.t / 60)}:${String(later.t % 60).padStart(2, '0')}`;
    assert.equal(await button.textContent(), label);
    assert.equal(await reopened.page.locator('iframe').count(), 0, 'no autoplay');
    assert.deepEqual(reopened.foreign, []);
    await button.click();
    await player(reopened.page);
    assert.equal(
      new URL((await reopened.page.getAttribute('iframe', 'src'))!).searchParams.get('start'),
      String(later.t),
    );
    await reopened.context.close();
    assert.ok(foreign.every((u) => u.startsWith('https://www.youtube-nocookie.com/')));
    await context.close();
  });

  it('j/k move between turns and n/p between highlighted turns, not while typing', async () => {
    const { page, context } = await open(`/meetings/${meeting.id}/`);
    const at = () =>
      page.evaluate(() => ({
        hash: location.hash.slice(1),
        focused: document.activeElement?.id,
        top: document.activeElement?.getBoundingClientRect().top ?? -1,
      }));
    const ids = meeting.turns.map((t) => t.id);
    await page.keyboard.press('j');
    // The first key fetches the code that moves; the next ones run at once.
    await page.waitForFunction(() => location.hash !== '');
    assert.deepEqual((await at()).hash, ids[0]);
    await page.keyboard.press('j');
    const second = await at();
    assert.equal(second.hash, ids[1]);
    assert.equal(second.focused, ids[1], 'focus moves to the turn');
    assert.ok(
      second.top >= 0 && second.top < 200,
      `the turn is at the top of the view (${second.top})`,
    );
    await page.keyboard.press('k');
    assert.equal((await at()).hash, ids[0]);
    const highlighted = [
      ...new Set(meeting.highlights.flatMap((h) => (h.turn ? [h.turn] : []))),
    ].sort((a, b) => ids.indexOf(a) - ids.indexOf(b));
    await page.keyboard.press('n');
    assert.equal(
      (await at()).hash,
      highlighted.find((id) => ids.indexOf(id) > 0),
    );
    await page.keyboard.press('n');
    const secondHighlight = highlighted.filter((id) => ids.indexOf(id) > 0)[1];
    assert.equal((await at()).hash, secondHighlight);
    await page.keyboard.press('p');
    assert.equal(
      (await at()).hash,
      highlighted.find((id) => ids.indexOf(id) > 0),
    );
    const before = (await at()).hash;
    await page.focus('#site-search');
    await page.keyboard.type('jknp');
    assert.equal(await page.inputValue('#site-search'), 'jknp', 'keys type into the search box');
    assert.equal((await at()).hash, before, 'and do not move');
    await context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe-core finds no violation with the player and a turn menu open (${scheme})`, async () => {
      const { page, context } = await open(`/meetings/${meeting.id}/`, { scheme });
      const turn = meeting.turns[8]!;
      await page.click(`[id="${turn.id}"] a.ts`);
      await player(page);
      await page.click(`[id="${turn.id}"] a.pl`);
      await page.waitForSelector('.turn-menu a');
      await page.evaluate(axeSource);
      const result = (await page.evaluate(() =>
        (
          window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }
        ).axe.run(document, {
          runOnly: {
            type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'],
          },
          resultTypes: ['violations'],
          iframes: false,
        }),
      )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
      const failures = result.violations.flatMap((v) =>
        v.nodes.slice(0, 3).map((n) => `${v.id}: ${n.target.join(' ')}`),
      );
      assert.deepEqual(failures, [], `${scheme}: accessibility violations`);
      await context.close();
    });
  }
});
