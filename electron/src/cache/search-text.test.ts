import { foldSearchText as foldText } from '@receptivo/shared';
import { htmlToText, matchExpression, stemQueryWord } from './search-text';

describe('foldText', () => {
  it('drops accents and case as the FTS5 tokenizer does', () => {
    expect(foldText('ILUMINAÇÃO Pública, Ônibus à noite')).toBe('iluminacao publica, onibus a noite');
  });
});

describe('stemQueryWord', () => {
  it.each([
    ['lampadas', 'lampada'],
    ['iluminacoes', 'iluminac'],
    ['iluminacao', 'iluminac'],
    ['caes', 'caes'],
    ['animais', 'anima'],
    ['papeis', 'pape'],
    ['jardins', 'jardi'],
    ['flores', 'flor'],
    ['luzes', 'luz'],
    ['onibus', 'onibu'],
    ['poste', 'poste'],
    ['iptu', 'iptu'],
    ['mes', 'mes'],
    ['pao', 'pao'],
  ])('%s → %s', (word, stem) => {
    expect(stemQueryWord(word)).toBe(stem);
  });
});

describe('matchExpression', () => {
  const any = { every: false };
  const every = { every: true };

  it('takes any word for Busca geral, every word for Palavra-chave, as prefixes folded and cut to the shared stem', () => {
    expect(matchExpression('Lâmpadas da praça', any)).toBe('"lampada"* OR "praca"*');
    expect(matchExpression('Lâmpadas da praça', every)).toBe('"lampada"* "praca"*');
    expect(matchExpression('ILUMINAÇÃO', any)).toBe('"iluminac"*');
  });

  it('limits a search to one column for Palavra-chave', () => {
    expect(matchExpression('luz apagada', { column: 'keywords_text', every: true })).toBe('keywords_text : ("luz"* "apagada"*)');
  });

  it('lets no FTS5 syntax through', () => {
    expect(matchExpression('poste" OR title:* NEAR(a b) -x ^y', every)).toBe('"poste"* "or"* "title"* "near"* "b"* "x"* "y"*');
  });

  it('has nothing to search for punctuation or stop words alone', () => {
    expect(matchExpression('  "*()"  ', any)).toBeUndefined();
    expect(matchExpression('de a o', any)).toBeUndefined();
  });

  it('keeps at most 12 words', () => {
    expect(matchExpression(Array.from({ length: 20 }, (_, index) => `palavra${index}`).join(' '), every)!.split(' ')).toHaveLength(12);
  });
});

describe('htmlToText', () => {
  it('keeps the words of the sanitized rich text, one block a line', () => {
    expect(
      htmlToText('<p>Informe o <strong>número do poste</strong>.</p><ul><li>Rua &amp; número</li><li>Ponto&nbsp;de referência</li></ul>'),
    ).toBe('Informe o número do poste.\nRua & número\nPonto de referência');
  });

  it('decodes numeric entities and leaves unknown ones as written', () => {
    expect(htmlToText('<p>&#233;&#xE7; &lt;tag&gt; &quot;x&quot; &unknown;</p>')).toBe('éç <tag> "x" &unknown;');
  });
});
