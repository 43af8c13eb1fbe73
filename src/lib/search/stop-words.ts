/**
 * Words too common in the transcripts to be worth searching for: function words and spoken
 * filler, half of every turn. A query drops them (they would match nearly every turn), except
 * inside a quoted phrase, which the index holds word for word. Pure.
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
