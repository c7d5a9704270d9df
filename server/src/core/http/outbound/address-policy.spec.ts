import { cases } from '../../../../test/support/table-test';
import { isPrivateAddress } from './address-policy';

describe('isPrivateAddress', () => {
  cases(
    [
      ['127.0.0.1', true],
      ['10.20.30.40', true],
      ['172.16.0.1', true],
      ['172.32.0.1', false],
      ['192.168.1.1', true],
      ['169.254.169.254', true],
      ['100.64.0.1', true],
      ['100.128.0.1', false],
      ['0.0.0.0', true],
      ['224.0.0.1', true],
      ['8.8.8.8', false],
      ['93.184.216.34', false],
      ['::1', true],
      ['::', true],
      ['fd00:ec2::254', true],
      ['fe80::1', true],
      ['::ffff:127.0.0.1', true],
      ['::ffff:8.8.8.8', false],
      ['[::1]', true],
      ['2606:4700:4700::1111', false],
      ['not-an-address', true],
    ] as const,
    (address, refused) => `${address} is ${refused ? 'refused' : 'allowed'}`,
    (address, refused) => expect(isPrivateAddress(address)).toBe(refused),
  );
});
