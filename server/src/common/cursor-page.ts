import { HttpStatus } from '@nestjs/common';
import { AppException } from './app.exception';

/** The list shape of every paginated endpoint. */
export interface CursorPage<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;

/** Cursors are opaque to clients: the keyset values of the last row, base64url-encoded. */
export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((value) => typeof value === 'string')) return values;
  } catch {
    // falls through to the error below
  }
  throw new AppException(HttpStatus.BAD_REQUEST, 'invalid_cursor', 'The cursor is not one this API returned.');
}

/** Call with limit + 1 rows fetched: the extra row only tells whether another page exists. */
export function toCursorPage<Row, T>(rows: Row[], limit: number, keyset: (row: Row) => string[], present: (row: Row) => T): CursorPage<T> {
  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return { data: page.map(present), has_more: hasMore, next_cursor: hasMore ? encodeCursor(keyset(page[page.length - 1])) : null };
}
