/**
 * The search page in the browser: searches on every keystroke (no debounce; a newer search
 * makes older ones drop their results), checks the query against the vocabulary first, renders
 * each hit as one turn, keeps the query and the filters in the URL. Loaded as a bundled module
 * (no inline script), so it runs under a CSP without 'unsafe-inline'; Pagefind needs
 * 'wasm-unsafe-eval'. State lives here; ./render.ts draws, ./counts.ts counts, ./keyboard.ts keys.
 */
import { findMisheardQuery, prepareQuery, type CheckedWord } from '../../lib/search/query.ts';
import {
  createBrowseOrder,
  describeResults,
  exactFirst,
  formatSearchQuery,
  parseSearchState,
  pinRecords,
  splitResultIntoTurns,
  type SearchState,
  type SplitOptions,
} from '../../lib/search/results.ts';
import { openBrowse, type BrowseResult } from './browse.ts';
import { counts, updateCounts } from './counts.ts';
import { form, hitLinks, input, list, more, selects, terminology } from './elements.ts';
import { readForm, updateUrl, writeForm } from './form-state.ts';
import { handleKeys } from './keyboard.ts';
import { loadPagefind, type PagefindResult } from './pagefind.ts';
import {
  announce,
  renderTurn,
  searchLink,
  showMessage,
  showNote,
  showSpeakerHint,
} from './render.ts';
import { checkQuery, suggestQuery } from './vocabulary.ts';

/** Records rendered per batch; each costs one fragment request (about 2 KB, up to 7 KB). */
const pageSize = 4;

/** Incremented by every search; a search whose number is no longer current renders nothing. */
let generation = 0;
const isCurrent = (run: number) => run === generation;
let pending: (PagefindResult | BrowseResult)[] = [];
/** Set for a browse (no query): puts its turns in transcript order. */
let browseOrder: ReturnType<typeof createBrowseOrder> | undefined;
/** How the current query's results split into turns (topic, exact words). */
let split: SplitOptions = {};

/** Follows a link to another search on this page. */
function follow(state: SearchState): void {
  writeForm(state);
  apply(state, true);
}

/**
 * The count of a query's results: a record holds one or more matching turns, so until every
 * record is rendered only a lower bound is known; then the exact number of turns shown.
 */
function describeQueryResults(records: number, state: SearchState): string {
  if (pending.length > 0) return describeResults(records, { q: state.q, atLeast: true });
  return describeResults(hitLinks().length, state);
}

/**
 * Renders the next batch of results of the current search. A query lists each record's matching
 * turns by relevance; a browse lists turns in transcript order (see createBrowseOrder), which can
 * hold some back until a later batch, so it loads batches until it has turns to show.
 */
async function renderMore(run: number): Promise<void> {
  do {
    const batch = pending.slice(0, pageSize);
    pending = pending.slice(pageSize);
    const [datas, next] = await Promise.all([
      Promise.all(batch.map((r) => r.data())),
      browseOrder && pending[0] ? pending[0].data() : undefined,
    ]);
    if (run !== generation || !list) return;
    const turns = browseOrder
      ? browseOrder.take(datas, next, split.topic)
      : exactFirst(
          datas.flatMap((data) => splitResultIntoTurns(data, split).map((hit) => ({ hit, data }))),
        );
    list.append(...turns.map(renderTurn));
    if (turns.length > 0) break;
  } while (pending.length > 0);
  if (more) more.hidden = pending.length === 0;
}

/** Every spelling of the speakers and topics the filters offer (for "did you mean"). */
function knownNames(): string[] {
  const names = [...selects.values()].flatMap((select) =>
    [...(select?.options ?? [])].flatMap((o) => [
      ...(o.dataset['names'] ?? '').split('|'),
      (o.dataset['label'] ?? o.textContent ?? '').toLowerCase(),
    ]),
  );
  return [...new Set(names.flatMap((n) => n.split(/[^\p{L}\p{N}]+/u)).filter((n) => n.length > 2))];
}

/**
 * Nothing was said: says so, and offers the closest query the archive can answer, if any.
 * A fallback to a shorter prefix (Pagefind's, for an unknown word) is not a match.
 */
async function showNothing(state: SearchState, q: string, missing: string[], run: number) {
  const suggestion = await suggestQuery(q, missing, knownNames());
  if (run !== generation) return;
  showMessage(state, describeResults(0, state));
  if (suggestion)
    showNote('Did you mean ', searchLink({ ...state, q: suggestion }, suggestion, follow), '?');
}

