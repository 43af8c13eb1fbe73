/**
 * Speaker registry: maps the archive's spellings of a name ("Sieds Lykles", "Chneyu", "B1TG")
 * to canonical speaker ids, and represents several or unknown speakers honestly.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { speakersFileSchema, type Speaker } from '../schema.ts';
import { SourceError } from '../source-error.ts';

/** Lookup from a normalised spelling to a canonical speaker id. */
export interface SpeakerRegistry {
  speakers: Speaker[];
  byKey: Map<string, string>;
}

/** How one speaker label resolved: every known id, plus the parts nobody matched. */
export interface LabelResolution {
  ids: string[];
  /** Label parts that name no registered person (e.g. a new spelling); kept as written. */
  unknown: string[];
}

// Labels that honestly mean "we don't know who spoke": never warned about, never guessed.
const ANONYMOUS = /^(unknown|unknown speaker|speaker[ _-]?\d+|\?+)$/i;
// Separators between several people in one label: "A & B", "A, B and C", "A or B", "A / B".
const SEPARATORS = /\s*(?:&|,|\+|\/|\band\b|\bor\b)\s*/i;

/** Normalises a spelling for matching only: NFC, case-folded, inner whitespace collapsed. */
export function toSpeakerKey(label: string): string {
  return label.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Builds a registry; throws when two people claim the same spelling. */
export function createSpeakerRegistry(speakers: Speaker[]): SpeakerRegistry {
  const byKey = new Map<string, string>();
  for (const speaker of speakers) {
    for (const spelling of [speaker.id, speaker.name, ...speaker.aliases]) {
      const key = toSpeakerKey(spelling);
      const owner = byKey.get(key);
      if (owner !== undefined && owner !== speaker.id) {
        throw new Error(
          `speaker spelling "${spelling}" belongs to both ${owner} and ${speaker.id}`,
        );
      }
      byKey.set(key, speaker.id);
    }
  }
  return { speakers, byKey };
}

/** Parses and validates content/speakers.yaml text; errors carry line and column. */
export function parseSpeakersFile(text: string): Speaker[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const [line, column] = error.linePos?.[0]
        ? [error.linePos[0].line, error.linePos[0].col]
        : [1, 1];
      throw new SourceError(`invalid YAML: ${error.message.split('\n')[0]}`, line, column);
    }
    throw error;
  }
  const result = speakersFileSchema.safeParse(data ?? []);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw new SourceError(`invalid speaker entry at ${path}: ${issue?.message}`, 1, 1);
  }
  const seen = new Set<string>();
  for (const speaker of result.data) {
    if (seen.has(speaker.id)) throw new SourceError(`duplicate speaker id "${speaker.id}"`, 1, 1);
    seen.add(speaker.id);
  }
  return result.data;
}

/** Splits a label naming several people ("Geohot, Chenyu & Nimlgen") into its parts. */
export function splitSpeakerLabel(label: string): string[] {
  return label
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Maps a speaker label to canonical ids; anonymous labels map to none and are not unknown. */
export function resolveSpeakerLabel(registry: SpeakerRegistry, label: string): LabelResolution {
  const ids: string[] = [];
  const unknown: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  const whole = registry.byKey.get(toSpeakerKey(label));
  if (whole !== undefined) return { ids: [whole], unknown };
  if (ANONYMOUS.test(toSpeakerKey(label))) return { ids, unknown };
  for (const part of splitSpeakerLabel(label)) {
    const key = toSpeakerKey(part);
    const id = registry.byKey.get(key);
    if (id !== undefined) add(id);
    else if (!ANONYMOUS.test(key)) unknown.push(part);
  }
  return { ids, unknown };
}
