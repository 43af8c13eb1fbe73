/**
 * Resolving highlight links to turns. About one link in nine in the archive points at an anchor
 * that does not exist (seconds written as hhmmss or the reverse, misspelt speakers, letter case,
 * a turn a few seconds off); each is matched to the intended turn and the repair is recorded.
 */
import { slugText } from './anchors.ts';
import { toSpeakerKey, type SpeakerRegistry } from './speakers.ts';
import type { Highlight } from '../schema.ts';

/** The parts of a turn that resolution looks at. */
export interface TurnRef {
  id: string;
  t: number;
  speakers: string[];
}

/** Everything a highlight can land on in one meeting. */
export interface AnchorTargets {
  turns: TurnRef[];
  /** Slugs of non-turn headings inside the transcript (e.g. `dsp-briefing`) → the turn holding them. */
  headings: Map<string, string>;
  registry: SpeakerRegistry;
}

/** Where a highlight landed and, when repaired or unresolved, why. */
export interface AnchorResolution {
  resolution: Highlight['resolution'];
  turn?: string;
  /** Human-readable account of the repair or failure; absent for exact matches. */
  reason?: string;
}

// How far (seconds) a repaired link may be from its turn: same speaker / any speaker.
const SAME_SPEAKER_WINDOW = 15;
const ANY_SPEAKER_WINDOW = 3;
// Last resort: the speaker's next turn this soon after the time (summaries often lead a turn).
const NEXT_TURN_WINDOW = 60;

/** Resolves one anchor (without `#`) to a turn: exact, else repaired, else unresolved. */
export function resolveHighlightAnchor(anchor: string, targets: AnchorTargets): AnchorResolution {
  const ids = new Set(targets.turns.map((turn) => turn.id));
  if (ids.has(anchor)) return { resolution: 'exact', turn: anchor };
  const heading = targets.headings.get(anchor);
  if (heading !== undefined) return { resolution: 'exact', turn: heading };

  const normalized = slugText(decodeAnchor(anchor));
  if (ids.has(normalized)) {
    return {
      resolution: 'repaired',
      turn: normalized,
      reason: 'letter case or spelling of anchor',
    };
  }
  const normalizedHeading = targets.headings.get(normalized);
  if (normalizedHeading !== undefined) {
    return { resolution: 'repaired', turn: normalizedHeading, reason: 'letter case of anchor' };
  }

  const parsed = /^(.*?)-?(\d+)(?:-(\d{1,2}))?$/.exec(normalized);
  if (!parsed) return { resolution: 'unresolved', reason: 'anchor names no speaker and time' };
  const speakerPart = parsed[1] ?? '';
  const times = candidateSeconds(parsed[2] ?? '');
  const people = matchSpeakerSlug(speakerPart, targets.registry);
  const sameSpeaker = (turn: TurnRef) =>
    (speakerPart !== '' && turn.id.startsWith(`${speakerPart}-`)) ||
    turn.speakers.some((id) => people.has(id));

  // Readings are tried in order (hhmmss first, as written); the first that lands wins.
  for (const reading of times) {
    const one = [reading];
    const best = nearestTurn(targets.turns, one, SAME_SPEAKER_WINDOW, sameSpeaker);
    if (best) {
      return { resolution: 'repaired', turn: best.turn.id, reason: describe(best, 'same speaker') };
    }
    const any = nearestTurn(targets.turns, one, ANY_SPEAKER_WINDOW, () => true);
    if (any) {
      return { resolution: 'repaired', turn: any.turn.id, reason: describe(any, 'other speaker') };
    }
    const containing = containingTurn(targets.turns, one, sameSpeaker);
    if (containing) {
      return {
        resolution: 'repaired',
        turn: containing.turn.id,
        reason: `time read as ${containing.reading}, inside a longer turn by the same speaker`,
      };
    }
  }
  const later = nextTurnWithin(targets.turns, times, NEXT_TURN_WINDOW, sameSpeaker);
  if (later) {
    return {
      resolution: 'repaired',
      turn: later.turn.id,
      reason: describe(later, 'next turn by the same speaker'),
    };
  }
  return { resolution: 'unresolved', reason: 'no turn by that speaker near that time' };
}

