import { BlockList, isIP } from 'node:net';

// Addresses a webhook must not reach unless private URLs are allowed: loopback, private, link-local (incl. cloud
// metadata 169.254.169.254), CGNAT, unique-local IPv6, multicast, reserved and "this network".
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export function isPrivateAddress(address: string): boolean {
  const unbracketed = address.replace(/^\[|\]$/g, '');
  const mapped = IPV4_MAPPED.exec(unbracketed);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = isIP(unbracketed);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return blocked.check(unbracketed, family === 4 ? 'ipv4' : 'ipv6');
}
