import { flowIdNamedBy, triggerContextFor, triggerInputs } from '../blocks/trigger/inbound-trigger';
import { normalizeInboundEvent, type InstagramEventKind } from './inbound-event';
import type { InstagramChange, InstagramMessaging } from './webhook-event';

const IG = '1784';
// What the server's webhook splitter does for a one-event entry: classify it, keep it in its envelope.
const read = (entry: { changes?: InstagramChange[]; messaging?: InstagramMessaging[] }) => {
  const change = entry.changes?.[0];
  const kind: InstagramEventKind = change
    ? change.field === 'live_comments'
      ? 'live_comment'
      : 'comment'
    : entry.messaging?.[0]?.postback
      ? 'postback'
      : 'message';
  return normalizeInboundEvent(kind, { object: 'instagram', entry: [{ id: IG, time: 1, ...entry }] });
};

describe('normalizeInboundEvent and triggerInputs', () => {
  it('reads a comment and asks the matcher about its text and post', () => {
    const inbound = read({
      changes: [{ field: 'comments', value: { id: 'c1', text: 'Price?', from: { id: 'u1', username: 'jdoe' }, media: { id: 'm1' } } }],
    });
    expect(inbound).toEqual({ kind: 'comment', senderId: 'u1', username: 'jdoe', commentId: 'c1', mediaId: 'm1', text: 'Price?' });
    expect(triggerInputs(inbound!)).toEqual([{ kind: 'comment', text: 'Price?', mediaId: 'm1' }]);
    expect(triggerContextFor(inbound!)).toEqual({ kind: 'comment', text: 'Price?', commentId: 'c1', mediaId: 'm1' });
  });

  it('reads a live comment as a live comment', () => {
    const inbound = read({
      changes: [{ field: 'live_comments', value: { id: 'c2', text: 'win', from: { id: 'u1' }, media: { id: 'live1' } } }],
    });
    expect(triggerInputs(inbound!)).toEqual([{ kind: 'live_comment', text: 'win', mediaId: 'live1' }]);
  });

  it('reads a story reply as a story reply', () => {
    const inbound = read({
      messaging: [{ sender: { id: 'u1' }, message: { mid: 'm1', text: 'wow', reply_to: { story: { id: 's1', url: 'x' } } } }],
    });
    expect(triggerInputs(inbound!)).toEqual([{ kind: 'story_reply', text: 'wow', storyId: 's1' }]);
    expect(triggerContextFor(inbound!)).toEqual({ kind: 'story_reply', text: 'wow', storyId: 's1' });
  });

  it('tries a quick-reply tap as its payload first, then as its text', () => {
    const inbound = read({
      messaging: [{ sender: { id: 'u1' }, message: { mid: 'm1', text: 'Yes', quick_reply: { payload: 'QR_YES' } } }],
    });
    expect(inbound).toMatchObject({ kind: 'message', mid: 'm1', quickReplyPayload: 'QR_YES' });
    expect(triggerInputs(inbound!)).toEqual([
      { kind: 'postback', payload: 'QR_YES' },
      { kind: 'dm', text: 'Yes' },
    ]);
  });

  it('reads an attachment-only DM as an empty text', () => {
    const inbound = read({
      messaging: [{ sender: { id: 'u1' }, message: { mid: 'm1', attachments: [{ type: 'image', payload: { url: 'x' } }] } }],
    });
    expect(triggerInputs(inbound!)).toEqual([{ kind: 'dm', text: '' }]);
  });

  it('carries a DM’s attachments with their URLs (for file and image questions), skipping any without one', () => {
    const inbound = read({
      messaging: [
        {
          sender: { id: 'u1' },
          message: {
            mid: 'm1',
            text: 'my CV',
            attachments: [
              { type: 'file', payload: { url: 'https://cdn.example/cv.pdf' } },
              { type: 'image', payload: {} },
            ],
          },
        },
      ],
    });
    expect(inbound).toMatchObject({ kind: 'message', text: 'my CV', attachments: [{ type: 'file', url: 'https://cdn.example/cv.pdf' }] });
    expect(read({ messaging: [{ sender: { id: 'u1' }, message: { mid: 'm2', text: 'hi' } }] })).not.toHaveProperty('attachments');
  });

  it('reads a postback', () => {
    const inbound = read({ messaging: [{ sender: { id: 'u1' }, postback: { mid: 'p1', title: 'Start', payload: 'START' } }] });
    expect(inbound).toEqual({ kind: 'postback', senderId: 'u1', mid: 'p1', payload: 'START', title: 'Start' });
    expect(triggerInputs(inbound!)).toEqual([{ kind: 'postback', payload: 'START' }]);
  });

  it('refuses a postback without payload', () => {
    expect(read({ messaging: [{ sender: { id: 'u1' }, postback: { mid: 'p1', title: 'Start' } }] })).toBeNull();
  });
});

describe('flowIdNamedBy', () => {
  it.each<[string, string | null]>([
    ['{"flow_id":"0e3501b6"}', '0e3501b6'],
    [' {"flow_id": "abc", "step": 2}', 'abc'],
    ['{"flow_id": 3}', null],
    ['{"flow":"abc"}', null],
    ['{not json', null],
    ['GET_STARTED', null],
  ])('%s → %s', (payload, flowId) => {
    expect(flowIdNamedBy(payload)).toBe(flowId);
  });
});
