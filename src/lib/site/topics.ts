/**
 * Topic assignment: which recurring subjects (content/topics.yaml) a meeting's agenda items,
 * highlights, chapters and turns are about. Pure: topics and meetings come in as arguments.
 *
 * Matching rules (the contract tests/unit/site/topics.test.ts pins down):
 * - a term matches as a whole word, in any case: `driver` matches "Driver," but not "drivers";
 *   plurals and spellings are listed as terms of their own (word characters: ASCII letters,
 *   digits, underscore);
 * - spaces, hyphens and underscores inside a term are interchangeable and may repeat, so
 *   `multi-output` matches "multi output" and "multi_output";
 * - a term's edge that is punctuation needs no word boundary (`.py` matches "tensor.py",
 *   `C++` matches "C++,");
 * - where terms overlap, the longest match at the leftmost position wins and hides the shorter
 *   ones inside it: in "AM driver" only `AM driver` fires, in "multi-output kernel" only
 *   `multi-output` does. A term listed under several topics fires for all of them.
 */
import type { Meeting, Topic } from '../schema.ts';

/** A compiled matcher for one list of topics. */
export interface TopicMatcher {
  /** Topic ids mentioned in `text`, in topics-file order, without duplicates. */
  readonly match: (text: string) => string[];
  /** Topic order in the file, for stable sorting. */
  readonly order: ReadonlyMap<string, number>;
}

/** What `assignTopics` found in one meeting. */
export interface TopicAssignment {
  /** Topic ids per agenda item, parallel to `meeting.agenda`. */
  agenda: string[][];
  /** Topic ids per highlight, parallel to `meeting.highlights`. */
  highlights: string[][];
  /** Topic ids per chapter, parallel to `meeting.chapters`. */
  chapters: string[][];
  /**
   * The meeting's topics: everything its agenda, highlights and chapters match, plus
   * `topicEdits.add`, minus `topicEdits.remove` (remove wins), in topics-file order. Ids in the
   * edits that are not in the topics file are ignored.
   */
  topics: string[];
}

// Word characters for the whole-word rule. ASCII on purpose: the terms are ASCII, and a regex
// without the `u` flag runs about 4x faster over the 3 MB of corpus turns.
const wordChar = /[A-Za-z0-9_]/;
const separators = /[\s_-]+/g;

/** The key a term and the text it matched share: lowercase, separators collapsed to one space. */
function normaliseTerm(term: string): string {
  return term.trim().toLowerCase().replace(separators, ' ');
}

/** Regex source for one term without its leading boundary: separators loosened, and a trailing
 * boundary only when the term ends in a word character. */
function termPattern(term: string): string {
  const body = term
    .trim()
    .split(separators)
    .map((part) => RegExp.escape(part))
    .join('[\\s_-]+');
  return wordChar.test(term.trim().at(-1) ?? '') ? `${body}(?![A-Za-z0-9_])` : body;
}

const matcherCache = new WeakMap<readonly Topic[], TopicMatcher>();

/**
 * Compiles the terms of `topics` into one matcher (cached per topics array, so calling this for
 * every meeting of a build costs one compilation; results are cached per text, so the topic and
 * speaker pages share one pass over the turns).
 */
