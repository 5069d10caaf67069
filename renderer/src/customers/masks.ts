import { stripDocument, type CustomerType } from '@receptivo/shared';

/** Lays the characters over the pattern ('#' = one character); separators appear only once needed. */
function fill(chars: string, pattern: string): string {
  let out = '';
  let next = 0;
  for (const slot of pattern) {
    if (next >= chars.length) break;
    out += slot === '#' ? chars[next++] : slot;
  }
  return out;
}

const cpfPattern = '###.###.###-##';
const cnpjPattern = '##.###.###/####-##';

/**
 * CPF or CNPJ mask while typing. Without a customer type, up to 11 digits read as a CPF and anything
 * longer (or with letters, the new alphanumeric CNPJ) as a CNPJ. Input that fits neither is left as
 * typed so the validation can say what is wrong.
 */
export function maskDocument(input: string, type?: CustomerType): string {
  const chars = stripDocument(input);
  const asCpf = type ? type === 'person' : /^\d{0,11}$/.test(chars);
  if (asCpf) return /^\d{0,11}$/.test(chars) ? fill(chars, cpfPattern) : input;
  return chars.length <= 14 ? fill(chars, cnpjPattern) : input;
}

export function maskCep(input: string): string {
  const digits = input.replace(/\D/g, '');
  return digits.length <= 8 ? fill(digits, '#####-###') : input;
}
