/**
 * The archive's known mis-hearings (content/terminology.yaml): "Ken Stewart" means Tenstorrent,
 * "BIM" means BEAM. Search uses the list so that the right term finds the misheard turns.
 * Pure: the parsed list comes in as an argument.
 */
import { z } from 'astro/zod';

export const terminologyEntrySchema = z.object({
  /** The right spelling, as readers search for it. */
  term: z.string().min(1),
  /** Spellings the transcripts use for it; whole words, any case, spaces ~ hyphens. */
  variants: z.array(z.string().min(1)).min(1),
});
export const terminologyFileSchema = z.array(terminologyEntrySchema);
export type TerminologyEntry = z.output<typeof terminologyEntrySchema>;

/** One misheard occurrence found in a text. */
export interface MisheardTerm {
  /** The text as the transcript wrote it, e.g. `Ken Stewart`. */
  variant: string;
  /** The right term, e.g. `Tenstorrent`. */
  term: string;
  /** Offset just after the variant in the text. */
  end: number;
}

const separators = /[\s-]+/g;
const normalise = (text: string) => text.trim().toLowerCase().replace(separators, ' ');

/** Finds misheard terms in a text; compile once per list with `compileTerminology`. */
export type TerminologyMatcher = (text: string) => MisheardTerm[];

/**
 * Compiles a terminology list into a matcher. Variants equal to their term up to case and
 * separators are skipped: search already ignores case, so they would only add noise.
 */
export function compileTerminology(entries: readonly TerminologyEntry[]): TerminologyMatcher {
  const byVariant = new Map<string, string>();
  for (const { term, variants } of entries) {
    for (const variant of variants) {
      const key = normalise(variant);
      if (key && key !== normalise(term)) byVariant.set(key, term);
    }
  }
  if (byVariant.size === 0) return () => [];
  // Longest first, so "George Hotz" wins over "George" at the same position.
  const alternatives = [...byVariant.keys()]
    .sort((a, b) => b.length - a.length)
    .map((key) => key.split(' ').map(RegExp.escape).join('[\\s-]+'));
  const regex = new RegExp(
    `(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`,
    'giu',
  );
  return (text) =>
    [...text.matchAll(regex)].map((m) => ({
      variant: m[0],
      term: byVariant.get(normalise(m[0])) ?? m[0],
      end: (m.index ?? 0) + m[0].length,
    }));
}

/**
 * Inserts the right term after each misheard occurrence, `Ken Stewart [Tenstorrent]`, for the
 * search index: the reader sees in the excerpt why the turn matched.
 */
export function annotateMisheardTerms(text: string, matches: readonly MisheardTerm[]): string {
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += `${text.slice(last, m.end)} [${m.term}]`;
    last = m.end;
  }
  return out + text.slice(last);
}
