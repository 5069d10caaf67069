/** How the screens name a kind of item in buttons and messages. */
export interface Noun {
  singular: string;
  plural: string;
  feminine: boolean;
}

/** "criado" / "criada": the participle agreeing with the noun. */
export const agree = (noun: Noun, masculine: string) => (noun.feminine ? `${masculine.slice(0, -1)}a` : masculine);

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const countOf = (noun: Noun, count: number) => `${count} ${count === 1 ? noun.singular : noun.plural}`;

/**
 * The fields of a validated form that differ from the stored item. Edits send only these, so a
 * colleague's concurrent change to another field is not overwritten.
 */
export function changedFields<T extends object>(next: T, stored: object): Partial<T> {
  const before = stored as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(next).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key])),
  ) as Partial<T>;
}

/** "IPTU, segunda via , boleto" → ["IPTU", "segunda via", "boleto"]; the shared schema lowercases. */
export function keywordsFromInput(input: string): string[] {
  return input
    .split(/[,;\n]/)
    .map((keyword) => keyword.trim())
    .filter(Boolean);
}

export const keywordsToInput = (keywords: readonly string[]) => keywords.join(', ');
