/** The search state as the form and the URL hold it (`?q=&speaker=...&verbatim=1`). */
import {
  formatSearchQuery,
  isSameSearch,
  parseSearchState,
  type SearchState,
} from '../../lib/search/results.ts';
import { input, selects } from './elements.ts';

/** The query the reader chose to search as typed (`verbatim`), while it is in the box. */
let verbatimQuery: string | undefined;

/** The state the form shows. */
export function readForm(): SearchState {
  const filters: SearchState['filters'] = {};
  for (const [name, select] of selects) if (select?.value) filters[name] = select.value;
  const state: SearchState = { q: input?.value ?? '', filters };
  // Searching a mis-hearing as typed lasts while the query stays the same.
  if (verbatimQuery !== undefined && verbatimQuery === state.q) state.verbatim = true;
  return state;
}
export function writeForm(state: SearchState): void {
  verbatimQuery = state.verbatim ? state.q : undefined;
  if (input && input.value !== state.q) input.value = state.q;
  for (const [name, select] of selects) if (select) select.value = state.filters[name] ?? '';
  const header = document.querySelector<HTMLInputElement>('#site-search');
  if (header) header.value = state.q;
}

/** Puts the state in the URL: a new history entry for a committed change, else a replacement. */
export function updateUrl(state: SearchState, push: boolean): void {
  const current = parseSearchState(new URLSearchParams(location.search));
  if (isSameSearch(current, state)) return;
  const url = `${location.pathname}${formatSearchQuery(state)}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
