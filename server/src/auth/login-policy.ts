import { isIP } from 'node:net';

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

/**
 * The key an address's failures are counted under: an IPv4 address as it is (IPv4-mapped IPv6
 * too), an IPv6 address by its /64 — one subscriber or host usually holds a whole /64 and could
 * otherwise take a fresh address for every try. Expanded by hand: node:net parses but does not expand.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  const unzoned = address.split('%')[0];
  if (isIP(unzoned) !== 6) return address;
  const [head, tail] = unzoned.split('::');
  const groupsOf = (part: string | undefined) => (part ? part.split(':') : []);
  // A trailing dotted IPv4 stands for two groups; it never reaches the first four of a compressed address.
  const width = (groups: string[]) => groups.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
  const first = groupsOf(head);
  const last = groupsOf(tail);
  const groups = tail === undefined ? first : [...first, ...Array<string>(8 - width(first) - width(last)).fill('0'), ...last];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
