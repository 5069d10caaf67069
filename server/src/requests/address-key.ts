import type { Address } from '@receptivo/shared';

// Street-type abbreviations written by attendants and citizens, to their full word.
const streetTypes: Record<string, string> = {
  r: 'rua',
  av: 'avenida',
  al: 'alameda',
  pc: 'praca',
  pca: 'praca',
  tv: 'travessa',
  trav: 'travessa',
  estr: 'estrada',
  rod: 'rodovia',
  lgo: 'largo',
};

const words = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * One key for one place: CEP, street and number without accents, case, punctuation or
 * abbreviations ("R. São João, 12" = "rua sao joao 12"). The complement (apto, bloco) is left
 * out: a dark lamp post in front of a building is one problem for all its flats.
 */
export function addressKey(address: Pick<Address, 'cep' | 'street' | 'number'>): string {
  const street = words(address.street).map((word, index) => (index === 0 ? (streetTypes[word] ?? word) : word));
  return [address.cep.replace(/\D/g, ''), street.join(' '), words(address.number).join('')].join('|');
}
