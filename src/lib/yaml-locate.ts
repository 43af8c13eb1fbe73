/**
 * Maps a path in a YAML record (`['turns', 1500, 't']`, as zod reports it) to the line and
 * column where it is written, so a schema error names file:line:col instead of Astro's `:0:0`.
 */
import { createRequire } from 'node:module';

/** 1-based line and column (UTF-16 code units) of a path's node, or of its nearest ancestor. */
export type LocateYamlPath = (path: readonly PropertyKey[]) => { line: number; column: number };

// The yaml library takes ~0.1 s to load and valid files never need a position, so it is loaded
// on first use; require() of an ES module is synchronous in Node >= 22.12.
const requireModule = createRequire(import.meta.url);
let yamlLibrary: typeof import('yaml') | undefined;

/**
 * A locator for `yaml`, text that starts at line `firstLine` of its file. The YAML is parsed
 * into a Document only on the first call.
 */
export function createYamlLocator(yaml: string, firstLine: number): LocateYamlPath {
  let located:
    { doc: import('yaml').Document.Parsed; lines: import('yaml').LineCounter } | undefined;
  return (path) => {
    yamlLibrary ??= requireModule('yaml') as typeof import('yaml');
    if (!located) {
      const lines = new yamlLibrary.LineCounter();
      const doc = yamlLibrary.parseDocument(yaml, { lineCounter: lines, uniqueKeys: false });
      located = { doc, lines };
    }
    const { doc, lines } = located;
    const keys = path.filter((p): p is string | number => typeof p !== 'symbol');
    for (let depth = keys.length; depth >= 0; depth--) {
      let node: unknown;
      try {
        node = depth === 0 ? doc.contents : doc.getIn(keys.slice(0, depth), true);
      } catch {
        node = undefined;
      }
      if (yamlLibrary.isNode(node) && node.range) {
        const pos = lines.linePos(node.range[0]);
        return { line: firstLine + pos.line - 1, column: pos.col };
      }
    }
    return { line: firstLine, column: 1 };
  };
}
