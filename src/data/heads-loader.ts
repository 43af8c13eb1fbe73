/**
 * The meetings collection's loader. The collection holds only the heads (src/content.config.ts)
 * and the pages read the turns from the checked records (src/data/site.ts). Within `npm run
 * build` the content check has already read every file, so the heads come from the check
 * (`readCheckedHeads`) and only a file with an editorial body (or one the check did not see) is
 * read here; in a 4x CPU profile of Astro, reading and parsing every file took 1.4 s of the
 * content sync. Outside the build (`astro dev`, `astro build`), Astro's `glob` loader reads each
 * file's frontmatter without its `turns` (turned into blank lines, so MDX body lines keep their
 * numbers): parsing every turn was work thrown away (at 4x, 2.1 s of the content sync's 3.6 s).
 * A meeting without an editorial body is not rendered at all (`bodiedOnlyRendered`).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { blankFrontmatterKey } from '../lib/frontmatter.ts';
import { readCheckedHeads } from '../lib/meeting-record.ts';

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
function withoutFrontmatterKey(loader: Loader, key: string): Loader {
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

/**
 * A file name that `glob` takes literally as a pattern and whose entry id is its name without
 * `.mdx` (Astro slugs the path, which leaves these characters as they are).
 */
const plainName = /^[a-z0-9-]+\.mdx$/;

/**
 * The loader of the meeting files `*.mdx` in `base` (see the module comment): the heads the
 * check passed, stored as `glob` would store them; `glob` (without the turns) for the files with
 * a body and any the check did not see, and for all of them outside the build.
 */
export function meetingsLoader(base: string): Loader {
  const fromFiles = (pattern: string | string[]) =>
    withoutFrontmatterKey(glob({ pattern, base }), 'turns');
  return {
    name: 'meetings-loader',
    load: async (context: LoaderContext) => {
      const heads = await readCheckedHeads();
      if (!heads) return fromFiles('*.mdx').load(context);
      const checked = new Map(heads.map((h) => [h.file, h]));
      const names = readdirSync(base).filter((name) => name.endsWith('.mdx'));
      const fromHeads = new Set(
        names.filter((name) => plainName.test(name) && checked.get(name)?.bodied === false),
      );
      const rest = names.filter((name) => !fromHeads.has(name));
      if (rest.some((name) => !plainName.test(name))) return fromFiles('*.mdx').load(context);
      // `glob` first: it drops from the store every entry it did not load itself.
      if (rest.length > 0) await fromFiles(rest).load(context);
      const root = fileURLToPath(context.config.root);
      for (const name of fromHeads) {
        const id = name.slice(0, -'.mdx'.length);
        const filePath = path.join(base, name);
        const { head } = checked.get(name)!;
        context.store.set({
          id,
          data: await context.parseData({ id, data: head, filePath }),
          filePath: path.relative(root, filePath).split(path.sep).join('/'),
          digest: context.generateDigest(JSON.stringify(head)),
        });
      }
      const ids = new Set(names.map((name) => name.slice(0, -'.mdx'.length)));
      for (const id of context.store.keys()) if (!ids.has(id)) context.store.delete(id);
    },
  };
}
