/** Counts on the filter options, once the reader turns to the filters. */
import {
  countEverything,
  filterNames,
  turnCountFilter,
  type FilterName,
} from '../../lib/search/contract.ts';
import { prepareQuery } from '../../lib/search/query.ts';
import { countTurns, formatSearchQuery, type SearchState } from '../../lib/search/results.ts';
import { form, selects } from './elements.ts';
import type { Pagefind } from './pagefind.ts';

/** Whether to show counts on the filter options: once the reader turns to the filters. */
export const counts = { wanted: false };

/**
 * Counts on the filter options, for the current query and the other filters (a chosen filter's
 * own counts come from a search without it, so every option says what choosing it gives). Each
 * search names the filter it counts with `countEverything`, which loads just that filter's data
 * (~10 KB each, about what a search costs), and only once the reader turns to the filters. A
 * browse counts turns (`turnCountFilter`); a query counts records, a lower bound of its turns.
 */
export async function updateCounts(
  pagefind: Pagefind,
  state: SearchState,
  run: number,
  isCurrent: (run: number) => boolean,
): Promise<void> {
  const term = prepareQuery(state.q);
  const counts = new Map<FilterName, Record<string, number>>();
  await Promise.all(
    filterNames.map(async (name) => {
      const { [name]: _own, ...others } = state.filters;
      const counted = term === null ? turnCountFilter(name) : name;
      const filters = { ...others, [counted]: countEverything };
      const found = (await pagefind.search(term, { filters }))?.filters[counted];
      counts.set(name, term === null ? countTurns(found) : (found ?? {}));
    }),
  );
  if (!isCurrent(run)) return;
  for (const [name, select] of selects) {
    if (!select) continue;
    const values = counts.get(name) ?? {};
    for (const option of select.options) {
      const label = option.dataset['label'] ?? option.textContent ?? '';
      option.dataset['label'] = label;
      option.textContent = option.value
        ? `${label} (${(values[option.value] ?? 0).toLocaleString('en')})`
        : label;
    }
  }
  if (form) form.dataset['counts'] = formatSearchQuery(state) || '?';
}
