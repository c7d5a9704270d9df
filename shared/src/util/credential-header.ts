/**
 * Header names that carry credentials: their literal values in a flow's HTTP request block are stored encrypted and
 * shown masked (the editor too uses this to show them as secrets).
 */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|key|token|secret|password|passwd|auth|signature|session/i;

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADER.test(name);
}

/** How the API shows a stored credential: never the value, at most its last 4 characters. */
export function maskCredential(value: string): string {
  return value.length <= 8 ? '****' : `****${value.slice(-4)}`;
}

/** A value the API showed masked, sent back unchanged: the stored credential is kept. */
export function isMaskedCredential(value: string): boolean {
  return /^\*{4}[\s\S]{0,4}$/.test(value);
}
