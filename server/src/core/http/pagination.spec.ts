import { decodeCursor, encodeCursor } from './pagination';

describe('cursors', () => {
  it('round-trip a position', () => {
    const createdAt = new Date('2026-11-23T10:00:00.123Z');
    const id = '0b6f4c36-5d0e-4a7e-9a4f-3c2b1a0f9e8d';
    expect(decodeCursor(encodeCursor({ createdAt, id }))).toEqual({ createdAt: createdAt.toISOString(), id });
  });

  it('refuse anything this API did not issue with invalid_cursor', () => {
    const forged = (position: unknown) => Buffer.from(JSON.stringify(position)).toString('base64url');
    const junks = [
      '',
      'not-base64!',
      forged({ c: 1 }),
      forged([]),
      // Well-formed JSON whose values Postgres would refuse: they must never reach the query.
      forged({ c: '2026-11-23T10:00:00.123Z', i: 'not-a-uuid' }),
      forged({ c: '1', i: '0b6f4c36-5d0e-4a7e-9a4f-3c2b1a0f9e8d' }),
      forged({ c: '2026-11-23', i: '0b6f4c36-5d0e-4a7e-9a4f-3c2b1a0f9e8d' }),
    ];
    for (const junk of junks) {
      expect(() => decodeCursor(junk)).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
    }
  });
});
