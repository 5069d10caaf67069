import { documentFor, redactDocument } from './document-redaction';

describe('document mask for lists', () => {
  it('hides the first group and the check digits of a CPF, masked or not', () => {
    expect(redactDocument('12345678909')).toBe('***.456.789-**');
    expect(redactDocument('123.456.789-09')).toBe('***.456.789-**');
  });

  it('hides the first group and the check digits of a numeric or alphanumeric CNPJ', () => {
    expect(redactDocument('11222333000181')).toBe('**.222.333/0001-**');
    expect(redactDocument('12.abc.345/01de-35')).toBe('**.ABC.345/01DE-**');
  });

  it('keeps nothing of the hidden parts', () => {
    const masked = redactDocument('529.982.247-25');
    expect(masked).not.toMatch(/529|25$/);
    expect(masked.replace(/\D/g, '')).toBe('982247');
  });

  it('leaves a masked value as it is, so masking twice is harmless', () => {
    expect(redactDocument('***.456.789-**')).toBe('***.456.789-**');
    expect(redactDocument(redactDocument('12ABC34501DE35'))).toBe('**.ABC.345/01DE-**');
  });

  it('hides whole what is neither a CPF nor a CNPJ', () => {
    expect(redactDocument('12345')).toBe('*****');
    expect(redactDocument('')).toBe('***');
  });

  it('keeps the whole document in the record for the roles that work with it, not for the back office', () => {
    for (const role of ['attendant', 'supervisor', 'admin'] as const) expect(documentFor(role, '12345678909')).toBe('12345678909');
    expect(documentFor('backoffice', '12345678909')).toBe('***.456.789-**');
  });
});
