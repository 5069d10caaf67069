import { cnpj, cpf } from 'cpf-cnpj-validator';

export type DocumentKind = 'cpf' | 'cnpj';

/** Digits (and, for the new alphanumeric CNPJ, capital letters) without any mask. */
export function stripDocument(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function isValidCpf(input: string): boolean {
  const stripped = stripDocument(input);
  return /^\d{11}$/.test(stripped) && cpf.isValid(stripped);
}

/** Numeric CNPJ and the alphanumeric form the Receita Federal issues from 2026. */
export function isValidCnpj(input: string): boolean {
  const stripped = stripDocument(input);
  return /^[0-9A-Z]{12}\d{2}$/.test(stripped) && cnpj.isValid(stripped);
}

export function documentKindOf(input: string): DocumentKind | undefined {
  if (isValidCpf(input)) return 'cpf';
  if (isValidCnpj(input)) return 'cnpj';
  return undefined;
}

/** 123.456.789-09 or 12.ABC.345/01DE-35; anything else is returned as typed. */
export function formatDocument(input: string): string {
  const stripped = stripDocument(input);
  if (stripped.length === 11) return cpf.format(stripped);
  if (stripped.length === 14) return cnpj.format(stripped);
  return input;
}
