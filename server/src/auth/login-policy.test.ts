import { LOGIN_POLICY, accountWaitSeconds } from './login-policy';

describe('login policy', () => {
  it('lets typos through, then makes each further failure wait longer, never more than a minute', () => {
    expect([0, 1, 4].map(accountWaitSeconds)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11].map(accountWaitSeconds)).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(accountWaitSeconds(1_000)).toBe(LOGIN_POLICY.maxAccountWaitSeconds);
  });
});
