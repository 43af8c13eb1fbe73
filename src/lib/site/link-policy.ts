/**
 * Which external hosts the site may link to: the hosts any archive's transcripts link here, plus
 * the archive's own (`linkHosts` in archive.yaml), derived from the hosts the transcripts link
 * (grep the corpus for `https://`); used by tests/build/links.test.ts. A new transcript linking
 * somewhere new fails that test; add the host to archive.yaml on purpose.
 */

/** Hosts (exact names) that every archive's pages may link to, https only. */
export const allowedLinkHosts: readonly string[] = [
  // videos and recordings
  'www.youtube.com',
  'youtube.com',
  'youtu.be',
  'drive.google.com',
  // code and posts the meetings refer to
  'github.com',
  'x.com',
  'twitter.com',
  'en.wikipedia.org',
  'peps.python.org',
  'semianalysis.com',
];

/**
 * Why `href` (absolute) is not an acceptable external link, or undefined when it is:
 * https only, and only to an allowed host or one of the archive's `extraHosts`.
 */
export function checkExternalLink(
  href: string,
  extraHosts: readonly string[] = [],
): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'https:') return `scheme ${url.protocol} (only https: is allowed)`;
  if (!allowedLinkHosts.includes(url.hostname) && !extraHosts.includes(url.hostname)) {
    return `host ${url.hostname} is not in allowedLinkHosts (src/lib/site/link-policy.ts) or linkHosts (archive.yaml)`;
  }
  return undefined;
}