function decodeAnchor(anchor: string): string {
  try {
    return decodeURIComponent(anchor);
  } catch {
    return anchor;
  }
}

interface Candidate {
  turn: TurnRef;
  distance: number;
  reading: string;
}

/** Reads the digits of an anchor as hhmmss and as plain seconds (both occur in the archive). */
function candidateSeconds(digits: string): { t: number; reading: string }[] {
  const out: { t: number; reading: string }[] = [];
  if (digits.length >= 5 && digits.length <= 6) {
    const padded = digits.padStart(6, '0');
    const h = Number(padded.slice(0, 2));
    const m = Number(padded.slice(2, 4));
    const s = Number(padded.slice(4, 6));
    if (m < 60 && s < 60) out.push({ t: h * 3600 + m * 60 + s, reading: 'hhmmss' });
  }
  out.push({ t: Number(digits), reading: 'seconds' });
  if (digits.length === 4) {
    const m = Number(digits.slice(0, 2));
    const s = Number(digits.slice(2));
    if (s < 60) out.push({ t: m * 60 + s, reading: 'mmss' });
  }
  return out;
}

function nearestTurn(
  turns: TurnRef[],
  times: { t: number; reading: string }[],
  window: number,
  accept: (turn: TurnRef) => boolean,
): Candidate | undefined {
  let best: Candidate | undefined;
  for (const { t, reading } of times) {
    for (const turn of turns) {
      const distance = Math.abs(turn.t - t);
      if (distance > window || !accept(turn)) continue;
      if (!best || distance < best.distance) best = { turn, distance, reading };
    }
  }
  return best;
}

/** The first accepted turn starting at most `window` seconds after one of the times. */
function nextTurnWithin(
  turns: TurnRef[],
  times: { t: number; reading: string }[],
  window: number,
  accept: (turn: TurnRef) => boolean,
): Candidate | undefined {
  let best: Candidate | undefined;
  for (const { t, reading } of times) {
    const turn = turns.find((x) => x.t >= t && x.t - t <= window && accept(x));
    if (turn && (!best || turn.t - t < best.distance))
      best = { turn, distance: turn.t - t, reading };
  }
  return best;
}

/** The turn by the speaker whose span (until the next turn) contains one of the times. */
function containingTurn(
  turns: TurnRef[],
  times: { t: number; reading: string }[],
  accept: (turn: TurnRef) => boolean,
): Candidate | undefined {
  for (const { t, reading } of times) {
    for (let k = 0; k < turns.length; k++) {
      const turn = turns[k]!;
      const end = turns[k + 1]?.t ?? Number.POSITIVE_INFINITY;
      if (turn.t <= t && t < end && accept(turn)) return { turn, distance: t - turn.t, reading };
    }
  }
  return undefined;
}

function describe(candidate: Candidate, who: string): string {
  const off = candidate.distance === 0 ? 'same second' : `${candidate.distance} s away`;
  return `time read as ${candidate.reading}, ${who}, ${off}`;
}

/** Canonical ids whose id, name or alias slugs to the speaker part of an anchor. */
function matchSpeakerSlug(speakerPart: string, registry: SpeakerRegistry): Set<string> {
  const people = new Set<string>();
  if (speakerPart === '') return people;
  const direct = registry.byKey.get(toSpeakerKey(speakerPart.replace(/-/g, ' ')));
  if (direct !== undefined) people.add(direct);
  for (const speaker of registry.speakers) {
    for (const spelling of [speaker.id, speaker.name, ...speaker.aliases]) {
      if (slugText(spelling) === speakerPart) people.add(speaker.id);
    }
  }
  return people;
}
