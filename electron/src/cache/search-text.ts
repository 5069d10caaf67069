import { knowledgeQueryWords } from '@receptivo/shared';

/**
 * A query word cut back to what its singular and plural forms share, so that the prefix search
 * finds both: "lâmpadas" → "lampada", "iluminações" and "iluminação" → "iluminac",
 * "animais" → "anima", "jardins" → "jardi", "flores" → "flor". A light stand-in for the
 * server's Portuguese stemmer: the prefix search makes a short stem cheap in recall.
 */
export function stemQueryWord(word: string): string {
  const rules: [RegExp, string][] = [
    [/(oes|aes|ao)$/, ''],
    [/(a|e|o)is$/, '$1'],
    [/ns$/, ''],
    [/([rsz])es$/, '$1'],
    [/s$/, ''],
  ];
  for (const [ending, replacement] of rules) {
    if (!ending.test(word)) continue;
    const stem = word.replace(ending, replacement);
    return stem.length >= 3 ? stem : word;
  }
  return word;
}

/**
 * The FTS5 MATCH expression for what the attendant typed: each word (at most 12) as a prefix.
 * Busca geral takes any of them (OR; bm25 ranks the items with more of them first), as the server
 * does; Palavra-chave requires `every` one. Only letters and digits reach FTS5, so no operator can
 * be injected. `column` restricts the match (the keywords, for Palavra-chave).
 */
export function matchExpression(text: string, { column, every }: { column?: string; every: boolean }): string | undefined {
  const words = knowledgeQueryWords(text).map((word) => `"${stemQueryWord(word)}"*`);
  if (!words.length) return undefined;
  const expression = words.join(every ? ' ' : ' OR ');
  return column ? `${column} : (${expression})` : expression;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The words of a knowledge rich text (already sanitized by the server to a few tags), for the
 * search index and its snippets: block ends become line breaks, tags go, entities are decoded.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|li|h3|h4|blockquote)>|<br\s*\/?>/gi, '$&\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
