/** The Pagefind library as the search page uses it, loaded on first use. */
import type { FragmentData } from '../../lib/search/results.ts';

export interface PagefindResult {
  id: string;
  score: number;
  data: () => Promise<FragmentData>;
}
export interface PagefindSearch {
  results: PagefindResult[];
  filters: Record<string, Record<string, number>>;
}
export interface Pagefind {
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

let pagefindPromise: Promise<Pagefind> | undefined;

/** The library, imported and initialised once. */
export function loadPagefind(): Promise<Pagefind> {
  // A variable URL keeps the bundler from resolving the file, which exists only after the build.
  const url = '/pagefind/pagefind.js';
  pagefindPromise ??= import(/* @vite-ignore */ url).then(async (pagefind: Pagefind) => {
    await pagefind.options({ excerptLength: 20 });
    await pagefind.init();
    return pagefind;
  });
  return pagefindPromise;
}
