import { describe, expect, it } from '../testing/spec';
import { decodeCursor, encodeCursor } from './pagination';

describe('cursors', () => {
  it('round-trip a position', () => {
    const createdAt = new Date('2026-11-23T10:00:00.123Z');
    expect(decodeCursor(encodeCursor({ createdAt, id: 'abc' }))).toEqual({ createdAt: createdAt.toISOString(), id: 'abc' });
  });

  it('refuse anything this API did not issue with invalid_cursor', () => {
    for (const junk of ['', 'not-base64!', Buffer.from('{"c":1}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      expect(() => decodeCursor(junk)).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
    }
  });
});