export function compileTopicMatcher(topics: readonly Topic[]): TopicMatcher {
  const cached = matcherCache.get(topics);
  if (cached) return cached;
  const order = new Map(topics.map((t, i) => [t.id, i]));
  const byTerm = new Map<string, Set<string>>();
  for (const topic of topics) {
    for (const term of topic.terms) {
      const key = normaliseTerm(term);
      if (!key) continue;
      const ids = byTerm.get(key) ?? new Set<string>();
      ids.add(topic.id);
      byTerm.set(key, ids);
    }
  }
  // Longest alternatives first: at the leftmost position the regex engine then takes the
  // longest term, which is what hides "driver" inside "AM driver". Terms starting with a word
  // character share one leading boundary check.
  const terms = [...byTerm.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const wordStart = terms.filter((t) => wordChar.test(t[0] ?? ''));
  const otherStart = terms.filter((t) => !wordChar.test(t[0] ?? ''));
  const alternatives = [
    ...(wordStart.length ? [`(?<![A-Za-z0-9_])(?:${wordStart.map(termPattern).join('|')})`] : []),
    ...otherStart.map(termPattern),
  ];
  const regex = alternatives.length ? new RegExp(alternatives.join('|'), 'gi') : undefined;
  // Every match of `regex` starts where a run of ASCII letters and digits starts, and that run is
  // the first word of its term. So when every term starts with a letter or digit, the regex only
  // needs trying (sticky) where such a first word starts: one Set lookup per word instead of the
  // whole alternation at every position, about 4x faster over the corpus turns. Same matches, as
  // the sticky regex keeps the leading boundary check and scanning resumes where a match ended.
  const firstWords = new Set(terms.map((t) => /^[a-z0-9]+/.exec(t)?.[0] ?? ''));
  const sticky =
    regex && !firstWords.has('') ? new RegExp(alternatives.join('|'), 'iy') : undefined;
  const words = /[A-Za-z0-9]+/g;
  const matches = function* (text: string): Generator<string> {
    if (!sticky) {
      if (regex) for (const m of text.matchAll(regex)) yield m[0];
      return;
    }
    words.lastIndex = 0;
    for (let word = words.exec(text); word; word = words.exec(text)) {
      if (!firstWords.has(word[0].toLowerCase())) continue;
      sticky.lastIndex = word.index;
      const hit = sticky.exec(text);
      if (!hit) continue;
      yield hit[0];
      words.lastIndex = Math.max(words.lastIndex, sticky.lastIndex);
    }
  };
  const results = new Map<string, string[]>();
  const match = (text: string): string[] => {
    const hit = results.get(text);
    if (hit) return [...hit];
    const found = new Set<string>();
    for (const term of matches(text)) {
      for (const id of byTerm.get(normaliseTerm(term)) ?? []) found.add(id);
    }
    const ids = [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    results.set(text, ids);
    return [...ids];
  };
  const matcher = { match, order };
  matcherCache.set(topics, matcher);
  return matcher;
}

/** Topic ids whose terms occur in `text` (see the module comment for the rules). */
export function matchTopics(text: string, topics: readonly Topic[]): string[] {
  return compileTopicMatcher(topics).match(text);
}

type AssignableMeeting = Pick<Meeting, 'agenda' | 'highlights' | 'chapters' | 'topicEdits'>;

/** Topics of each agenda item, highlight and chapter of `meeting`, and of the meeting itself. */
export function assignTopics(
  meeting: AssignableMeeting,
  topics: readonly Topic[],
): TopicAssignment {
  const { match, order } = compileTopicMatcher(topics);
  const agenda = meeting.agenda.map((a) => match(a.text));
  // A highlight's group ("Other Bounties") says what it is about as much as its title does.
  const highlights = meeting.highlights.map((h) =>
    match([h.group, h.title, h.summary].filter(Boolean).join('\n')),
  );
  const chapters = meeting.chapters.map((c) => match(`${c.title}\n${c.summary}`));
  const set = new Set([...agenda, ...highlights, ...chapters].flat());
  for (const id of meeting.topicEdits.add) if (order.has(id)) set.add(id);
  for (const id of meeting.topicEdits.remove) set.delete(id);
  const meetingTopics = [...set].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return { agenda, highlights, chapters, topics: meetingTopics };
}

/**
 * Turns mentioning each topic of `topics`, in one pass over the meeting's turns. Overlaps resolve
 * as in `assignTopics`: a turn saying only "multi-output" does not mention a topic whose term is
 * "multi" when another topic of `topics` owns "multi-output".
 */
export function countMentionsByTopic(
  meeting: Pick<Meeting, 'turns'>,
  topics: readonly Topic[],
): Map<string, number> {
  const { match } = compileTopicMatcher(topics);
  const counts = new Map<string, number>();
  for (const turn of meeting.turns) {
    for (const id of match(turn.text)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** A topic that co-occurs with another one, and in how many meetings. */
export interface RelatedTopic {
  id: string;
  /** Meetings that carry both topics. */
  shared: number;
  /** `shared` over the meetings carrying either topic (Jaccard index, 0..1). */
  score: number;
}

/**
 * Topics most often discussed together with `topicId`, strongest first, from each meeting's
 * topic set (e.g. `assignTopics(m).topics`). Ranked by Jaccard index so that topics present in
 * almost every meeting (company update, bounties) do not relate to everything; ties by shared
 * count, then id. Topics sharing fewer than `minShared` meetings are left out.
 */
export function findRelatedTopics(
  topicId: string,
  meetingTopics: readonly (readonly string[])[],
  { limit = 5, minShared = 2 }: { limit?: number; minShared?: number } = {},
): RelatedTopic[] {
  const totals = new Map<string, number>();
  const shared = new Map<string, number>();
  for (const set of meetingTopics) {
    const has = set.includes(topicId);
    for (const id of new Set(set)) {
      totals.set(id, (totals.get(id) ?? 0) + 1);
      if (has && id !== topicId) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
  }
  const own = totals.get(topicId) ?? 0;
  return [...shared]
    .filter(([, n]) => n >= minShared)
    .map(([id, n]) => ({ id, shared: n, score: n / (own + (totals.get(id) ?? 0) - n) }))
    .sort((a, b) => b.score - a.score || b.shared - a.shared || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/** One meeting on a topic's timeline. */
export interface TopicMeeting {
  meeting: Pick<Meeting, 'id' | 'date' | 'title'>;
  /** Highlights about the topic, in meeting order. */
  highlights: Meeting['highlights'];
  /** Agenda items about the topic, as written. */
  agenda: string[];
  /** Chapters about the topic, in meeting order. */
  chapters: Meeting['chapters'];
  /** Turns of the meeting that mention the topic. */
  mentions: number;
}

/** Everything the topic pages show about one topic. */
export interface TopicSummary {
  topic: Topic;
  /** Meetings whose topic set (`assignTopics(...).topics`) holds the topic, in input order. */
  meetings: TopicMeeting[];
  /** Turn mentions per meeting for every meeting given, in input order (for the chart). */
  mentionsPerMeeting: { meeting: Pick<Meeting, 'id' | 'date' | 'title'>; mentions: number }[];
  related: RelatedTopic[];
}

const summaryCache = new WeakMap<readonly Meeting[], WeakMap<readonly Topic[], TopicSummary[]>>();

/**
 * One summary per topic of `topics` (same order) over `meetings` (pass them newest first; the
 * order is kept). Cached per pair of arrays, so the topic index and every topic page of a build
 * share one pass over the turns.
 */
export function summarizeTopics(
  meetings: readonly Meeting[],
  topics: readonly Topic[],
): TopicSummary[] {
  const cached = summaryCache.get(meetings)?.get(topics);
  if (cached) return cached;
  const assignments = meetings.map((m) => assignTopics(m, topics));
  const mentions = meetings.map((m) => countMentionsByTopic(m, topics));
  const sets = assignments.map((a) => a.topics);
  const summaries = topics.map((topic): TopicSummary => {
    const has = (ids: readonly string[]) => ids.includes(topic.id);
    const onTopic: TopicMeeting[] = [];
    meetings.forEach((m, i) => {
      const a = assignments[i]!;
      if (!has(a.topics)) return;
      onTopic.push({
        meeting: { id: m.id, date: m.date, title: m.title },
        highlights: m.highlights.filter((_, j) => has(a.highlights[j]!)),
        agenda: m.agenda.filter((_, j) => has(a.agenda[j]!)).map((item) => item.text),
        chapters: m.chapters.filter((_, j) => has(a.chapters[j]!)),
        mentions: mentions[i]!.get(topic.id) ?? 0,
      });
    });
    return {
      topic,
      meetings: onTopic,
      mentionsPerMeeting: meetings.map((m, i) => ({
        meeting: { id: m.id, date: m.date, title: m.title },
        mentions: mentions[i]!.get(topic.id) ?? 0,
      })),
      related: findRelatedTopics(topic.id, sets),
    };
  });
  const byTopics = summaryCache.get(meetings) ?? new WeakMap();
  byTopics.set(topics, summaries);
  summaryCache.set(meetings, byTopics);
  return summaries;
}

/**
 * How many meetings a topic page lists, newest first. A topic discussed in more meetings also
 * gets a page per year that lists all of that year's (`topicYears`), so no page grows with the
 * archive: at 11 times the corpus the heaviest topic page was 148 KB gzip with every meeting.
 */
export const topicPageSize = 50;

/** The year a meeting is filed under on topic pages: its date's, or `undated`. */
export function meetingYear(meeting: Pick<Meeting, 'date'>): string {
  return meeting.date?.slice(0, 4) ?? 'undated';
}

/** A topic's meetings by year, in the order given (newest first), when it has year pages. */
export function topicYears(
  meetings: readonly TopicMeeting[],
): { year: string; meetings: TopicMeeting[] }[] {
  if (meetings.length <= topicPageSize) return [];
  const years = new Map<string, TopicMeeting[]>();
  for (const m of meetings) {
    const year = meetingYear(m.meeting);
    years.set(year, [...(years.get(year) ?? []), m]);
  }
  return [...years].map(([year, list]) => ({ year, meetings: list }));
}
