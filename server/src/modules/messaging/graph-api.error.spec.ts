import { cases } from '../../../test/support/table-test';
import { parseGraphError } from './graph-api.error';

const meta = (code: number, subcode?: number) => ({
  error: { message: `(#${code}) x`, type: 'OAuthException', code, error_subcode: subcode, fbtrace_id: 'T' },
});

describe('parseGraphError', () => {
  cases(
    [
      [400, meta(4), 'rate_limited', true],
      [400, meta(613), 'rate_limited', true],
      [400, meta(80002), 'rate_limited', true],
      [400, meta(10, 2018278), 'window_closed', false],
      [400, meta(10, 2534022), 'window_closed', false],
      [400, meta(190, 463), 'invalid_token', false],
      [400, meta(551), 'recipient_unavailable', false],
      [500, meta(2), 'transient', true],
      [503, { unexpected: true }, 'transient', true],
      [400, meta(100), 'rejected', false],
      [403, meta(10), 'rejected', false],
    ] as Array<[number, unknown, string, boolean]>,
    (status, body, kind) => `HTTP ${status} ${JSON.stringify(body)} is ${kind}`,
    (status, body, kind, retryable) => {
      const error = parseGraphError(status, body);
      expect(error.kind).toBe(kind);
      expect(error.retryable).toBe(retryable);
    },
  );

  it('keeps Meta code, subcode, message and trace id', () => {
    const error = parseGraphError(400, meta(10, 2018278));
    expect(error).toMatchObject({ httpStatus: 400, code: 10, subcode: 2018278, message: '(#10) x', fbtraceId: 'T' });
  });
});
