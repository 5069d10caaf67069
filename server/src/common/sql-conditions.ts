import { reportTimeZone } from '@receptivo/shared';

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

/** `column` within the Brasília days `from`…`to` (either may be absent), pushed onto `where`. */
export function withinBrasiliaDays(where: string[], params: SqlParams, column: string, days: { from?: string; to?: string }): void {
  if (days.from) where.push(`${column} >= (${params.add(days.from)}::date)::timestamp AT TIME ZONE '${reportTimeZone}'`);
  if (days.to) where.push(`${column} < (${params.add(days.to)}::date + 1)::timestamp AT TIME ZONE '${reportTimeZone}'`);
}
