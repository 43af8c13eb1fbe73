/**
 * Renders a meeting's transcript to one HTML string. Turns are rendered here rather than as one
 * Astro component each because a meeting has up to ~1,900 turns: a string keeps the markup
 * minimal (page weight) and the build fast. Every piece of untrusted text is escaped here.
 */
import { escapeHtml, formatTime, videoUrl } from '../format.ts';
import { speakerUrl } from './links.ts';
import { renderInline } from './render-text.ts';
import type { Turn } from '../schema.ts';

export interface TranscriptOptions {
  /** YouTube video id; when absent, times are shown without a link. */
  youtube?: string | undefined;
  /** Titles of the highlights that begin at a turn, keyed by turn id. */
  markers?: ReadonlyMap<string, readonly string[]>;
  /** Display names of the speakers that have a page, keyed by speaker id. */
  speakerNames: ReadonlyMap<string, string>;
  /** Heading level of each turn (the level above it is used for highlight markers). */
  level?: number;
}

/** The speaker part of a turn heading: a link per known person, the label as written otherwise. */
export function renderSpeaker(turn: Turn, speakerNames: ReadonlyMap<string, string>): string {
  const known = turn.speakers.filter((id) => speakerNames.has(id));
  const label = escapeHtml(turn.speaker);
  if (known.length === 1 && turn.speakers.length === 1) {
    return `<a class="spk" href="${speakerUrl(known[0]!)}">${label}</a>`;
  }
  if (known.length === 0) {
    return `<span class="spk" title="Speaker not identified">${label}</span>`;
  }
  const links = known
    .map((id) => `<a href="${speakerUrl(id)}">${escapeHtml(speakerNames.get(id) ?? id)}</a>`)
    .join(', ');
  return `<span class="spk">${label}</span> <span class="spks">(${links})</span>`;
}

/**
 * Renders every turn: `<div class="turn">` holding a heading with the anchor id (the turn's only
 * id: scripts find a turn by it), then the text. The id is not repeated on the `div`: at 3-4
 * bytes gzip a turn, it made the median meeting page 1.1 KB and the largest 6.8 KB heavier.
 */
export function renderTranscript(turns: readonly Turn[], options: TranscriptOptions): string {
  const level = options.level ?? 4;
  const parts: string[] = [];
  for (const turn of turns) {
    for (const title of options.markers?.get(turn.id) ?? []) {
      parts.push(`<h${level - 1} class="mark">${escapeHtml(title)}</h${level - 1}>`);
    }
    const time = formatTime(turn.t);
    const timeHtml = options.youtube
      ? `<a class="ts" href="${escapeHtml(videoUrl(options.youtube, turn.t))}">${time}</a>`
      : `<span class="ts">${time}</span>`;
    parts.push(
      `<div class="turn"><h${level} id="${turn.id}">` +
        `${renderSpeaker(turn, options.speakerNames)} ${timeHtml} ` +
        `<a class="pl" href="#${turn.id}" aria-label="Permalink to this turn">#</a></h${level}>` +
        `<p>${renderInline(turn.text)}</p></div>`,
    );
  }
  return parts.join('');
}
