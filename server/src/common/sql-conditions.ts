const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** Numbered SQL parameters for conditions built piece by piece. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Every word of `text` (two characters or more) must match: `match` turns the LIKE pattern of one
 * word (accents and case removed) into a condition over text kept as lower(immutable_unaccent(…)).
 * Undefined when no word is long enough.
 */
export function wordsLike(params: SqlParams, text: string, match: (pattern: string) => string): string | undefined {
  const words = text.split(/\s+/).filter((word) => word.length >= 2);
  if (words.length === 0) return undefined;
  return words.map((word) => `(${match(`('%' || lower(immutable_unaccent(${params.add(escapeLike(word))})) || '%')`)})`).join(' AND ');
}
