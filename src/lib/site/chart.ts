/** Chart bars for a series over meetings (the topic and speaker pages' charts over time). */
import type { Meeting } from '../schema.ts';

/** At most this many bars in a chart over time; more meetings are summed by month, then year. */
export const chartBars = 150;

/**
 * A series over meetings (oldest first) as chart bars: one per meeting while they fit in
 * `chartBars`, else one per month, else one per year (dated meetings only then); each bar's
 * value is the sum of its meetings'.
 */
export function binSeries(
  series: readonly { meeting: Pick<Meeting, 'date' | 'title'>; value: number }[],
  max = chartBars,
): { bars: { label: string; value: number }[]; per: 'meeting' | 'month' | 'year' } {
  if (series.length <= max) {
    const bars = series.map((s) => ({ label: s.meeting.date ?? s.meeting.title, value: s.value }));
    return { bars, per: 'meeting' };
  }
  const sum = (length: number) => {
    const bins = new Map<string, number>();
    for (const s of series) {
      if (!s.meeting.date) continue;
      const key = s.meeting.date.slice(0, length);
      bins.set(key, (bins.get(key) ?? 0) + s.value);
    }
    return [...bins].map(([label, value]) => ({ label, value }));
  };
  const months = sum(7);
  return months.length <= max ? { bars: months, per: 'month' } : { bars: sum(4), per: 'year' };
}
