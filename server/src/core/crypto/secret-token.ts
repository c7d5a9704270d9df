import { createHash, randomBytes } from 'node:crypto';

export interface SecretToken {
  /** Given to its holder once (a cookie, an invite link); never stored. */
  token: string;
  /** SHA-256 hex of the token: what the database keeps and looks up. */
  hash: string;
}

/** 32 random bytes: too many to guess, so a fast hash is enough to store them (as with API keys). */
export function generateSecretToken(): SecretToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
