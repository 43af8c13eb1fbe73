/** The search page's keys: arrows move between the box and the results, Escape clears. */
import { hitLinks, input } from './elements.ts';

/** Listens for the keys; `clear` empties the query and searches again. */
export function handleKeys(clear: () => void): void {
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const links = hitLinks();
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'Escape' && (at !== -1 || document.activeElement === input)) {
      event.preventDefault();
      clear();
    } else if (event.key === 'ArrowDown' && (at !== -1 || document.activeElement === input)) {
      const next = links[at + 1];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    } else if (event.key === 'ArrowUp' && at !== -1) {
      event.preventDefault();
      (links[at - 1] ?? input)?.focus();
    }
  });
}
