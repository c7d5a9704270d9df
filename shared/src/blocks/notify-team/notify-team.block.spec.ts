import { validateConfig } from '../../kernel/config-validation';
import { enter, runContext } from '../../testing/run-context.fixture';
import { notifyTeamBlock, notifyTeamSummary } from './notify-team.block';

const MEMBER = '8f14e45f-ceea-4e7a-9c1b-5a3c2d7e9f10';

describe('notify the team block', () => {
  it('renders the message and goes on at once with one notify_team effect', () => {
    expect(
      enter(
        notifyTeamBlock,
        { message: '{{contact.username}} wants a demo ({{email}}, {{flow.name}})', recipients: 'all', email: true },
        runContext({ variables: { email: 'a@b.co' } }),
      ),
    ).toEqual({
      next: 'next',
      effects: [
        {
          type: 'notify_team',
          text: 'user123 wants a demo (a@b.co, Lead Gen Flow)',
          members: { kind: 'all' },
          email: true,
          slackWebhookUrl: null,
        },
      ],
    });
  });

  it.each([
    [
      { recipients: 'roles' as const, roles: ['admin' as const, 'owner' as const] },
      { kind: 'roles', roles: ['admin', 'owner'] },
    ],
    [
      { recipients: 'members' as const, memberIds: [MEMBER] },
      { kind: 'members', userIds: [MEMBER] },
    ],
  ])('names the chosen members: %o', (config, members) => {
    expect(enter(notifyTeamBlock, config).effects?.[0]).toMatchObject({ members });
  });

  it('sends to Slack only, without email, when no members are chosen', () => {
    expect(
      enter(notifyTeamBlock, { recipients: 'none', email: false, slackWebhookUrl: 'https://hooks.slack.com/services/T/B/x' }).effects?.[0],
    ).toEqual({
      type: 'notify_team',
      text: 'user123 needs attention (Lead Gen Flow)',
      members: null,
      email: false,
      slackWebhookUrl: 'https://hooks.slack.com/services/T/B/x',
    });
  });

  it('accepts its defaults', () => {
    expect(validateConfig(notifyTeamBlock, notifyTeamBlock.defaults())).toEqual([]);
  });

  it.each([
    ['an empty message', { message: '' }, [{ field: 'message', message: 'write the message for the team' }]],
    ['roles without any role', { recipients: 'roles', roles: [] }, [{ field: 'roles', message: 'choose at least one role to notify' }]],
    ['an unknown role', { recipients: 'roles', roles: ['boss'] }, [{ field: 'roles', message: expect.stringContaining('roles') }]],
    [
      'members without any',
      { recipients: 'members', memberIds: [] },
      [{ field: 'memberIds', message: 'add at least one member to notify' }],
    ],
    [
      'a member that is not a user id',
      { recipients: 'members', memberIds: ['bob'] },
      [{ field: 'memberIds', message: 'each member is a user id (see Settings → Members)' }],
    ],
    [
      'a plain http webhook',
      { slackWebhookUrl: 'http://hooks.slack.com/x' },
      [{ field: 'slackWebhookUrl', message: 'the Slack webhook URL must be a https:// address without spaces or {{placeholders}}' }],
    ],
    [
      'a templated webhook',
      { slackWebhookUrl: 'https://{{host}}/x' },
      [{ field: 'slackWebhookUrl', message: 'the Slack webhook URL must be a https:// address without spaces or {{placeholders}}' }],
    ],
    [
      'nobody to notify',
      { recipients: 'none', email: false, slackWebhookUrl: '' },
      [{ field: 'recipients', message: 'choose whom to notify — team members, a Slack webhook URL, or both' }],
    ],
    [
      'email with no members',
      { recipients: 'none', email: true, slackWebhookUrl: 'https://hooks.slack.com/x' },
      [{ field: 'email', message: 'email goes to team members — choose which members, or turn email off' }],
    ],
  ])('refuses %s with a clear problem', (_name, change, problems) => {
    expect(validateConfig(notifyTeamBlock, { ...notifyTeamBlock.defaults(), ...change })).toEqual(problems);
  });

  it('says whom it notifies, for the canvas and the preview', () => {
    expect(notifyTeamSummary({ ...notifyTeamBlock.defaults(), slackWebhookUrl: 'https://hooks.slack.com/services/x' })).toBe(
      'Notifies everyone in the workspace in the inbox and by email and Slack (hooks.slack.com)',
    );
    expect(notifyTeamSummary({ ...notifyTeamBlock.defaults(), recipients: 'roles', roles: ['admin', 'owner'], email: false })).toBe(
      'Notifies admins, owners in the inbox',
    );
    expect(notifyTeamSummary({ ...notifyTeamBlock.defaults(), recipients: 'none', email: false })).toBe('Notifies nobody yet');
  });
});
