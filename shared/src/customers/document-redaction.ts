import type { Role } from '../auth/roles';
import { stripDocument } from './documents';

/** What a masked document looks like: `***.456.789-**` or `**.ABC.345/01DE-**`. */
const maskedPattern = /^(\*{3}\.\d{3}\.\d{3}-\*{2}|\*{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}\/[0-9A-Z]{4}-\*{2})$/;

/**
 * The CPF or CNPJ as lists and search results show it (LGPD: personal data kept to those who need
 * it): the first group and the check digits hidden, the rest enough to tell two customers apart
 * with the caller. CPF `***.456.789-**`; CNPJ, numeric or alphanumeric, `**.345.678/0001-**`.
 * An already masked value is returned as is; anything else is hidden whole.
 */
export function redactDocument(input: string): string {
  if (maskedPattern.test(input)) return input;
  const stripped = stripDocument(input);
  if (/^\d{11}$/.test(stripped)) return `***.${stripped.slice(3, 6)}.${stripped.slice(6, 9)}-**`;
  if (/^[0-9A-Z]{12}\d{2}$/.test(stripped)) return `**.${stripped.slice(2, 5)}.${stripped.slice(5, 8)}/${stripped.slice(8, 12)}-**`;
  return '*'.repeat(Math.max(3, stripped.length));
}

/** The roles that work with a customer's whole CPF/CNPJ in its record; the back office does not. */
export const rolesSeeingWholeDocuments: readonly Role[] = ['attendant', 'supervisor', 'admin'];

/** The document as this role may see it in a customer's record: whole, or masked as in lists. */
export function documentFor(role: Role, document: string): string {
  return rolesSeeingWholeDocuments.includes(role) ? document : redactDocument(document);
}
