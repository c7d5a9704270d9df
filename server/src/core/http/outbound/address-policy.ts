import ipaddr from 'ipaddr.js';

/**
 * IPv6 ranges that carry an IPv4 address, with the bit offset of that address: the IPv4 address decides.
 * NAT64 of a public address stays allowed (hosts on IPv6-only networks reach the internet through DNS64).
 */
const EMBEDDED_IPV4: { range: [ipaddr.IPv6, number]; offset: number }[] = [
  { range: ipaddr.IPv6.parseCIDR('::ffff:0:0/96'), offset: 96 }, // IPv4-mapped
  { range: ipaddr.IPv6.parseCIDR('::ffff:0:0:0/96'), offset: 96 }, // IPv4-translated (RFC 6145)
  { range: ipaddr.IPv6.parseCIDR('64:ff9b::/96'), offset: 96 }, // NAT64 (RFC 6052)
  { range: ipaddr.IPv6.parseCIDR('2002::/16'), offset: 16 }, // 6to4
  { range: ipaddr.IPv6.parseCIDR('::/96'), offset: 96 }, // IPv4-compatible (deprecated)
];

function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const found = EMBEDDED_IPV4.find(({ range }) => address.match(range));
  if (!found) return undefined;
  const bytes = address.toByteArray().slice(found.offset / 8, found.offset / 8 + 4);
  return new ipaddr.IPv4(bytes);
}

/**
 * Whether an outbound call (webhook, a flow's HTTP request) must not go to this address unless private URLs are
 * allowed. Only global unicast passes: loopback, private, link-local (cloud metadata 169.254.169.254 included),
 * CGNAT, unique-local, multicast, reserved, documentation and "this network" are refused, in both families, and so
 * is any IPv6 form that carries one of those IPv4 addresses (mapped, translated, compatible, NAT64, 6to4). Teredo
 * and local-use NAT64 hide where they lead, so they are refused whole. Anything that is not an address is refused.
 */
export function isPrivateAddress(address: string): boolean {
  const unbracketed = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(unbracketed)) return true;
  const parsed = ipaddr.parse(unbracketed);
  if (parsed instanceof ipaddr.IPv4) return parsed.range() !== 'unicast';
  const range = parsed.range();
  if (range === 'loopback' || range === 'unspecified') return true;
  const embedded = embeddedIpv4(parsed);
  if (embedded) return embedded.range() !== 'unicast';
  return range !== 'unicast';
}
