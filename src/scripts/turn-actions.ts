/**
 * The video player docked in a meeting page, and each turn's menu; loaded by turn-tools.ts on
 * first use. The player is YouTube's privacy-enhanced embed, driven with the IFrame API's
 * postMessage protocol directly (no script from YouTube): `listening` subscribes to
 * `infoDelivery` messages carrying `currentTime`; `command` messages seek and play.
 */
import type { TurnsJson } from '../lib/site/turns-json.ts';
// A URL rather than a CSS import: Astro would link an imported stylesheet from every meeting page.
import stylesheet from './turn-actions.css?url';

const PLAYER_ORIGIN = 'https://www.youtube-nocookie.com';

interface TurnTime {
  el: HTMLElement;
  id: string;
  t: number;
}

interface Player {
  root: HTMLElement;
  frame: HTMLIFrameElement;
  follow: HTMLButtonElement;
  opener: HTMLElement | null;
  /** The last second the player reported (or was sent to). */
  time: number;
  current?: TurnTime | undefined;
  listening?: number;
}

let player: Player | undefined;
let openMenu: { menu: HTMLElement; link: HTMLAnchorElement } | undefined;
let turnsJson: Promise<TurnsJson | undefined> | undefined;

/**
 * Every turn with its id (its heading's, src/lib/site/transcript-html.ts) and its second (from
 * its video link), in transcript order.
 */
const times: TurnTime[] = [
  ...document.querySelectorAll<HTMLElement>('section.transcript .turn'),
].flatMap((el) => {
  const id = el.querySelector(':scope > [id]')?.id;
  if (!id) return [];
  const href = el.querySelector<HTMLAnchorElement>('a.ts')?.href;
  const t = href ? Number(new URL(href).searchParams.get('t')) : 0;
  return [{ el, id, t: Number.isFinite(t) ? t : 0 }];
});
const video = new URL(
  document.querySelector<HTMLAnchorElement>('section.transcript a.ts')?.href ?? location.href,
).searchParams.get('v');

const style = document.createElement('link');
style.rel = 'stylesheet';
style.href = stylesheet;
document.head.append(style);

const status = document.createElement('p');
status.className = 'visually-hidden';
status.setAttribute('role', 'status');
(document.querySelector('main') ?? document.body).append(status);

/** `hh:mm:ss` or `m:ss`, as a reader says it. */
function clock(seconds: number): string {
  const [h, m, s] = [seconds / 3600, (seconds / 60) % 60, seconds % 60].map(Math.floor);
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** The page's permanent address (its canonical URL), without query or fragment. */
function pageUrl(): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  return canonical ?? `${location.origin}${location.pathname}`;
}

async function copy(text: string, message: string, button?: HTMLButtonElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    status.textContent = `Could not copy; the link is ${text}`;
    return;
  }
  status.textContent = message;
  if (button) {
    const label = button.textContent;
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = label), 2000);
  }
}

/** The turn being spoken at `seconds`: the latest start at or before it (the first of ties). */
function turnAt(seconds: number): TurnTime | undefined {
  let best: TurnTime | undefined;
  for (const turn of times) if (turn.t <= seconds && (!best || turn.t > best.t)) best = turn;
  return best ?? times[0];
}

/** Scrolls a turn's start into view when it is above the view or behind the player. */
function reveal(turn: TurnTime): void {
  const dockTop = player?.root.getBoundingClientRect().top ?? innerHeight;
  const heading = turn.el.firstElementChild ?? turn.el;
  const r = heading.getBoundingClientRect();
  if (r.top < 0 || r.bottom > dockTop) turn.el.scrollIntoView({ block: 'start' });
}

function setCurrent(turn: TurnTime | undefined, scroll: boolean): void {
  if (!player) return;
  if (turn !== player.current) {
    player.current?.el.removeAttribute('aria-current');
    turn?.el.setAttribute('aria-current', 'true');
    player.current = turn;
  }
  if (turn && scroll) reveal(turn);
}

function send(func: string, args: unknown[] = []): void {
  player?.frame.contentWindow?.postMessage(
    JSON.stringify({ event: 'command', func, args, id: 1, channel: 'widget' }),
    PLAYER_ORIGIN,
  );
}

