import { type CategoryTree, type Information, type SearchResponse, type SearchResult, foldSearchText, knowledgeQueryWords } from '@receptivo/shared';
import type { KnowledgeQuery } from '../knowledge/knowledge-api';

/** Case and accents ignored: "lampada" finds "Lâmpada", as the server's unaccent search does. */
export const fold = foldSearchText;

/** The folded text with, for each folded character, the index of the original one it came from. */
function foldWithPositions(text: string): { folded: string; positions: number[] } {
  let folded = '';
  const positions: number[] = [];
  for (let index = 0; index < text.length; index++) {
    for (const character of fold(text[index])) {
      folded += character;
      positions.push(index);
    }
  }
  return { folded, positions };
}

/** The text with every occurrence of the words wrapped in <mark>, the snippet format of the search API. */
export function highlight(text: string, words: readonly string[]): string {
  const { folded, positions } = foldWithPositions(text);
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    for (let at = folded.indexOf(word); word && at >= 0; at = folded.indexOf(word, at + word.length)) {
      for (let index = positions[at]; index <= positions[at + word.length - 1]; index++) marked[index] = true;
    }
  }
  let result = '';
  for (let index = 0; index < text.length; index++) {
    if (marked[index] && !marked[index - 1]) result += '<mark>';
    result += text[index];
    if (marked[index] && !marked[index + 1]) result += '</mark>';
  }
  return result;
}

function plainText(html: string): string {
  return (new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const snippetLength = 160;

/** About 160 characters of the text around the first word found, so the match is in sight. */
function excerpt(text: string, words: readonly string[]): string {
  const folded = fold(text);
  const first = Math.min(...words.map((word) => folded.indexOf(word)).filter((at) => at >= 0));
  const start = Number.isFinite(first) ? Math.max(0, first - 40) : 0;
  const cut = text.slice(start, start + snippetLength);
  return `${start > 0 ? '…' : ''}${cut}${start + snippetLength < text.length ? '…' : ''}`;
}

/** How much a query word found in each part of an item weighs, as the server's weights A–D. */
const weights = { title: 1, keywords: 0.4, text: 0.2 };

/** Any word found, weighted by where; items with more of the words come first. 0: none found. */
function scoreOf(words: readonly string[], title: string, keywords: readonly string[], text: string): number {
  return words.reduce((score, word) => {
    if (title.includes(word)) return score + weights.title;
    if (keywords.some((keyword) => keyword.includes(word))) return score + weights.keywords;
    return text.includes(word) ? score + weights.text : score;
  }, 0);
}

/**
 * Busca geral and palavra-chave over the knowledge kept on this computer. Busca geral takes any
 * word of `q` (prefixes too) in the title, keywords or text of an information, or the name and
 * guidance of a request type; the items with more of the words, and in their titles, come first.
 * A keyword matches a registered one or its beginning. Texts are known only for informations
 * opened before; the others are found by title and keywords.
 */
export function searchLocally(tree: CategoryTree, details: readonly Information[], query: KnowledgeQuery, limit = 20): SearchResponse {
  const texts = new Map(details.map((information) => [information.id, plainText(`${information.body} ${information.proposedSolution}`)]));
  const words = 'keyword' in query ? [fold(query.keyword.trim())] : knowledgeQueryWords(query.q);
  const results: SearchResult[] = [];
  for (const category of tree.items) {
    for (const information of category.informations) {
      const keywords = information.keywords.map(fold);
      const text = texts.get(information.id) ?? '';
      const score =
        'keyword' in query
          ? keywords.filter((keyword) => keyword.startsWith(words[0])).length
          : scoreOf(words, fold(information.title), keywords, fold(text));
      if (score === 0) continue;
      const snippetSource = text ? excerpt(text, words) : information.keywords.join(', ');
      results.push({
        kind: 'information',
        id: information.id,
        title: information.title,
        snippet: highlight(snippetSource, words),
        context: category.name,
        score,
      });
    }
    if ('keyword' in query) continue;
    for (const type of category.requestTypes) {
      const guidance = plainText(type.operatorGuidance);
      const score = scoreOf(words, fold(type.name), [], fold(guidance));
      if (score === 0) continue;
      results.push({
        kind: 'requestType',
        id: type.id,
        title: type.name,
        snippet: highlight(excerpt(guidance, words), words),
        context: category.name,
        score,
      });
    }
  }
  return { items: results.sort((a, b) => b.score - a.score).slice(0, limit) };
}