async function runSearch(state: SearchState): Promise<void> {
  const run = ++generation;
  showSpeakerHint(state);
  showNote();
  const misheard = state.verbatim ? undefined : findMisheardQuery(state.q, terminology);
  const q = misheard ? misheard.query : state.q;
  const term = prepareQuery(q);
  const hasFilters = Object.keys(state.filters).length > 0;
  if (!hasFilters) {
    if (!state.q.trim()) return showMessage(state, '');
    if (!term) {
      return showMessage(state, `“${state.q.trim()}” is too common to search for; add a word.`);
    }
    // One letter matches nearly every word: its results are noise and cost a fragment each.
    if (term.replaceAll('"', '').trim().length < 2) return showMessage(state, 'Keep typing…');
  }
  try {
    const checked = term === null ? [] : await checkQuery(q);
    if (run !== generation) return;
    const missing = (checked ?? []).filter((c) => c.match === 'none').map((c) => c.word);
    if (missing.length > 0) return await showNothing(state, q, missing, run);
    if (misheard) {
      showNote(
        `Showing turns about ${misheard.term}: the transcripts mishear it as “${misheard.variant}”. `,
        searchLink({ ...state, verbatim: true }, `Search “${state.q.trim()}” as typed`, follow),
        '.',
      );
    }
    const exact = (checked ?? []).filter((c) => c.match === 'exact');
    const phrase = term?.startsWith('"') ? term.slice(1, -1).toLowerCase().split(/\s+/) : [];
    split = { topic: state.filters.topic, exactWords: exact.map((c) => c.word), phrase };
    await searchAndRender(state, term, run, pinnedRecords(exact));
  } catch (error) {
    console.warn('search failed', error);
    if (run === generation)
      showMessage(state, 'Search is unavailable right now: the index did not load.');
  }
}

/**
 * The records to show first, known from the vocabulary to say the query's exact words: those on
 * every complete list of its words' records, or where no list is complete, on every list.
 */
function pinnedRecords(exact: CheckedWord[]): Set<string> | undefined {
  const listed = exact.filter((c) => c.records !== undefined);
  const complete = listed.filter((c) => c.complete);
  const lists = (complete.length > 0 ? complete : listed).map((c) => c.records!);
  if (lists.length === 0) return undefined;
  return new Set(lists.reduce((all, list) => all.filter((id) => list.includes(id))));
}

async function searchAndRender(
  state: SearchState,
  term: string | null,
  run: number,
  pinned: Set<string> | undefined,
): Promise<void> {
  // A browse reads the browse index, not Pagefind (see ./browse.ts): a few KB at any size.
  const browse = term === null ? await openBrowse(state.filters) : undefined;
  const search = browse
    ? undefined
    : await (await loadPagefind()).search(term, { filters: state.filters });
  if (run !== generation || !(browse ?? search)) return;
  pending = browse ? browse.results : pinRecords(search?.results ?? [], pinned);
  browseOrder = browse ? createBrowseOrder() : undefined;
  list?.replaceChildren();
  await renderMore(run);
  if (run !== generation) return;
  announce(
    browse
      ? describeResults(browse.turns, state)
      : describeQueryResults(search?.results.length ?? 0, state),
  );
  // Marks for tests and the benchmark: which search the list and the counts show.
  if (list) list.dataset['query'] = formatSearchQuery(state) || '?';
  if (counts.wanted) {
    await updateCounts(await loadPagefind(), state, run, isCurrent);
  }
}

function apply(state: SearchState, push: boolean): void {
  updateUrl(state, push);
  void runSearch(state);
}

function clear(): void {
  if (!input) return;
  input.value = '';
  input.focus();
  apply(readForm(), true);
}

input?.addEventListener('input', () => apply(readForm(), false));
for (const select of selects.values()) {
  select?.addEventListener('change', () => apply(readForm(), true));
  select?.addEventListener(
    'focus',
    () => {
      if (counts.wanted) return;
      counts.wanted = true;
      const run = generation;
      void loadPagefind().then((pagefind) => updateCounts(pagefind, readForm(), run, isCurrent));
    },
    { once: true },
  );
}
form?.addEventListener('submit', (event) => {
  event.preventDefault();
  // The query typed so far replaced the URL; submitting makes it a history entry of its own.
  const state = readForm();
  history.pushState(null, '', `${location.pathname}${formatSearchQuery(state)}`);
  void runSearch(state);
});
more?.addEventListener('click', () => {
  const first = hitLinks().length;
  void renderMore(generation).then(() => {
    hitLinks()[first]?.focus();
    // The last batch of a query's results makes its count exact.
    const state = readForm();
    if (pending.length === 0 && prepareQuery(state.q) !== null) {
      announce(describeQueryResults(0, state));
    }
  });
});

handleKeys(clear);

window.addEventListener('popstate', () => {
  const state = parseSearchState(new URLSearchParams(location.search));
  writeForm(state);
  void runSearch(state);
});

const initial = parseSearchState(new URLSearchParams(location.search));
writeForm(initial);
document.documentElement.dataset['search'] = 'ready';
void runSearch(initial);
// Fetch the library and index metadata while the reader types the first word: at once on an
// empty page, and on a browse once the reader turns to the search box.
if (!initial.q && Object.keys(initial.filters).length === 0) void loadPagefind();
else input?.addEventListener('focus', () => void loadPagefind(), { once: true });
