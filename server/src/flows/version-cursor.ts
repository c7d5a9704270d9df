import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception';

// Versions are numbered per flow and never change, so the version number alone is a stable keyset cursor.
export function encodeVersionCursor(version: number): string {
  return Buffer.from(JSON.stringify({ v: version })).toString('base64url');
}

export function decodeVersionCursor(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown };
    if (typeof parsed.v === 'number' && Number.isInteger(parsed.v)) return parsed.v;
  } catch {
    // fall through to the error below
  }
  throw new AppException(HttpStatus.BAD_REQUEST, 'invalid_cursor', 'The cursor is not one this API returned.');
}
