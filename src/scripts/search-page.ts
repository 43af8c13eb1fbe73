/**
 * The search page in the browser: searches on every keystroke (no debounce; a newer search
 * makes older ones drop their results), renders each hit as one turn, keeps the query and the
 * filters in the URL, and handles the keyboard. Loaded as a bundled module (no inline script),
 * so it runs under a CSP without 'unsafe-inline'; Pagefind needs 'wasm-unsafe-eval'.
 */
import { formatDate, formatTime } from '../lib/format.ts';
import {
  countEverything,
  filterNames,
  turnCountFilter,
  type FilterName,
} from '../lib/search/contract.ts';
import { findMisheardQuery, prepareQuery, type TermEntry } from '../lib/search/query.ts';
import {
  countTurns,
  createBrowseOrder,
  describeResults,
  exactFirst,
  formatSearchQuery,
  formatTurnLink,
  isSameSearch,
  parseSearchState,
  pinRecords,
  splitResultIntoTurns,
  type FragmentData,
  type SearchState,
  type ShownTurn,
  type SplitOptions,
} from '../lib/search/results.ts';
import { checkQuery, suggestQuery } from './search-vocabulary.ts';

interface PagefindResult {
  id: string;
  score: number;
  data: () => Promise<FragmentData>;
}
interface PagefindSearch {
  results: PagefindResult[];
  filters: Record<string, Record<string, number>>;
}
interface Pagefind {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (
    term: string | null,
    options?: {
      filters?: Record<string, string | { readonly none: readonly string[] }>;
      sort?: Record<string, string>;
    },
  ) => Promise<PagefindSearch | null>;
}

/** Records rendered per batch; each costs one fragment request (about 2 KB). */
const pageSize = 5;

const form = document.querySelector<HTMLFormElement>('#search-form');
const input = document.querySelector<HTMLInputElement>('#search-q');
const list = document.querySelector<HTMLOListElement>('#search-results');
const status = document.querySelector<HTMLElement>('#search-status');
const more = document.querySelector<HTMLButtonElement>('#search-more');
const speakerHint = document.querySelector<HTMLElement>('#search-speaker-hint');
const queryNote = document.querySelector<HTMLElement>('#search-note');
/** Known mis-hearings (content/terminology.yaml), rendered into the form by the page. */
const terminology = JSON.parse(form?.dataset['terminology'] ?? '[]') as TermEntry[];
const selects = new Map(
  filterNames.map((name) => [name, document.querySelector<HTMLSelectElement>(`#filter-${name}`)]),
);

let pagefindPromise: Promise<Pagefind> | undefined;
/** Incremented by every search; a search whose number is no longer current renders nothing. */
let generation = 0;
let pending: PagefindResult[] = [];
/** Set for a browse (no query): puts its turns in transcript order. */
let browseOrder: ReturnType<typeof createBrowseOrder> | undefined;
/** How the current query's results split into turns (topic, exact words). */
let split: SplitOptions = {};

function loadPagefind(): Promise<Pagefind> {
  // A variable URL keeps the bundler from resolving the file, which exists only after the build.
  const url = '/pagefind/pagefind.js';
  pagefindPromise ??= import(/* @vite-ignore */ url).then(async (pagefind: Pagefind) => {
    await pagefind.options({ excerptLength: 20 });
    await pagefind.init();
    return pagefind;
  });
  return pagefindPromise;
}

function readForm(): SearchState {
  const filters: SearchState['filters'] = {};
  for (const [name, select] of selects) if (select?.value) filters[name] = select.value;
  const state: SearchState = { q: input?.value ?? '', filters };
  // Searching a mis-hearing as typed lasts while the query stays the same.
  if (verbatimQuery !== undefined && verbatimQuery === state.q) state.verbatim = true;
  return state;
}
/** The query the reader chose to search as typed (`verbatim`), while it is in the box. */
let verbatimQuery: string | undefined;

function writeForm(state: SearchState): void {
  verbatimQuery = state.verbatim ? state.q : undefined;
  if (input && input.value !== state.q) input.value = state.q;
  for (const [name, select] of selects) if (select) select.value = state.filters[name] ?? '';
  const header = document.querySelector<HTMLInputElement>('#site-search');
  if (header) header.value = state.q;
}

