import { agree, changedFields, countOf, keywordsFromInput, keywordsToInput } from './editing';

const session = { singular: 'sessão', plural: 'sessões', feminine: true };
const organ = { singular: 'órgão', plural: 'órgãos', feminine: false };

test('messages agree with the noun', () => {
  expect(agree(session, 'criado')).toBe('criada');
  expect(agree(organ, 'criado')).toBe('criado');
  expect(countOf(session, 1)).toBe('1 sessão');
  expect(countOf(organ, 3)).toBe('3 órgãos');
});

test('changedFields keeps only what differs from the stored item', () => {
  const stored = { id: 'x', name: 'Subprefeitura', acronym: null, keywords: ['iptu'], formSchema: { type: 'object' }, active: true };
  expect(
    changedFields({ name: 'Subprefeitura', acronym: 'SUB', keywords: ['iptu'], formSchema: { type: 'object' }, active: false }, stored),
  ).toEqual({ acronym: 'SUB', active: false });
  expect(changedFields({ name: 'Subprefeitura', keywords: ['iptu', 'boleto'] }, stored)).toEqual({ keywords: ['iptu', 'boleto'] });
});

test('keywords are typed separated by commas', () => {
  expect(keywordsFromInput(' IPTU, segunda via ,, boleto;taxa\n')).toEqual(['IPTU', 'segunda via', 'boleto', 'taxa']);
  expect(keywordsFromInput('   ')).toEqual([]);
  expect(keywordsToInput(['iptu', 'segunda via'])).toBe('iptu, segunda via');
});
