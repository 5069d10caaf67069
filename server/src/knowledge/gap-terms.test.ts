import { gapTermOf } from './gap-terms';

describe('the term a knowledge search is counted under', () => {
  it('folds case, accents, punctuation and spaces, keeping every word in the order typed', () => {
    expect(gapTermOf('  Lâmpada   QUEIMADA na rua?')).toBe('lampada queimada na rua');
    expect(gapTermOf('Segunda-via do IPTU')).toBe('segunda via do iptu');
    expect(gapTermOf('Lei 8.666 de 1993')).toBe('lei 8 666 de 1993');
    expect(gapTermOf('156')).toBe('156');
  });

  it('keeps nothing shorter than 3 characters', () => {
    expect(gapTermOf('ab')).toBeUndefined();
    expect(gapTermOf('é!')).toBeUndefined();
    expect(gapTermOf('\u0000\ud800')).toBeUndefined();
  });

  it('keeps no lookup: protocols, documents and phones, whole or mistyped', () => {
    for (const lookup of ['2026.000042-5', '20260000425', '2026.000042-4', '529.982.247-25', '529.982.247-26', '11.222.333/0001-81', '12.ABC.345/01DE-35', '12ABC34501DE35', '(11) 98765-4321', '3333-4444', '+1 202 555 0143']) {
      expect([lookup, gapTermOf(lookup)]).toEqual([lookup, undefined]);
    }
  });

  it('keeps no term with personal data inside other words', () => {
    expect(gapTermOf('cpf 529.982.247-25 segunda via')).toBeUndefined();
    expect(gapTermOf('boleto de joana@example.com')).toBeUndefined();
    expect(gapTermOf('ligar para 11 98765-4321 amanhã')).toBeUndefined();
  });

  it('never grows past what the table takes', () => {
    expect(gapTermOf('İ'.repeat(200))?.length).toBeLessThanOrEqual(200);
  });
});