/** Puts the state in the URL: a new history entry for a committed change, else a replacement. */
function updateUrl(state: SearchState, push: boolean): void {
  const current = parseSearchState(new URLSearchParams(location.search));
  if (isSameSearch(current, state)) return;
  const url = `${location.pathname}${formatSearchQuery(state)}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function announce(text: string): void {
  if (status) status.textContent = text;
}

/** Whether to show counts on the filter options: once the reader turns to the filters. */
let countsWanted = false;

/**
 * Counts on the filter options, for the current query and the other filters (a chosen filter's
 * own counts come from a search without it, so every option says what choosing it gives). Each
 * search names the filter it counts with `countEverything`, which loads just that filter's data
 * (~10 KB each, about what a search costs), and only once the reader turns to the filters. A
 * browse counts turns (`turnCountFilter`); a query counts records, a lower bound of its turns.
 */
async function updateCounts(pagefind: Pagefind, state: SearchState, run: number): Promise<void> {
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
  if (run !== generation) return;
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

/**
 * A query that is just a person's name ("chenyu") searches what is said about them, since names
 * are not indexed with every turn they speak; this offers their turns through the filter instead.
 */
function showSpeakerHint(state: SearchState): void {
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

function renderTurn({ hit, data }: ShownTurn): HTMLLIElement {
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

/** Shows a message instead of results (and marks the list as done for `state`). */
function showMessage(state: SearchState, text: string): void {
  list?.replaceChildren();
  if (more) more.hidden = true;
  announce(text);
  if (list) list.dataset['query'] = formatSearchQuery(state);
}

/** A link on this page to the search `state`, reading `text`. */
function searchLink(state: SearchState, text: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = `${location.pathname}${formatSearchQuery(state)}`;
  link.textContent = text;
  link.addEventListener('click', (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    writeForm(state);
    apply(state, true);
  });
  return link;
}

/** Says above the results how the query was read; nothing when it was read as typed. */
function showNote(...parts: (string | Node)[]): void {
  if (!queryNote) return;
  queryNote.replaceChildren(...parts);
  queryNote.hidden = parts.length === 0;
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
    showNote('Did you mean ', searchLink({ ...state, q: suggestion }, suggestion), '?');
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
        searchLink({ ...state, verbatim: true }, `Search “${state.q.trim()}” as typed`),
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

/** Records known to say every exact word of the query (from the vocabulary), if few enough. */
function pinnedRecords(exact: { records: string[] | undefined }[]): Set<string> | undefined {
  const lists = exact.flatMap((c) => (c.records ? [c.records] : []));
  if (lists.length === 0) return undefined;
  return new Set(lists.reduce((all, list) => all.filter((id) => list.includes(id))));
}

async function searchAndRender(
  state: SearchState,
  term: string | null,
  run: number,
  pinned: Set<string> | undefined,
): Promise<void> {
  const pagefind = await loadPagefind();
  const browse = term === null;
  // A browse shows every turn of each record, so it counts them (see turnCountFilter).
  // With a topic, only that topic's turns of each record are shown, so topic-turns counts them.
  const countBy = turnCountFilter(state.filters.topic ? 'topic' : 'year');
  const counting = browse ? { [countBy]: countEverything } : {};
  const search = await pagefind.search(term, { filters: { ...state.filters, ...counting } });
  if (run !== generation || !search) return;
  pending = pinRecords(search.results, pinned);
  browseOrder = browse ? createBrowseOrder() : undefined;
  list?.replaceChildren();
  await renderMore(run);
  if (run !== generation) return;
  const counted = countTurns(search.filters[countBy]);
  const turns = state.filters.topic
    ? (counted[state.filters.topic] ?? 0)
    : Object.values(counted).reduce((n, t) => n + t, 0);
  announce(
    browse ? describeResults(turns, state) : describeQueryResults(search.results.length, state),
  );
  // Marks for tests and the benchmark: which search the list and the counts show.
  if (list) list.dataset['query'] = formatSearchQuery(state) || '?';
  if (countsWanted) {
    await updateCounts(pagefind, state, run);
  }
}

function apply(state: SearchState, push: boolean): void {
  updateUrl(state, push);
  void runSearch(state);
}

function hitLinks(): HTMLAnchorElement[] {
  return [...(list?.querySelectorAll<HTMLAnchorElement>('a.hit-link') ?? [])];
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
      if (countsWanted) return;
      countsWanted = true;
      const run = generation;
      void loadPagefind().then((pagefind) => updateCounts(pagefind, readForm(), run));
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

window.addEventListener('popstate', () => {
  const state = parseSearchState(new URLSearchParams(location.search));
  writeForm(state);
  void runSearch(state);
});

const initial = parseSearchState(new URLSearchParams(location.search));
writeForm(initial);
document.documentElement.dataset['search'] = 'ready';
void runSearch(initial);
// Fetch the library and index metadata while the reader types the first word.
if (!initial.q && Object.keys(initial.filters).length === 0) void loadPagefind();
