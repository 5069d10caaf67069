import { parseSchemaText, schemaToText, starterSchemaText } from './form-schema-text';

test('an object parses to the schema', () => {
  expect(parseSchemaText('{ "type": "object", "properties": { "a": { "type": "string" } } }')).toEqual({
    ok: true,
    schema: { type: 'object', properties: { a: { type: 'string' } } },
  });
  expect(parseSchemaText(starterSchemaText)).toEqual({ ok: true, schema: { type: 'object', required: [], properties: {} } });
  expect(schemaToText({ type: 'object' })).toBe('{\n  "type": "object"\n}');
});

test('a syntax error is reported with its line and column', () => {
  const result = parseSchemaText('{\n  "type": "object"\n  "properties": {}\n}');
  expect(result).toEqual({ ok: false, message: expect.stringMatching(/^JSON inválido: erro na linha 3, coluna 3 \(.+\)\.$/) });
});

test.each([
  ['', 'JSON inválido: o esquema está vazio.'],
  ['[]', 'JSON inválido: o esquema deve ser um objeto, entre { e }.'],
  ['"texto"', 'JSON inválido: o esquema deve ser um objeto, entre { e }.'],
  ['null', 'JSON inválido: o esquema deve ser um objeto, entre { e }.'],
])('%j is refused', (text, message) => {
  expect(parseSchemaText(text)).toEqual({ ok: false, message });
});

test('an error without a place still says what is wrong', () => {
  expect(parseSchemaText('{')).toEqual({ ok: false, message: expect.stringMatching(/^JSON inválido: .+\.$/) });
});
