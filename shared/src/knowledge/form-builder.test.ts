import fc from 'fast-check';
import {
  type FormBuilderField,
  fieldsFromSchema,
  formFieldProblems,
  formFieldTypes,
  keyFromLabel,
  newFormField,
  schemaFromFields,
} from './form-builder';

const field = (overrides: Partial<FormBuilderField>): FormBuilderField => ({ ...newFormField('campo'), ...overrides });

describe('builder fields to JSON Schema', () => {
  it('writes every field type in the subset the desk draws, in order, with the required ones listed', () => {
    const schema = schemaFromFields([
      field({ key: 'referencia', label: 'Ponto de referência', placeholder: 'Ex.: padaria', maxLength: 200 }),
      field({ key: 'descricao', label: 'Descrição', type: 'longText', help: 'O que o cidadão viu', helpKeyword: 'description' }),
      field({ key: 'contato', label: 'E-mail', type: 'email' }),
      field({ key: 'quantidade', label: 'Quantidade', type: 'number', integer: true, minimum: 1, maximum: 10 }),
      field({ key: 'desde', label: 'Desde', type: 'date', placeholder: 'ignorado em datas' }),
      field({ key: 'porte', label: 'Porte', type: 'choice', options: ['Pequeno', ' ', 'Grande '], choiceWidget: 'radio', required: true }),
      field({ key: 'risco', label: 'Há risco?', type: 'boolean', help: 'Chame o 193', maxLength: 5 }),
      field({ key: 'itens', label: 'Itens', type: 'multiChoice', options: ['Sofá', 'Geladeira'], placeholder: 'ignorado', required: true }),
    ]);

    expect(schema).toEqual({
      type: 'object',
      required: ['porte', 'itens'],
      properties: {
        referencia: { type: 'string', title: 'Ponto de referência', maxLength: 200, 'x-placeholder': 'Ex.: padaria' },
        descricao: { type: 'string', title: 'Descrição', 'x-widget': 'textarea', description: 'O que o cidadão viu' },
        contato: { type: 'string', title: 'E-mail', format: 'email' },
        quantidade: { type: 'integer', title: 'Quantidade', minimum: 1, maximum: 10 },
        desde: { type: 'string', title: 'Desde', format: 'date' },
        porte: { type: 'string', title: 'Porte', enum: ['Pequeno', 'Grande'], 'x-widget': 'radio' },
        risco: { type: 'boolean', title: 'Há risco?', 'x-help': 'Chame o 193' },
        itens: { type: 'array', title: 'Itens', items: { type: 'string', enum: ['Sofá', 'Geladeira'] }, uniqueItems: true },
      },
    });
    expect(Object.keys(schema.properties as object)).toEqual(['referencia', 'descricao', 'contato', 'quantidade', 'desde', 'porte', 'risco', 'itens']);
  });

  it('reads back what it writes, for any field the builder can make', () => {
    const text = fc.string({ maxLength: 8 }).map((value) => value.trim());
    const builderField = fc.record({
      key: fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,10}$/),
      label: fc.string({ minLength: 1, maxLength: 10 }).filter((value) => value.trim() === value && value !== ''),
      type: fc.constantFrom(...formFieldTypes),
      required: fc.boolean(),
      help: text,
      helpKeyword: fc.constantFrom('x-help' as const, 'description' as const),
      placeholder: text,
      maxLength: fc.option(fc.nat()),
      minimum: fc.option(fc.integer()),
      maximum: fc.option(fc.integer()),
      integer: fc.boolean(),
      options: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }).filter((value) => value.trim() === value && value !== ''), { minLength: 1, maxLength: 4 }),
      choiceWidget: fc.constantFrom('select' as const, 'radio' as const),
    });
    fc.assert(
      fc.property(fc.uniqueArray(builderField, { selector: (item) => item.key, maxLength: 5 }), (fields) => {
        const schema = schemaFromFields(fields);
        const read = fieldsFromSchema(schema);
        expect(read.ok).toBe(true);
        expect(schemaFromFields(read.ok ? read.fields : [])).toEqual(schema);
      }),
    );
  });
});

