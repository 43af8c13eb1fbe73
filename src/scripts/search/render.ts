/** What the search page shows: results, messages, notes and hints. */
import { formatDate, formatTime } from '../../lib/format.ts';
import {
  formatSearchQuery,
  formatTurnLink,
  type SearchState,
  type ShownTurn,
} from '../../lib/search/results.ts';
import { list, more, queryNote, selects, speakerHint, status } from './elements.ts';

export function announce(text: string): void {
  if (status) status.textContent = text;
}

/**
 * A query that is just a person's name ("chenyu") searches what is said about them, since names
 * are not indexed with every turn they speak; this offers their turns through the filter instead.
 */
export function showSpeakerHint(state: SearchState): void {
  if (!speakerHint) return;
  const typed = state.q.trim().toLowerCase();
  const select = selects.get('speaker');
  const option = [...(select?.options ?? [])].find((o) =>
    (o.dataset['names'] ?? '').split('|').includes(typed),
  );
  if (!typed || !option || state.filters.speaker === option.value) {
    speakerHint.hidden = true;
    return;
  }
  const name = (option.dataset['label'] ?? option.textContent ?? '').replace(/ \([\d,]+\)$/, '');
  const link = document.createElement('a');
  link.href = `${location.pathname}${formatSearchQuery({
    q: '',
    filters: { ...state.filters, speaker: option.value },
  })}`;
  link.textContent = `every turn ${name} spoke`;
  speakerHint.replaceChildren(
    `Results below mention ${name}. To browse `,
    link,
    ', use the speaker filter.',
  );
  speakerHint.hidden = false;
}

export function renderTurn({ hit, data }: ShownTurn): HTMLLIElement {
  const title = data.meta['title'] ?? '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(title) ? formatDate(title) : title;
  const li = document.createElement('li');
  li.className = 'hit';
  const link = document.createElement('a');
  link.className = 'hit-link';
  link.href = formatTurnLink(hit);
  const meta = document.createElement('span');
  meta.className = 'hit-meta';
  const time = hit.t === undefined ? '' : ` · ${formatTime(hit.t)}`;
  meta.textContent = `${date} · ${data.meta['speaker'] ?? 'Unknown'}${time}`;
  const excerpt = document.createElement('span');
  excerpt.className = 'hit-excerpt';
  // Built by splitResultIntoTurns from escaped words and <mark> only.
  excerpt.innerHTML = hit.excerpt;
  link.append(meta, excerpt);
  li.append(link);
  return li;
}

/** Shows a message instead of results (and marks the list as done for `state`). */
export function showMessage(state: SearchState, text: string): void {
  list?.replaceChildren();
  if (more) more.hidden = true;
  announce(text);
  if (list) list.dataset['query'] = formatSearchQuery(state);
}

/** A link on this page to the search `state`, reading `text`. */
export function searchLink(
  state: SearchState,
  text: string,
  follow: (state: SearchState) => void,
): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = `${location.pathname}${formatSearchQuery(state)}`;
  link.textContent = text;
  link.addEventListener('click', (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    follow(state);
  });
  return link;
}

/** Says above the results how the query was read; nothing when it was read as typed. */
export function showNote(...parts: (string | Node)[]): void {
  if (!queryNote) return;
  queryNote.replaceChildren(...parts);
  queryNote.hidden = parts.length === 0;
}
