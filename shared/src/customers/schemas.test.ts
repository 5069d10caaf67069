import { createCustomerSchema, documentProblem, phoneInputSchema, updateCustomerSchemaFor } from './schemas';

const messagesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

const person = { type: 'person', name: 'Maria Silva', document: '529.982.247-25', phones: [] };

describe('customer data: missing told apart from invalid', () => {
  it('asks for an empty CPF or CNPJ and calls a filled wrong one invalid', () => {
    expect(documentProblem('person', '')).toBe('Informe o CPF.');
    expect(documentProblem('person', ' .-')).toBe('Informe o CPF.');
    expect(documentProblem('person', '529.982.247-24')).toBe('CPF inválido: confira os dígitos.');
    expect(documentProblem('company', '')).toBe('Informe o CNPJ.');
    expect(documentProblem('company', '11.222.333/0001-82')).toBe('CNPJ inválido: confira os dígitos.');
    expect(documentProblem('company', '12.ABC.345/01DE-35')).toBeUndefined();
  });

  it('says the same in the registration schema', () => {
    expect(messagesOf(createCustomerSchema.safeParse({ ...person, document: '' }))).toEqual({ document: 'Informe o CPF.' });
    expect(messagesOf(createCustomerSchema.safeParse({ ...person, document: '529.982.247-24' }))).toEqual({
      document: 'CPF inválido: confira os dígitos.',
    });
    expect(messagesOf(createCustomerSchema.safeParse({ type: 'company', name: 'ACME', document: '' }))).toEqual({ document: 'Informe o CNPJ.' });
    expect(createCustomerSchema.safeParse(person).success).toBe(true);
  });

  it('says the same when a record is edited', () => {
    expect(messagesOf(updateCustomerSchemaFor('person').safeParse({ document: '' }))).toEqual({ document: 'Informe o CPF.' });
    expect(messagesOf(updateCustomerSchemaFor('company').safeParse({ document: '123' }))).toEqual({ document: 'CNPJ inválido: confira os dígitos.' });
    expect(updateCustomerSchemaFor('person').safeParse({ name: 'Outro Nome' }).success).toBe(true);
  });
});

describe('phones in the registration', () => {
  it('asks for a missing number and names an unknown DDD', () => {
    expect(messagesOf(phoneInputSchema.safeParse({ number: ' ' }))).toEqual({ number: 'Informe o telefone.' });
    expect(messagesOf(phoneInputSchema.safeParse({}))).toEqual({ number: 'Informe o telefone.' });
    expect(messagesOf(phoneInputSchema.safeParse({ number: '(00) 1234-5678' }))).toEqual({ number: 'DDD 00 não existe: confira o código de área.' });
  });

  it('refuses one number typed twice in different forms, at the second', () => {
    const phones = [{ number: '(11) 98765-4321' }, { number: '11 3333-4444' }, { number: '+55 11 98765-4321' }];
    expect(messagesOf(createCustomerSchema.safeParse({ ...person, phones }))).toEqual({ 'phones.2.number': 'Este telefone já está na lista.' });
  });
});
