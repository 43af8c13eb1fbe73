/** Formats seconds as `hh:mm:ss`, the way the transcripts write times. */
export function formatTime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

/** The YouTube URL that plays `videoId` from second `t` (DESIGN.md contract). */
export function videoUrl(videoId: string, t: number): string {
  return `https://www.youtube.com/watch?v=${videoId}&t=${t}`;
}

/** Formats an ISO date (`2025-04-14`) for readers, e.g. `Mon 14 Apr 2025`, independent of locale. */
export function formatDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ][d.getUTCMonth()];
  return `${day} ${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`;
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML text and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}
