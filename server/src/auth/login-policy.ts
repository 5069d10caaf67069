/**
 * The numbers of the login protection (docs/http-api.md, "Login protection"). Only failures count:
 * a success never brings anyone closer to a refusal.
 */
export const LOGIN_POLICY = {
  /** Consecutive failures of one account that cost nothing: typos. */
  freeAccountFailures: 5,
  /** The longest wait one account's failures impose on unknown devices: a delay, never a lockout. */
  maxAccountWaitSeconds: 60,
  /** An account's failures are forgotten this long after the first of them, or at its next success. */
  accountFailureMemorySeconds: 24 * 3600,
  /** Failures from one address across all usernames (password spraying) within the window… */
  addressFailures: 30,
  /** …after which that address waits for the window's end (known devices excepted). */
  addressWindowSeconds: 15 * 60,
  /** A known device that fails this often within the window is treated as unknown. */
  deviceFailures: 10,
  deviceWindowSeconds: 15 * 60,
  /** How long a device stays known after its last successful login. */
  deviceTokenDays: 180,
} as const;

/**
 * The wait an account's consecutive failures impose on unknown devices: none for the first
 * `freeAccountFailures`, then 1 s after the fifth, doubling with each further failure up to
 * `maxAccountWaitSeconds`. A guesser gets about one try a minute per account; the owner waits at most that.
 */
export function accountWaitSeconds(consecutiveFailures: number): number {
  const beyondFree = consecutiveFailures - LOGIN_POLICY.freeAccountFailures;
  if (beyondFree < 0) return 0;
  return Math.min(2 ** beyondFree, LOGIN_POLICY.maxAccountWaitSeconds);
}
