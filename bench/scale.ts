/**
 * "The corpus times N" (see the design notes): the imported meetings copied N times, copy k with
 * every date moved on by 10*k years (file name, id, title, date), so each copy is a distinct
 * meeting with real text. Copy 0 is the corpus itself.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const shiftDates = (text: string, years: number) =>
  text.replace(/\b(\d{4})-(\d\d)-(\d\d)\b/g, (_, y, m, d) => `${Number(y) + years}-${m}-${d}`);

/** Writes `times` copies of the meeting files of `from` into `to`; returns the file count. */
export function scaleMeetings(from: string, to: string, times: number): number {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  let written = 0;
  for (const name of readdirSync(from).filter((n) => n.endsWith('.mdx'))) {
    const text = readFileSync(path.join(from, name), 'utf8');
    // Only the record's head is shifted: the turns' text stays as said.
    const end = text.indexOf('\nturns:\n');
    for (let k = 0; k < times; k++) {
      const head = shiftDates(text.slice(0, end), 10 * k);
      writeFileSync(path.join(to, shiftDates(name, 10 * k)), head + text.slice(end));
      written++;
    }
  }
  return written;
}
