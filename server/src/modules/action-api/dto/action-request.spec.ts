import { cases } from '../../../../test/support/table-test';
import { parseActionRequest } from './action-request';

const text = { text: 'Hello!' };

describe('parseActionRequest: InstantDM 400s, verbatim', () => {
  cases(
    [
      [{ action: 'post_comment', comment_text: 'x' }, 'missing_comment_fields', 'Missing comment_id or comment_text'],
      [{ action: 'post_comment', comment_id: '1', comment_text: '' }, 'missing_comment_fields', 'Missing comment_id or comment_text'],
      [{ action: 'send_message', message: text }, 'missing_recipient_id', 'Missing recipient_id'],
      [{ action: 'send_message', type: 'comment_reply', message: text }, 'missing_comment_id', 'Missing comment_id for comment_reply'],
      [{ action: 'send_message', recipient_id: '1' }, 'missing_message', 'Missing message'],
      [{ action: 'send_message', recipient_id: '1', message: null }, 'missing_message', 'Missing message'],
      [{ action: 'like_post' }, 'unknown_action', 'Unknown action'],
      [{}, 'unknown_action', 'Unknown action'],
      [[{ action: 'post_comment' }], 'unknown_action', 'Unknown action'],
      [{ action: 'send_message', type: 'story', recipient_id: '1', message: text }, 'invalid_type', 'type must be "dm" or "comment_reply"'],
      [
        { action: 'send_message', recipient_id: 12345, message: text },
        'invalid_field',
        expect.stringContaining('recipient_id must be an Instagram id'),
      ],
      [
        { action: 'post_comment', comment_id: '../me/messages', comment_text: 'x' },
        'invalid_field',
        expect.stringContaining('comment_id must be an Instagram id'),
      ],
      [
        { action: 'post_comment', comment_id: '1', comment_text: 'x'.repeat(2201) },
        'invalid_field',
        'comment_text must be at most 2200 characters',
      ],
    ] as Array<[unknown, string, unknown]>,
    (body, code) => `${JSON.stringify(body)} → ${code}`,
    (body, code, message) => {
      expect(() => parseActionRequest(body)).toThrow();
      try {
        parseActionRequest(body);
      } catch (error) {
        expect(error).toMatchObject({ status: 400, code, message });
      }
    },
  );

  it('defaults type to dm and keeps the optional instagram_account_id', () => {
    expect(
      parseActionRequest({
        action: 'send_message',
        recipient_id: '2358708294634624',
        message: text,
        instagram_account_id: '17841400000000001',
      }),
    ).toEqual({
      action: 'send_message',
      type: 'dm',
      recipientId: '2358708294634624',
      message: text,
      instagramAccount: '17841400000000001',
    });
  });
});
