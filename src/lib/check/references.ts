/** References inside a record: ids that must be unique, and turn ids that must exist. */
import type { Diagnostic } from '../diagnostics.ts';
import type { LocateYamlPath } from '../yaml-locate.ts';
import { error, isRecord } from './report.ts';

/** Turn ids are unique; highlights and chapters point at turns that exist. */
export function checkTurnReferences(
  file: string,
  data: unknown,
  locate: LocateYamlPath,
  diagnostics: Diagnostic[],
): void {
  if (!isRecord(data) || !Array.isArray(data['turns'])) return;
  const turns: unknown[] = data['turns'];
  const ids = new Map<string, number>();
  turns.forEach((turn, i) => {
    const id = isRecord(turn) ? turn['id'] : undefined;
    if (typeof id !== 'string') return;
    const first = ids.get(id);
    if (first === undefined) {
      ids.set(id, i);
      return;
    }
    const { line, column } = locate(['turns', i, 'id']);
    const firstLine = locate(['turns', first, 'id']).line;
    diagnostics.push(
      error(
        file,
        line,
        column,
        `turns.${i}.id: duplicate turn id "${id}" (first used by turns.${first} at line ${firstLine}): turn ids are permalinks and must be unique in a meeting; give the later turn the next free suffix ("${id}-1", "${id}-2", ...)`,
      ),
    );
  });
  for (const [field, advice] of [
    [
      'highlights',
      'set it to an existing turn id, or remove `turn` and set `resolution: unresolved`',
    ],
    ['chapters', 'set it to the id of the first turn at or after the chapter time, or remove it'],
  ] as const) {
    const list = data[field];
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, i: number) => {
      const turn = isRecord(item) ? item['turn'] : undefined;
      if (typeof turn !== 'string' || ids.has(turn)) return;
      const { line, column } = locate([field, i, 'turn']);
      diagnostics.push(
        error(
          file,
          line,
          column,
          `${field}.${i}.turn: no turn in this meeting has the id "${turn}": ${advice}`,
        ),
      );
    });
  }
}

/** Entries of a YAML data file (a list of records with ids) have unique ids. */
export function checkUniqueIds(
  file: string,
  data: unknown,
  locate: LocateYamlPath,
  diagnostics: Diagnostic[],
): void {
  if (!Array.isArray(data)) return;
  const seen = new Map<string, number>();
  data.forEach((entry: unknown, i: number) => {
    const id = isRecord(entry) ? entry['id'] : undefined;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      return;
    }
    const { line: firstLine } = locate([first, 'id']);
    const { line, column } = locate([i, 'id']);
    diagnostics.push(
      error(
        file,
        line,
        column,
        `${i}.id: duplicate id "${id}" (first at line ${firstLine}): ids appear in URLs and must be unique; merge the two entries or rename one`,
      ),
    );
  });
}
