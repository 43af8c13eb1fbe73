/**
 * Words too common in the transcripts to be worth indexing: function words and spoken filler.
 * They are half of every turn and the largest entries of the index; leaving them out halves it
 * (measured on the corpus: 1.60 MB -> 0.77 MB of index chunks, largest chunk 47 -> 25 KB, which
 * is what one search downloads). The index and the query drop the same words, so phrases still
 * match: `"flash attention in tinygrad"` searches `"flash attention tinygrad"`. Pure.
 */

/** Lowercase, letters and apostrophes only (the form `isStopWord` compares). */
export const stopWords: ReadonlySet<string> = new Set(
  (
    'a about all also am an and any are as at be been being but by can could did do does doing ' +
    "done don't for from had has have having he her here him his how i i'd i'll i'm i've if in " +
    "into is isn't it it's its just let's me my no not of oh ok okay on or our out she so some " +
    "than that that's the their them then there there's these they they're this those to too " +
    "uh um was we we'll we're we've were what when where which who will with would yeah yes " +
    "you you're your"
  ).split(' '),
);

/** The form of a word that `stopWords` holds: lowercase, without surrounding punctuation. */
function toStopWordKey(word: string): string {
  return word
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/^[^\p{L}\p{N}']+|[^\p{L}\p{N}']+$/gu, '');
}

/** Whether a word (as written, punctuation and all) is left out of the index. */
export function isStopWord(word: string): boolean {
  return stopWords.has(toStopWordKey(word));
}

/** The text without its stop words, words separated by single spaces. */
export function removeStopWords(text: string): string {
  return text
    .split(/\s+/)
    .filter((w) => w !== '' && !isStopWord(w))
    .join(' ');
}

/**
 * The query to give Pagefind for what the reader typed: stop words removed, an exact phrase
 * (`"..."`) kept as one. Null when nothing searchable is left.
 */
export function prepareQuery(typed: string): string | null {
  const trimmed = typed.trim();
  const phrase = /^"(.*)"$/.exec(trimmed);
  const words = removeStopWords((phrase ? phrase[1] : trimmed) ?? '').replaceAll('"', '');
  if (!words.trim()) return null;
  return phrase ? `"${words}"` : words;
}