describe('JSON Schema to builder fields', () => {
  it('reads choices, widgets and help from a stored schema', () => {
    const read = fieldsFromSchema({
      type: 'object',
      required: ['periodo'],
      properties: {
        periodo: { type: 'string', title: 'Período', enum: ['Noite', 'Dia'], 'x-widget': 'radio', 'x-help': 'Quando' },
        quantidade: { type: 'number', title: 'Quantidade', minimum: 0.5 },
      },
    });

    expect(read).toEqual({
      ok: true,
      fields: [
        field({ key: 'periodo', label: 'Período', type: 'choice', required: true, options: ['Noite', 'Dia'], choiceWidget: 'radio', help: 'Quando' }),
        field({ key: 'quantidade', label: 'Quantidade', type: 'number', minimum: 0.5 }),
      ],
    });
  });

  it.each([
    [{ type: 'object', title: 'Formulário', properties: {} }, 'o esquema usa "title" na raiz.'],
    [{ type: 'array' }, 'a raiz do esquema não é {"type": "object", "properties": {…}}.'],
    [{ type: 'object', properties: { a: { type: 'string', title: 'A', pattern: '^x' } } }, 'o campo "a" usa "pattern", que o editor visual não oferece.'],
    [{ type: 'object', properties: { a: { type: 'array', title: 'A' } } }, 'o campo "a" tem um tipo que o editor visual não oferece ("array").'],
    [{ type: 'object', properties: { a: { type: 'array', title: 'A', items: { type: 'string', enum: ['x'] } } } }, 'o campo "a" tem um tipo que o editor visual não oferece ("array").'],
    [{ type: 'object', properties: { a: { type: 'integer', title: 'A', enum: [1, 2] } } }, 'o campo "a" usa "enum", que o editor visual não oferece.'],
    [{ type: 'object', properties: { a: { type: 'string', title: 'A', format: 'time' } } }, 'o campo "a" tem um tipo que o editor visual não oferece ("string").'],
    [{ type: 'object', properties: { a: { type: 'string', title: 'A', description: 'x', 'x-help': 'y' } } }, 'o campo "a" tem ao mesmo tempo "description" e "x-help".'],
    [{ type: 'object', required: ['b'], properties: { a: { type: 'string', title: 'A' } } }, '"required" não lista só nomes de campos existentes.'],
  ])('leaves %j to the JSON editor, saying why', (schema, reason) => {
    expect(fieldsFromSchema(schema)).toEqual({ ok: false, reason });
  });
});

describe('keys made from labels', () => {
  it('drops accents and spaces, camel-cases and avoids keys already taken', () => {
    expect(keyFromLabel('Número do poste', [])).toBe('numeroDoPoste');
    expect(keyFromLabel('Número do poste', ['numeroDoPoste', 'numeroDoPoste2'])).toBe('numeroDoPoste3');
    expect(keyFromLabel('2ª via?', [])).toBe('via');
    expect(keyFromLabel('  ', [])).toBe('campo');
    expect(keyFromLabel('x'.repeat(60), ['x'.repeat(50)])).toBe(`${'x'.repeat(49)}2`);
  });
});

describe('problems told at the field', () => {
  it('asks for a label, a valid and unique key and distinct options', () => {
    expect(
      formFieldProblems([
        field({ key: 'porte', label: 'Porte', type: 'choice', options: ['A', ''] }),
        field({ key: 'porte', label: ' ', type: 'choice', options: ['', ' '] }),
        field({ key: '1x', label: 'X', type: 'choice', options: ['A', 'A '] }),
        field({ key: 'n', label: 'N', type: 'number', minimum: 5, maximum: 1 }),
      ]),
    ).toEqual([
      {},
      { label: 'Informe o rótulo do campo.', key: 'Outro campo já usa esta chave.', options: 'Informe ao menos uma opção.' },
      { key: 'Use de 1 a 50 letras sem acento, números ou _, começando por letra.', options: 'Há opções repetidas.' },
      { range: 'O mínimo é maior que o máximo.' },
    ]);
  });
});
