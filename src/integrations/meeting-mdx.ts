/**
 * Compiles only the editorial body of meeting MDX files. The content layer reads each meeting's
 * record from the file itself; the MDX compiler would otherwise export the whole frontmatter
 * (every turn) a second time as JSON in each page module, which the build bundles for nothing.
 * The frontmatter is replaced by as many empty lines, so MDX errors keep their line numbers.
 * Register it before `mdx()`: both transforms are `enforce: 'pre'` and run in that order.
 */
import type { AstroIntegration } from 'astro';
import { blankFrontmatter } from '../lib/frontmatter.ts';

/** The Astro integration. */
export function createMeetingMdxIntegration(): AstroIntegration {
  return {
    name: 'meeting-mdx-body-only',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'meeting-mdx-body-only',
                enforce: 'pre',
                transform: {
                  filter: { id: /\.mdx$/ },
                  handler: (code: string) => blankFrontmatter(code),
                },
              },
            ],
          },
        });
      },
    },
  };
}
