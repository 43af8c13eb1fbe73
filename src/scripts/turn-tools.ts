/**
 * Meeting pages: the only script that loads with the page, kept tiny. It hands the reader's
 * first use to turn-actions.ts (fetched then): a time link plays the video docked in the page,
 * the `#` permalink opens the turn's menu, `j`/`k`/`n`/`p` move between turns, and `?t=` offers
 * to play from that second. Modified clicks and pages without JavaScript keep plain links.
 */
type Actions = typeof import('./turn-actions.ts');

let actions: Promise<Actions> | undefined;
const load = (): Promise<Actions> => (actions ??= import('./turn-actions.ts'));
const transcript = document.querySelector<HTMLElement>('section.transcript');

transcript?.addEventListener('click', (e) => {
  const link = (e.target as Element).closest<HTMLAnchorElement>(
    'a.ts[href^="https://www.youtube.com/"], a.pl',
  );
  if (!link || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  // A permalink still goes to its turn; a time link plays in the page instead of leaving it.
  if (link.classList.contains('ts')) e.preventDefault();
  void load().then((a) => a.activate(link));
});

document.addEventListener('keydown', (e) => {
  const key = e.key;
  if (!transcript || !/^[jknp]$/.test(key) || e.ctrlKey || e.metaKey || e.altKey) return;
  if (
    e.defaultPrevented ||
    (e.target as Element).closest('input, textarea, select, [contenteditable]')
  )
    return;
  e.preventDefault();
  void load().then((a) => a.move(key));
});

if (transcript && /[?&]t=\d/.test(location.search)) void load().then((a) => a.offerPlayFrom());
