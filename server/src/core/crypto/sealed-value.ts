import type { TokenCipher } from './token-cipher';

/** A secret kept inside a JSON document (a flow's HTTP header credential): `enc:` + the cipher's stored form. */
const SEALED_PREFIX = 'enc:';

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

export function seal(cipher: TokenCipher, plaintext: string): string {
  return `${SEALED_PREFIX}${cipher.encrypt(plaintext)}`;
}

/** The plaintext of a sealed value (a value that isn't sealed is returned as it is); throws when it can't be opened. */
export function unseal(cipher: TokenCipher, value: string): string {
  return isSealed(value) ? cipher.decrypt(value.slice(SEALED_PREFIX.length)) : value;
}

/** The plaintext, or null when the value is not one this key sealed. */
export function tryUnseal(cipher: TokenCipher, value: string): string | null {
  try {
    return unseal(cipher, value);
  } catch {
    return null;
  }
}
