/**
 * Permalinks stay: the turn ids of every meeting, stored as `{ meetingId: { turnId: second } }`,
 * and the rule that checks a new import against them. An id may be added; it may never disappear
 * or move to another turn (detected as a different start second).
 */

/** Turn ids of each meeting with the second each turn starts at, in document order. */
export type TurnIdIndex = Record<string, Record<string, number>>;

/** The index of `meetings` (sorted by meeting id; turn ids keep document order). */
export function collectTurnIds(
  meetings: readonly { id: string; turns: readonly { id: string; t: number }[] }[],
): TurnIdIndex {
  const index: TurnIdIndex = {};
  for (const m of [...meetings].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const turns: Record<string, number> = {};
    for (const turn of m.turns) turns[turn.id] = turn.t;
    index[m.id] = turns;
  }
  return index;
}

/** Every way `current` breaks a permalink of `stored`, one sentence each naming meeting and id. */
export function findBrokenPermalinks(stored: TurnIdIndex, current: TurnIdIndex): string[] {
  const problems: string[] = [];
  for (const [meeting, turns] of Object.entries(stored)) {
    const now = current[meeting];
    if (!now) {
      problems.push(`meeting ${meeting}: gone (it had ${Object.keys(turns).length} turn ids)`);
      continue;
    }
    for (const [id, t] of Object.entries(turns)) {
      if (!Object.hasOwn(now, id)) {
        problems.push(`meeting ${meeting}: turn id ${id} (at ${t} s) was removed`);
      } else if (now[id] !== t) {
        problems.push(`meeting ${meeting}: turn id ${id} moved from ${t} s to ${now[id]} s`);
      }
    }
  }
  return problems;
}

/** Ids in `current` that `stored` does not have yet (allowed; recorded by the update script). */
export function findNewPermalinks(stored: TurnIdIndex, current: TurnIdIndex): string[] {
  const added: string[] = [];
  for (const [meeting, turns] of Object.entries(current)) {
    for (const id of Object.keys(turns)) {
      if (!stored[meeting] || !Object.hasOwn(stored[meeting], id)) added.push(`${meeting}#${id}`);
    }
  }
  return added;
}
