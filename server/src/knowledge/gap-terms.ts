import { documentKindOf, parseProtocol, phoneIdentity, searchWordsOf } from '@receptivo/shared';
import { scrubPersonalData } from '../common/log-redaction';

/** Shorter terms ("ab", "de") say nothing about what the base lacks. */
const MIN_TERM_LENGTH = 3;
/** As long as a Busca geral may be (a few letters grow when folded: "İ" is "i" and a dot). */
const MAX_TERM_LENGTH = 200;
/** As many digits as the shortest phone: a number this long alone is a lookup. */
const LOOKUP_DIGITS = 8;

/**
 * Whether a search is a lookup or holds personal data, so it is never kept (LGPD): a protocol,
 * CPF/CNPJ or phone recognized by the desk's parsers, any number alone as long as a phone (the
 * same, mistyped), or an e-mail, CPF/CNPJ or phone inside other words (the log scrubber's shapes).
 */
export function isLookupOrPersonal(text: string): boolean {
  if (scrubPersonalData(text) !== text) return true;
  if (parseProtocol(text) || documentKindOf(text) || phoneIdentity(text)) return true;
  if (/^[\d\s.\-/()+]+$/.test(text) && text.replace(/\D/g, '').length >= LOOKUP_DIGITS) return true;
  return text.split(/\s+/).some((word) => parseProtocol(word) !== undefined || documentKindOf(word) !== undefined);
}

/**
 * The term a search is counted under: its words as the search reads them (lower case, accents
 * folded, punctuation and extra spaces gone), every word kept in the order typed, so "Lâmpada
 * queimada?" and "lampada  queimada" are one term. Undefined for what is not recorded: a term
 * shorter than 3 characters, a lookup or personal data (isLookupOrPersonal).
 */
export function gapTermOf(text: string): string | undefined {
  if (isLookupOrPersonal(text)) return undefined;
  const term = searchWordsOf(text).join(' ').slice(0, MAX_TERM_LENGTH).trimEnd();
  return term.length >= MIN_TERM_LENGTH ? term : undefined;
}