function onMessage(event: MessageEvent): void {
  if (!player || event.origin !== PLAYER_ORIGIN || event.source !== player.frame.contentWindow)
    return;
  let data: { event?: string; info?: { currentTime?: unknown } | null };
  try {
    data = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
  } catch {
    return;
  }
  clearInterval(player.listening);
  const time = data.info?.currentTime;
  if (typeof time === 'number' && Number.isFinite(time)) {
    player.time = time;
    setCurrent(turnAt(time), player.follow.getAttribute('aria-checked') === 'true');
  }
}

/** Keeps the page's end and the turn being played clear of the docked player. */
const resize = new ResizeObserver(() => {
  const height = player ? `${player.root.offsetHeight}px` : '';
  document.body.style.paddingBottom = height;
  document.documentElement.style.scrollPaddingBottom = height;
});

function button(text: string, onClick: (b: HTMLButtonElement) => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', () => onClick(b));
  return b;
}

function openPlayer(seconds: number, opener: HTMLElement | null): void {
  const root = document.createElement('section');
  root.className = 'player';
  root.setAttribute('aria-label', 'Video player');
  const frame = document.createElement('iframe');
  frame.title = 'Meeting video';
  frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
  frame.src =
    `${PLAYER_ORIGIN}/embed/${encodeURIComponent(video ?? '')}?start=${seconds}` +
    `&autoplay=1&enablejsapi=1&origin=${encodeURIComponent(location.origin)}`;
  const follow = button('Follow', (b) =>
    b.setAttribute('aria-checked', String(b.getAttribute('aria-checked') !== 'true')),
  );
  follow.setAttribute('role', 'switch');
  follow.setAttribute('aria-checked', 'true');
  const share = button('Copy link to this moment', (b) => {
    if (!player) return;
    const t = Math.floor(player.time);
    const turn = turnAt(t);
    void copy(`${pageUrl()}?t=${t}#${turn?.id ?? ''}`, `Link to ${clock(t)} copied`, b);
  });
  const close = button('Close player', closePlayer);
  const bar = document.createElement('div');
  bar.className = 'player-bar';
  bar.append(follow, share, close);
  root.append(frame, bar);
  player = { root, frame, follow, opener, time: seconds };
  document.body.append(root);
  resize.observe(root);
  addEventListener('message', onMessage);
  frame.addEventListener('load', () => {
    // Subscribe until the player answers (it ignores messages sent before it is ready).
    const listen = () =>
      frame.contentWindow?.postMessage(
        JSON.stringify({ event: 'listening', id: 1, channel: 'widget' }),
        PLAYER_ORIGIN,
      );
    listen();
    if (player) player.listening = window.setInterval(listen, 250);
    setTimeout(() => clearInterval(player?.listening), 10_000);
  });
}

/** Closes the player; focus returns to the link that opened it. */
export function closePlayer(): void {
  if (!player) return;
  const { root, opener, current, listening } = player;
  clearInterval(listening);
  current?.el.removeAttribute('aria-current');
  removeEventListener('message', onMessage);
  resize.unobserve(root);
  root.remove();
  player = undefined;
  document.body.style.paddingBottom = '';
  document.documentElement.style.scrollPaddingBottom = '';
  (opener?.isConnected ? opener : document.querySelector<HTMLElement>('main'))?.focus();
}

/** Plays the meeting from `seconds` in the docked player, opening it on first use. */
export function playAt(seconds: number, opener: HTMLElement | null = null): void {
  if (!video) return;
  if (player) {
    send('seekTo', [seconds, true]);
    send('playVideo');
    player.time = seconds;
    if (opener) player.opener = opener;
  } else {
    openPlayer(seconds, opener);
  }
  setCurrent(turnAt(seconds), true);
}

/** A plain click on a time link (play it here) or a permalink (open its turn's menu). */
export function activate(link: HTMLAnchorElement): void {
  if (link.classList.contains('pl')) openTurnMenu(link);
  else playAt(Number(new URL(link.href).searchParams.get('t')) || 0, link);
}

