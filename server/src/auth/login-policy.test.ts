import { LOGIN_POLICY, accountWaitSeconds, addressKey } from './login-policy';

describe('login policy', () => {
  it('lets typos through, then makes each further failure wait longer, never more than a minute', () => {
    expect([0, 1, 4].map(accountWaitSeconds)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11].map(accountWaitSeconds)).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(accountWaitSeconds(1_000)).toBe(LOGIN_POLICY.maxAccountWaitSeconds);
  });

  it('counts an IPv4 address alone and an IPv6 address by its /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::7')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('64:ff9b::198.51.100.1')).toBe('64:ff9b:0:0::/64');
  });
});
