import type { TriggerContext } from '@dmflow/shared';
import { commentTimeFor } from './send-message.handler';

describe('the comment time a send passes for the 7-day private-reply window', () => {
  const trigger: TriggerContext = { kind: 'comment', commentId: 'c1', commentedAt: '2026-11-10T08:30:00.000Z' };

  it("is the trigger comment's time for a private reply to that comment", () => {
    expect(commentTimeFor({ comment_id: 'c1' }, trigger)).toEqual(new Date('2026-11-10T08:30:00.000Z'));
  });

  it('is unknown for a DM, another comment, or a run that does not know the time', () => {
    expect(commentTimeFor({ id: 'igsid-1' }, trigger)).toBeUndefined();
    expect(commentTimeFor({ comment_id: 'c2' }, trigger)).toBeUndefined();
    expect(commentTimeFor({ comment_id: 'c1' }, { kind: 'comment', commentId: 'c1' })).toBeUndefined();
  });
});
