import { documentKindOf, formatDocument, isValidCnpj, isValidCpf, stripDocument } from './documents';

describe('CPF and CNPJ', () => {
  it('accepts CPFs with valid check digits, masked or not', () => {
    expect(isValidCpf('529.982.247-25')).toBe(true);
    expect(isValidCpf('52998224725')).toBe(true);
    expect(isValidCpf('529.982.247-24')).toBe(false);
    expect(isValidCpf('111.111.111-11')).toBe(false);
  });

  it('accepts numeric and the new alphanumeric CNPJ', () => {
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('12.ABC.345/01DE-35')).toBe(true);
    expect(isValidCnpj('12.abc.345/01de-35')).toBe(true);
    expect(isValidCnpj('12.ABC.345/01DE-36')).toBe(false);
    expect(isValidCnpj('11.222.333/0001-82')).toBe(false);
  });

  it('strips masks and tells the kind apart', () => {
    expect(stripDocument(' 12.abc.345/01de-35 ')).toBe('12ABC34501DE35');
    expect(documentKindOf('529.982.247-25')).toBe('cpf');
    expect(documentKindOf('11222333000181')).toBe('cnpj');
    expect(documentKindOf('123')).toBeUndefined();
  });

  it('masks for lists', () => {
    expect(formatDocument('52998224725')).toBe('529.982.247-25');
    expect(formatDocument('12ABC34501DE35')).toBe('12.ABC.345/01DE-35');
  });
});
