import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * A key for one purpose, derived from ENCRYPTION_KEY (HKDF-SHA256, the purpose as `info`): one secret to configure,
 * and a signature made for one purpose never verifies for another.
 */
export function derivedKey(encryptionKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), purpose, 32));
}

function signature(key: Buffer, encoded: string): Buffer {
  return createHmac('sha256', key).update(encoded).digest();
}

/** `<base64url(JSON {p: payload, exp: ms})>.<base64url(HMAC-SHA256)>`: readable by anyone, forgeable by no one without the key. */
export function signPayload(key: Buffer, payload: Record<string, string>, expiresAt: Date): string {
  const encoded = Buffer.from(JSON.stringify({ p: payload, exp: expiresAt.getTime() })).toString('base64url');
  return `${encoded}.${signature(key, encoded).toString('base64url')}`;
}

/** The payload of a token `signPayload` made with this key and not yet expired; null for anything else. */
export function verifyPayload(key: Buffer, token: string, now: Date = new Date()): Record<string, string> | null {
  const [encoded, signed, extra] = token.split('.');
  if (!encoded || !signed || extra !== undefined) return null;
  const expected = signature(key, encoded);
  const given = Buffer.from(signed, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const decoded = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as { p?: unknown; exp?: unknown };
    if (typeof decoded.exp !== 'number' || decoded.exp <= now.getTime()) return null;
    if (typeof decoded.p !== 'object' || decoded.p === null) return null;
    const payload = decoded.p as Record<string, unknown>;
    return Object.values(payload).every((value) => typeof value === 'string') ? (payload as Record<string, string>) : null;
  } catch {
    return null;
  }
}
