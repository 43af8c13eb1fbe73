/**
 * On a meeting page reached from search (`?hl=<words>#<turn-id>`): marks the words in that turn
 * and brings it into view. Words match whole, in any case; nothing else on the page changes.
 */

/** Wraps each match of `pattern` in the text under `root` in `<mark class="search-hit">`. */
function markMatches(root: Element, pattern: RegExp): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  let count = 0;
  for (const node of nodes) {
    const text = node.data;
    const parts: (string | HTMLElement)[] = [];
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      parts.push(text.slice(last, at));
      const mark = document.createElement('mark');
      mark.className = 'search-hit';
      mark.textContent = match[0];
      parts.push(mark);
      last = at + match[0].length;
      count++;
    }
    if (last > 0) {
      parts.push(text.slice(last));
      node.replaceWith(...parts.filter((p) => p !== ''));
    }
  }
  return count;
}

function markFromUrl(): void {
  const words = (new URLSearchParams(location.search).get('hl') ?? '')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 20);
  const id = decodeURIComponent(location.hash.slice(1));
  if (words.length === 0 || !id) return;
  const turn = document.getElementById(id)?.closest('.turn');
  const text = turn?.querySelector('p');
  if (!turn || !text) return;
  const alternatives = words.sort((a, b) => b.length - a.length).map((w) => RegExp.escape(w));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`,
    'giu',
  );
  markMatches(text, pattern);
  turn.scrollIntoView({ block: 'center' });
}

markFromUrl();
