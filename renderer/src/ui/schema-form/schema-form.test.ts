import {
  displayUnknown,
  displayValue,
  emptyValue,
  fieldsOf,
  headingOf,
  numberFromInput,
  schemaProblem,
  withFieldValue,
  type FormField,
} from './schema-form';

const pothole = {
  type: 'object',
  title: 'Buraco na via',
  description: 'Dados do buraco informado pelo cidadão.',
  required: ['reference', 'size'],
  properties: {
    reference: { type: 'string', title: 'Ponto de referência', 'x-placeholder': 'Ex.: em frente ao nº 120' },
    details: { type: 'string', title: 'Detalhes', 'x-widget': 'textarea', maxLength: 500 },
    email: { type: 'string', format: 'email', title: 'E-mail para retorno' },
    seenOn: { type: 'string', format: 'date', title: 'Visto em' },
    size: { type: 'string', title: 'Tamanho', enum: ['pequeno', 'médio', 'grande'], 'x-widget': 'radio' },
    lanes: { type: 'integer', title: 'Faixas afetadas', minimum: 1, maximum: 6, description: 'Quantas faixas.' },
    depth: { type: 'number', title: 'Profundidade (cm)' },
    risk: { type: 'boolean', title: 'Há risco de acidente', 'x-help': 'Marque se já houve acidente.' },
  },
};

describe('schemaProblem', () => {
  test.each([
    [[], 'O esquema deve ser um objeto JSON.'],
    ['texto', 'O esquema deve ser um objeto JSON.'],
    [null, 'O esquema deve ser um objeto JSON.'],
    [{ type: 'array' }, 'O esquema deve ter "type": "object" na raiz.'],
    [{ properties: {} }, 'O esquema deve ter "type": "object" na raiz.'],
    [{ type: 'object', properties: [] }, 'Em "properties", informe um objeto com os campos do formulário.'],
  ])('refuses %j', (schema, problem) => {
    expect(schemaProblem(schema)).toBe(problem);
    expect(fieldsOf(schema)).toEqual([]);
  });

  test('accepts an object, with or without properties', () => {
    expect(schemaProblem(pothole)).toBeNull();
    expect(schemaProblem({ type: 'object' })).toBeNull();
    expect(fieldsOf({ type: 'object' })).toEqual([]);
  });
});

test('headingOf reads the root title and description', () => {
  expect(headingOf(pothole)).toEqual({ title: 'Buraco na via', description: 'Dados do buraco informado pelo cidadão.' });
  expect(headingOf({ type: 'object', title: '  ' })).toEqual({ title: null, description: null });
});

describe('fieldsOf', () => {
  test('reads every supported property, in order, with labels, hints and required marks', () => {
    expect(fieldsOf(pothole)).toEqual<FormField[]>([
      {
        name: 'reference',
        label: 'Ponto de referência',
        hint: null,
        required: true,
        kind: 'text',
        inputType: 'text',
        placeholder: 'Ex.: em frente ao nº 120',
        maxLength: null,
      },
      { name: 'details', label: 'Detalhes', hint: null, required: false, kind: 'textarea', placeholder: null, maxLength: 500 },
      {
        name: 'email',
        label: 'E-mail para retorno',
        hint: null,
        required: false,
        kind: 'text',
        inputType: 'email',
        placeholder: null,
        maxLength: null,
      },
      { name: 'seenOn', label: 'Visto em', hint: null, required: false, kind: 'text', inputType: 'date', placeholder: null, maxLength: null },
      {
        name: 'size',
        label: 'Tamanho',
        hint: null,
        required: true,
        kind: 'choice',
        widget: 'radio',
        placeholder: null,
        options: [
          { value: 'pequeno', label: 'pequeno' },
          { value: 'médio', label: 'médio' },
          { value: 'grande', label: 'grande' },
        ],
      },
      {
        name: 'lanes',
        label: 'Faixas afetadas',
        hint: 'Quantas faixas.',
        required: false,
        kind: 'number',
        integer: true,
        minimum: 1,
        maximum: 6,
        placeholder: null,
      },
      {
        name: 'depth',
        label: 'Profundidade (cm)',
        hint: null,
        required: false,
        kind: 'number',
        integer: false,
        minimum: null,
        maximum: null,
        placeholder: null,
      },
      { name: 'risk', label: 'Há risco de acidente', hint: 'Marque se já houve acidente.', required: false, kind: 'boolean' },
    ]);
  });

  test('falls back to the property name as label and prefers x-help over description', () => {
    const [field] = fieldsOf({
      type: 'object',
      properties: { bairro: { type: 'string', description: 'Descrição', 'x-help': 'Dica de tela' } },
    });
    expect(field).toMatchObject({ label: 'bairro', hint: 'Dica de tela' });
  });

  test('an enum is a select unless x-widget says radio; oneOf with const gives labelled options', () => {
    const fields = fieldsOf({
      type: 'object',
      properties: {
        shift: { type: 'string', enum: ['manhã', 'tarde'] },
        priority: {
          type: 'integer',
          'x-widget': 'select',
          oneOf: [
            { const: 1, title: 'Baixa' },
            { const: 3, title: 'Alta' },
          ],
        },
        date: { type: 'string', 'x-widget': 'date' },
        maybe: { type: ['string', 'null'], title: 'Opcional' },
      },
    });
    expect(fields[0]).toMatchObject({ kind: 'choice', widget: 'select', options: [{ value: 'manhã', label: 'manhã' }, { value: 'tarde', label: 'tarde' }] });
    expect(fields[1]).toMatchObject({ kind: 'choice', widget: 'select', options: [{ value: 1, label: 'Baixa' }, { value: 3, label: 'Alta' }] });
    expect(fields[2]).toMatchObject({ kind: 'text', inputType: 'date' });
    expect(fields[3]).toMatchObject({ kind: 'text', inputType: 'text', label: 'Opcional' });
  });

  test('shapes outside the subset become unsupported fields with the reason', () => {
    const fields = fieldsOf({
      type: 'object',
      properties: {
        address: { type: 'object', title: 'Endereço', properties: {} },
        photos: { type: 'array', items: { type: 'string' } },
        noType: { title: 'Sem tipo' },
        odd: { type: 'null' },
        union: { type: ['string', 'number'] },
        empty: { enum: [] },
        broken: 'string',
      },
    });
    expect(fields.map((field) => [field.label, field.kind === 'unsupported' ? field.reason : field.kind])).toEqual([
      ['Endereço', 'grupos de campos (objetos aninhados) não são suportados'],
      ['photos', 'listas (array) só com "items" de opções (enum)'],
      ['Sem tipo', 'o tipo do campo não foi informado'],
      ['odd', 'o tipo "null" não é suportado'],
      ['union', 'campos com mais de um tipo não são suportados'],
      ['empty', 'a lista de opções está vazia'],
      ['broken', 'a definição do campo não é um objeto'],
    ]);
  });
});

