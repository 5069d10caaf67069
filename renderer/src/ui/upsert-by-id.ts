/** Keeps the server's order: a changed row stays where it is, a new one goes last. */
export function upsertById<T extends { id: string }>(items: readonly T[], item: T): T[] {
  const known = items.some((candidate) => candidate.id === item.id);
  return known ? items.map((candidate) => (candidate.id === item.id ? item : candidate)) : [...items, item];
}
