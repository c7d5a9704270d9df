import { randomBytes, randomInt } from 'node:crypto';

/** Ids shaped like Meta's: message ids are base64 "aWdf..." strings, comment and user ids long digit strings. */
export function messageId(): string {
  return Buffer.from(`ig_message_${randomBytes(18).toString('hex')}`).toString('base64url');
}

export function numericId(prefix: string, digits: number): string {
  let id = prefix;
  while (id.length < digits) id += String(randomInt(0, 10));
  return id;
}

export function traceId(): string {
  return randomBytes(12).toString('base64url');
}
