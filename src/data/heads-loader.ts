/**
 * The meetings collection's loader: Astro's `glob` loader, except that it reads each meeting
 * file's frontmatter without its `turns` (turned into blank lines, so MDX body lines keep their
 * numbers). The collection holds only the heads (src/content.config.ts) and the pages read the
 * turns from the files (src/data/site.ts), so parsing every turn here was work thrown away:
 * measured at 4x, 2.1 s of the content sync's 3.6 s. A meeting without an editorial body is not
 * rendered at all (`bodiedOnlyRendered`).
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { blankFrontmatterKey } from '../lib/frontmatter.ts';

type Store = LoaderContext['store'];
type StoredEntry = Parameters<Store['set']>[0];

/** What `glob` reads of the context beyond its public type: the entry types by extension. */
interface EntryType {
  getEntryInfo: (params: { contents: string; fileUrl: URL }) => unknown;
}

/**
 * `loader`, with MDX entries read without the frontmatter key `key`, and rendered only when they
 * have a body.
 */
export function withoutFrontmatterKey(loader: Loader, key: string): Loader {
  return {
    ...loader,
    load: (context: LoaderContext) => {
      const types = (context as LoaderContext & { entryTypes?: Map<string, EntryType> }).entryTypes;
      if (!types) return loader.load(context);
      const entryTypes = new Map(
        [...types].map(([ext, type]) => [
          ext,
          ext !== '.mdx'
            ? type
            : {
                ...type,
                getEntryInfo: ({ contents, fileUrl }: { contents: string; fileUrl: URL }) =>
                  type.getEntryInfo({ contents: blankFrontmatterKey(contents, key), fileUrl }),
              },
        ]),
      );
      return loader.load({
        ...context,
        entryTypes,
        store: bodiedOnlyRendered(context.store),
      } as LoaderContext);
    },
  };
}

/**
 * `store`, except that an entry with a blank body is stored without `deferredRender`, so the
 * build does not compile its MDX into a module (Astro imports every deferred entry's file into
 * the build): a meeting without an editorial body has nothing to render. Measured: 8 ms of the
 * build per meeting file.
 */
function bodiedOnlyRendered(store: Store): Store {
  return {
    ...store,
    set: (entry: StoredEntry) =>
      store.set(
        entry.deferredRender && !entry.body?.trim() ? { ...entry, deferredRender: false } : entry,
      ),
  };
}