/** Moves focus and the URL to a turn, scrolling once. */
function goTo(turn: HTMLElement): void {
  const heading = turn.querySelector<HTMLElement>('[id]') ?? turn;
  heading.tabIndex = -1;
  history.replaceState(history.state, '', `${location.pathname}${location.search}#${heading.id}`);
  heading.focus({ preventScroll: true });
  turn.scrollIntoView({ block: 'start' });
}

/** The turn the reader is at: the focused one, else the URL's. */
function currentIndex(): number | undefined {
  const focused = document.activeElement?.closest('.turn');
  const hashed = location.hash
    ? document.getElementById(decodeURIComponent(location.hash.slice(1)))?.closest('.turn')
    : undefined;
  const at = times.findIndex((t) => t.el === (focused ?? hashed));
  return at === -1 ? undefined : at;
}

/** `j`/`k`: the next or previous turn; `n`/`p`: the next or previous highlighted turn. */
export function move(key: string): void {
  const step = key === 'j' || key === 'n' ? 1 : -1;
  // Not at a turn yet: start from the last turn above the top of the view.
  const above = times.filter((t) => t.el.getBoundingClientRect().top < 1).length;
  const at = currentIndex() ?? above - (step === 1 ? 1 : 0);
  const highlighted =
    key === 'n' || key === 'p'
      ? new Set(
          [...document.querySelectorAll<HTMLAnchorElement>('.highlights a[href^="#"]')].map((a) =>
            decodeURIComponent(a.hash.slice(1)),
          ),
        )
      : undefined;
  for (let i = at + step; i >= 0 && i < times.length; i += step) {
    if (!highlighted || highlighted.has(times[i]!.id)) return goTo(times[i]!.el);
  }
}

/** On a shared moment (`?t=<seconds>`): a button to play from there; never autoplays. */
export function offerPlayFrom(): void {
  const start = Number(new URLSearchParams(location.search).get('t'));
  if (!video || !Number.isInteger(start) || start < 0) return;
  const play = button(`Play from ${clock(start)}`, () => playAt(start, play));
  play.className = 'play-from';
  const at = currentIndex();
  const place =
    at === undefined ? document.querySelector('section.transcript h2') : times[at]!.el.firstChild;
  place?.after(play);
}

function closeMenu(focusLink: boolean): void {
  if (!openMenu) return;
  openMenu.menu.remove();
  openMenu.link.setAttribute('aria-expanded', 'false');
  if (focusLink) openMenu.link.focus();
  openMenu = undefined;
}

/** Opens (or closes) the menu of the turn whose permalink `link` is. */
export function openTurnMenu(link: HTMLAnchorElement): void {
  const was = openMenu?.link;
  closeMenu(false);
  if (was === link) return;
  const turn = times.find((t) => t.el.contains(link));
  if (!turn) return;
  const menu = document.createElement('div');
  menu.className = 'turn-menu';
  menu.setAttribute('role', 'group');
  menu.setAttribute('aria-label', `Turn at ${clock(turn.t)}`);
  const permalink = `${pageUrl()}#${turn.id}`;
  menu.append(button('Copy link', (b) => void copy(permalink, 'Link to this turn copied', b)));
  if (video) {
    menu.append(button(`Play from ${clock(turn.t)}`, () => playAt(turn.t, link)));
    if (player) {
      const moment = `${pageUrl()}?t=${turn.t}#${turn.id}`;
      menu.append(
        button('Copy link to play from here', (b) => void copy(moment, 'Link copied', b)),
      );
    }
  }
  turnsJson ??= fetch(`${location.pathname}turns.json`)
    .then((r) => (r.ok ? (r.json() as Promise<TurnsJson>) : undefined))
    .catch(() => undefined);
  void turnsJson.then((json) => {
    const line = json?.turns.find((t) => t.id === turn.id)?.line;
    if (!json?.source || !line || !menu.isConnected) return;
    const a = document.createElement('a');
    a.href = `${json.source}#L${line}`;
    a.textContent = `View source (line ${line})`;
    menu.append(a);
  });
  menu.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    closeMenu(true);
  });
  turn.el.firstElementChild?.after(menu);
  link.setAttribute('aria-expanded', 'true');
  openMenu = { menu, link };
  menu.querySelector('button')?.focus();
}

document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || e.defaultPrevented) return;
  if (openMenu) closeMenu(true);
  else if (player) closePlayer();
});
