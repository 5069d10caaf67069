import type { AuthenticatedUser } from './authenticated-user';
import { type UserCheck, UserCheckCache } from './user-check-cache';

const checkOf = (id: string, tokenVersion = 0): UserCheck => ({
  active: true,
  tokenVersion,
  user: { id, username: id, name: `User ${id}`, role: 'attendant', extension: null, organ: null } satisfies AuthenticatedUser,
});

describe('UserCheckCache', () => {
  it('keeps a check until its maximum age, counted from when the read began', () => {
    const cache = new UserCheckCache({ maxAgeMs: 1_000, maxEntries: 10 });
    cache.keep('a', checkOf('a'), cache.generation, 5_000);
    expect(cache.get('a', 5_999)?.user.id).toBe('a');
    expect(cache.get('a', 6_000)).toBeUndefined();
    // Gone for good, not only hidden.
    expect(cache.get('a', 5_500)).toBeUndefined();
  });

  it('holds at most maxEntries, letting the one kept longest ago go', () => {
    const cache = new UserCheckCache({ maxAgeMs: 60_000, maxEntries: 2 });
    for (const [index, id] of ['a', 'b', 'c'].entries()) cache.keep(id, checkOf(id), cache.generation, index);
    expect(cache.get('a', 10)).toBeUndefined();
    expect(cache.get('b', 10)?.user.id).toBe('b');
    expect(cache.get('c', 10)?.user.id).toBe('c');

    // Kept again, b is the newest: d pushes c out.
    cache.keep('b', checkOf('b', 1), cache.generation, 20);
    cache.keep('d', checkOf('d'), cache.generation, 21);
    expect(cache.get('c', 30)).toBeUndefined();
    expect(cache.get('b', 30)?.tokenVersion).toBe(1);
  });

  it('forgets one user or all of them', () => {
    const cache = new UserCheckCache({ maxAgeMs: 60_000, maxEntries: 10 });
    for (const id of ['a', 'b', 'c']) cache.keep(id, checkOf(id), cache.generation, 0);
    cache.forget('a');
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBeDefined();
    cache.forget(null);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('c', 1)).toBeUndefined();
  });

  it('does not keep a check read before a change, which may hold what the change undid', () => {
    const cache = new UserCheckCache({ maxAgeMs: 60_000, maxEntries: 10 });
    const before = cache.generation;
    cache.forget('someone-else');
    cache.keep('a', checkOf('a'), before, 0);
    expect(cache.get('a', 1)).toBeUndefined();
    cache.keep('a', checkOf('a'), cache.generation, 0);
    expect(cache.get('a', 1)).toBeDefined();
  });

  it('hands out frozen copies: one request cannot change the user another request sees', () => {
    const cache = new UserCheckCache({ maxAgeMs: 60_000, maxEntries: 10 });
    const check = checkOf('a');
    cache.keep('a', check, cache.generation, 0);
    const kept = cache.get('a', 1)!;
    expect(Object.isFrozen(kept.user)).toBe(true);
    check.user.name = 'changed by the reader';
    expect(kept.user.name).toBe('User a');
  });
});
