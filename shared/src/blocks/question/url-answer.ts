/** Dot-separated labels ending in a top-level domain of letters (or its punycode form, `xn--…`). */
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z\d-]{2,59})$/u;

/**
 * A typed web address, normalised by the WHATWG URL parser (scheme and host lower-cased, default port dropped, `/`
 * for an empty path), or null. Only http and https; "example.com/shop" is read as https. The host must be a domain
 * name, not a bare word or an IP address, and carry no credentials.
 */
export function normalizeUrlAnswer(text: string): string | null {
  const answer = text.trim();
  if (!answer || /\s/.test(answer)) return null;
  const withScheme = /^[a-z][a-z\d+.-]*:/i.test(answer) && !/^[^/:]+:\d+(\/|$)/.test(answer) ? answer : `https://${answer}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return DOMAIN.test(url.hostname.replace(/\.$/, '')) ? url.href : null;
}
