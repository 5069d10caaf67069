/** Lower case without accents: how the knowledge searches compare words ("Lâmpada" = "lampada"). */
export function foldSearchText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// Words the server's Portuguese configuration ignores too; any word of a query matching, "de" or
// "a" would find nearly every text (and as prefixes slow the search down).
const stopWords = new Set(
  'a ao aos as o os e é em no na nos nas num numa de da do das dos um uma uns umas para pra por pelo pela pelos pelas com sem que se ou à às'
    .split(' ')
    .map(foldSearchText),
);

/** Every word of a text as searches read it: lower case, accents folded, punctuation gone, in the order typed. */
export function searchWordsOf(text: string): string[] {
  return foldSearchText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The words of a knowledge query worth searching for, folded, at most 12 (as the server takes). */
export function knowledgeQueryWords(text: string): string[] {
  return searchWordsOf(text)
    .filter((word) => !stopWords.has(word))
    .slice(0, 12);
}
