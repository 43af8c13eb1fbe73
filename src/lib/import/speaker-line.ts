/**
 * The speaker line, the one shape that starts a turn, in every form the archive uses:
 * `##### **Geohot** [[00:00:10](https://www.youtube.com/watch?v=ID&t=10)]`, `**Geohot** [00:00:10]`,
 * a heading holding only a bold name, and the malformed times around them.
 */
import { formatTime } from '../format.ts';
import { headingContent, trimLine } from './markdown-lines.ts';

const SPEAKER_LINE = /^ {0,3}(?:(#{1,6})[ \t]+)?\*\*([^*\n]+?)\*\*(.*)$/;

/**
 * Seconds in a `hh:mm:ss` / `mm:ss` label, or undefined when it is not a valid time. A minutes
 * or seconds field of exactly 60 carries over (`00:15:60` is 00:16:00): transcribers round up
 * that way, and the line is still a real turn.
 */
export function parseTimeLabel(label: string): number | undefined {
  const m = /^\s*(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:\.\d+)?\s*$/.exec(label);
  if (!m) return undefined;
  const h = Number(m[1] ?? 0);
  const min = Number(m[2]);
  const s = Number(m[3]);
  if (min > 60 || s > 60) return undefined;
  return h * 3600 + min * 60 + s;
}

/** True when a time label has a minutes or seconds field of 60, which `parseTimeLabel` carries over. */
function hasSixtyField(label: string): boolean {
  return /:60(?![0-9])/.test(label);
}

/** Seconds in a video link's `t=` parameter (`t=90`, `t=90s`, `t=1m30s`), if present. */
export function parseLinkSeconds(url: string): number | undefined {
  const m = /[?&#]t=(?:(\d+)h)?(?:(\d+)m)?(\d+)?s?(?:&|$|#)/.exec(url);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** What a speaker line says: its label, its time, and the text after the time. */
export interface SpeakerMatch {
  /** Inline markdown GitHub would slug (the heading content, or the whole plain line). */
  headingMarkdown: string;
  label: string;
  /** Seconds, or undefined when the line had no timestamp at all. */
  t?: number;
  /** Set when the line looked like a speaker line but its time could not be read. */
  badTime?: string;
  /** Text after the timestamp on the same line. */
  tail: string;
  /** A warning about how the time was recovered. */
  note?: string;
  /** The label and the link's `t=` disagree by more than a second (the label wins). */
  disagrees?: boolean;
}

/** Recognises a speaker line in any of the archive's shapes; undefined for other lines. */
export function matchSpeakerLine(text: string): SpeakerMatch | undefined {
  const m = SPEAKER_LINE.exec(trimLine(text));
  if (!m) return undefined;
  const isHeading = m[1] !== undefined;
  const label = (m[2] ?? '').trim();
  const rest = (m[3] ?? '').trimStart();
  if (label === '') return undefined;
  const headingMarkdown = isHeading
    ? headingContent(trimLine(text).replace(/^ {0,3}#+/, ''))
    : trimLine(text).trim();
  if (rest === '' || (isHeading && /^#*$/.test(rest))) {
    return isHeading ? { headingMarkdown, label, tail: '' } : undefined;
  }
  if (!rest.startsWith('[')) return undefined;
  const linked =
    /^\[\[([^\]]*)\]\(([^)\s]*)\)\](.*)$/.exec(rest) ??
    /^\[([^\]]*)\]\(([^)\s]*)\)(.*)$/.exec(rest);
  const plain = linked ? undefined : /^\[([^\]]*)\](.*)$/.exec(rest);
  const label0 = linked?.[1] ?? plain?.[1] ?? '';
  const url = linked?.[2];
  const tail = (linked?.[3] ?? plain?.[2] ?? rest).trim();
  const fromLabel = parseTimeLabel(label0);
  const fromLink = url === undefined ? undefined : parseLinkSeconds(url);
  if (fromLabel !== undefined) {
    const disagrees = fromLink !== undefined && Math.abs(fromLink - fromLabel) > 1;
    const note = hasSixtyField(label0)
      ? `timestamp "${label0.trim()}" has a field of 60; read as ${formatTime(fromLabel)} (${fromLabel} s)`
      : undefined;
    return {
      headingMarkdown,
      label,
      t: fromLabel,
      tail,
      ...(disagrees ? { disagrees } : {}),
      ...(note !== undefined ? { note } : {}),
    };
  }
  if (fromLink !== undefined) {
    const note = `malformed timestamp "${label0}"; took t=${fromLink} from the link`;
    return { headingMarkdown, label, t: fromLink, tail, note };
  }
  if (!linked && !plain) return undefined;
  return { headingMarkdown, label, badTime: label0, tail };
}

/** True when markdown text has a speaker line with a readable time, as every transcript does. */
export function looksLikeTranscript(text: string): boolean {
  return text.split('\n').some((line) => matchSpeakerLine(line)?.t !== undefined);
}
