import { createHmac } from 'node:crypto';
import { cases } from '../../../test/support/table-test';
import { isValidMetaSignature, signMetaPayload } from './meta-signature';

const secret = 'app-secret-123';
const body = Buffer.from('{"object":"instagram","entry":[]}');
const good = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('Meta webhook signature', () => {
  it('signs like Meta: sha256= + hex HMAC-SHA256 of the raw bytes', () => {
    expect(signMetaPayload(body, secret)).toBe(good);
  });

  cases<[string, Buffer, string | undefined, boolean]>(
    [
      ['the right signature', body, good, true],
      ['no header', body, undefined, false],
      ['no sha256= prefix', body, good.slice(7), false],
      ['sha1 header', body, `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`, false],
      ['another secret', body, signMetaPayload(body, 'other-secret'), false],
      ['the same JSON re-serialised with a space', Buffer.from('{"object": "instagram","entry":[]}'), good, false],
      ['a truncated signature', body, good.slice(0, -2), false],
      ['upper-case hex', body, `sha256=${good.slice(7).toUpperCase()}`, false],
    ],
    (name) => `${name}`,
    (_name, raw, header, valid) => {
      expect(isValidMetaSignature(raw, header, secret)).toBe(valid);
    },
  );
});
