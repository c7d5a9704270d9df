import { sendMessageBlock } from '../blocks/send-message/send-message.block';
import { validateConfig } from '../kernel/config-validation';
import { characterCount, truncateUtf8, utf8ByteLength } from './utf8-text';

describe('UTF-8 text, the unit of Instagram message text', () => {
  it('counts bytes and characters', () => {
    expect([utf8ByteLength('abc'), utf8ByteLength('é'), utf8ByteLength('👍')]).toEqual([3, 2, 4]);
    expect(characterCount('a👍é')).toBe(3);
  });

  it('truncates to whole characters within the byte budget', () => {
    expect(truncateUtf8('abc', 5)).toBe('abc');
    expect(truncateUtf8('ééé', 5)).toBe('éé');
    expect(truncateUtf8('a👍', 4)).toBe('a');
  });

  it('lets the send_message block take 1,000 bytes of text, not 1,000 characters', () => {
    const check = (text: string) => validateConfig(sendMessageBlock, { ...sendMessageBlock.defaults(), text });
    expect(check('é'.repeat(500))).toEqual([]);
    expect(check('é'.repeat(501))).toEqual([{ field: 'text', message: 'text must be at most 1000 bytes (UTF-8)' }]);
  });
});