test('an array of text options is a multiple choice, shown as the chosen labels', () => {
  const [items] = fieldsOf({
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', title: 'Itens', items: { type: 'string', enum: ['Sofá', 'Geladeira'] }, uniqueItems: true } },
  });
  expect(items).toEqual({
    name: 'items',
    label: 'Itens',
    hint: null,
    required: true,
    kind: 'multiChoice',
    options: [
      { value: 'Sofá', label: 'Sofá' },
      { value: 'Geladeira', label: 'Geladeira' },
    ],
  });
  expect(displayValue(items, ['Geladeira', 'Sofá'])).toBe('Geladeira, Sofá');
  expect(displayValue(items, [])).toBeNull();
});

test('emptyValue starts booleans unchecked and uses defaults that fit their field', () => {
  expect(emptyValue(pothole)).toEqual({ risk: false });
  expect(
    emptyValue({
      type: 'object',
      properties: {
        city: { type: 'string', default: 'São Paulo' },
        lanes: { type: 'integer', default: 1.5 },
        floors: { type: 'integer', default: 2 },
        size: { enum: ['P', 'G'], default: 'M' },
        shift: { enum: ['manhã', 'tarde'], default: 'tarde' },
        urgent: { type: 'boolean', default: true },
        tags: { type: 'array', default: [] },
      },
    }),
  ).toEqual({ city: 'São Paulo', floors: 2, shift: 'tarde', urgent: true });
  expect(emptyValue({ type: 'string' })).toEqual({});
});

test('withFieldValue sets a field and leaves blank ones out', () => {
  const value = { a: 'x', b: 2 };
  expect(withFieldValue(value, 'a', 'y')).toEqual({ a: 'y', b: 2 });
  expect(withFieldValue(value, 'c', false)).toEqual({ a: 'x', b: 2, c: false });
  expect(withFieldValue(value, 'a', '')).toEqual({ b: 2 });
  expect(withFieldValue(value, 'b', undefined)).toEqual({ a: 'x' });
  expect(value).toEqual({ a: 'x', b: 2 });
});

test.each([
  ['', undefined],
  ['  ', undefined],
  ['12', 12],
  ['-3.5', -3.5],
  ['1e', undefined],
])('numberFromInput(%j) is %j', (input, number) => {
  expect(numberFromInput(input)).toBe(number);
});

describe('displayValue', () => {
  const [reference, , , seenOn, size, lanes, depth, risk] = fieldsOf(pothole);

  test('formats each kind for reading', () => {
    expect(displayValue(reference, 'Em frente à escola')).toBe('Em frente à escola');
    expect(displayValue(seenOn, '2025-03-09')).toBe('09/03/2025');
    expect(displayValue(size, 'médio')).toBe('médio');
    expect(displayValue(lanes, 2)).toBe('2');
    expect(displayValue(depth, 12.5)).toBe('12,5');
    expect(displayValue(risk, true)).toBe('Sim');
    expect(displayValue(risk, false)).toBe('Não');
  });

  test('is null for blank values and keeps values the schema does not list', () => {
    expect(displayValue(reference, undefined)).toBeNull();
    expect(displayValue(reference, '')).toBeNull();
    expect(displayValue(size, 'enorme')).toBe('enorme');
    expect(displayUnknown({ rua: 'A' })).toBe('{"rua":"A"}');
    expect(displayUnknown(null)).toBeNull();
  });
});
