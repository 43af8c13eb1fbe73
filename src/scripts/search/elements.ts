/** The search page's elements (src/pages/search.astro), looked up once. */
import { filterNames } from '../../lib/search/contract.ts';
import type { TermEntry } from '../../lib/search/query.ts';

export const form = document.querySelector<HTMLFormElement>('#search-form');
export const input = document.querySelector<HTMLInputElement>('#search-q');
export const list = document.querySelector<HTMLOListElement>('#search-results');
export const status = document.querySelector<HTMLElement>('#search-status');
export const more = document.querySelector<HTMLButtonElement>('#search-more');
export const speakerHint = document.querySelector<HTMLElement>('#search-speaker-hint');
export const queryNote = document.querySelector<HTMLElement>('#search-note');
/** Known mis-hearings (content/terminology.yaml), rendered into the form by the page. */
export const terminology = JSON.parse(form?.dataset['terminology'] ?? '[]') as TermEntry[];
export const selects = new Map(
  filterNames.map((name) => [name, document.querySelector<HTMLSelectElement>(`#filter-${name}`)]),
);

/** The result links shown, in order. */
export function hitLinks(): HTMLAnchorElement[] {
  return [...(list?.querySelectorAll<HTMLAnchorElement>('a.hit-link') ?? [])];
}
