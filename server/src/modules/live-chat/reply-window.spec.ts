import { replyVerdict } from './reply-window';

describe('how a team member may reply, by the time since the person last wrote', () => {
  const now = new Date('2026-12-06T12:00:00.000Z');
  const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

  it.each([
    ['1 hour', 1, false, { allowed: true, tag: null }],
    ['exactly 24 hours', 24, true, { allowed: true, tag: null }],
    ['25 hours, HUMAN_AGENT enabled', 25, true, { allowed: true, tag: 'HUMAN_AGENT' }],
    ['6 days, HUMAN_AGENT enabled', 144, true, { allowed: true, tag: 'HUMAN_AGENT' }],
    ['25 hours, HUMAN_AGENT not enabled', 25, false, { allowed: false, code: 'human_agent_not_enabled' }],
    ['8 days, HUMAN_AGENT enabled', 192, true, { allowed: false, code: 'reply_window_closed' }],
  ])('%s', (_name, hours, enabled, expected) => {
    expect(replyVerdict(ago(hours), enabled, now)).toMatchObject(expected);
  });

  it('refuses a person who never wrote', () => {
    expect(replyVerdict(null, true, now)).toMatchObject({ allowed: false, code: 'reply_window_closed' });
  });
});
