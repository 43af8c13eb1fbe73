/**
 * Which external hosts the site may link to: the one list, derived from the hosts the community
 * transcripts link (grep the corpus for `https://`), used by tests/build/links.test.ts. A new
 * transcript linking somewhere new fails that test; add the host here on purpose.
 */

/** Hosts (exact names) that pages may link to, https only. */
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
  'stats.tinygrad.org',
  'tinycorp.myshopify.com',
];

/**
 * Why `href` (absolute) is not an acceptable external link, or undefined when it is:
 * https only, and only to an allowed host.
 */
export function checkExternalLink(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'https:') return `scheme ${url.protocol} (only https: is allowed)`;
  if (!allowedLinkHosts.includes(url.hostname)) {
    return `host ${url.hostname} is not in allowedLinkHosts (src/lib/link-policy.ts)`;
  }
  return undefined;
}
