import { CliUsageError, parseArgs, requireOption } from './cli-args';

describe('parseArgs', () => {
  it('reads the command and --name value / --name=value options', () => {
    expect(parseArgs(['key:create', '--account', 'a1', '--name=ci key', '--json'])).toEqual({
      command: 'key:create',
      options: { account: 'a1', name: 'ci key', json: 'true' },
    });
  });

  it('refuses stray arguments and reports missing options', () => {
    expect(() => parseArgs(['account:create', 'oops'])).toThrow(CliUsageError);
    expect(() => requireOption({}, 'account')).toThrow('--account is required');
  });
});
