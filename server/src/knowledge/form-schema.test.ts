import { ApiException } from '../common/api-exception';
import { assertRenderableFormSchema, formDataErrors } from './form-schema';

function refusal(schema: Record<string, unknown>): string {
  try {
    assertRenderableFormSchema(schema);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiException);
    return (error as ApiException).message;
  }
  throw new Error('expected the schema to be refused');
}

describe('request type form schemas', () => {
  const lamp = {
    type: 'object',
    required: ['numeroPoste'],
    properties: {
      numeroPoste: { type: 'string', title: 'Número do poste', maxLength: 20, 'x-help': 'Pintado no poste' },
      periodo: { type: 'string', title: 'Período', enum: ['Noite', 'Dia todo'], 'x-widget': 'radio' },
      desde: { type: 'string', title: 'Desde', format: 'date' },
      quantidade: { type: 'integer', title: 'Quantidade', minimum: 1 },
      urgente: { type: 'boolean', title: 'Risco à segurança' },
    },
  };

  it('accepts a flat object of supported fields with UI hints', () => {
    expect(() => assertRenderableFormSchema(lamp)).not.toThrow();
  });

  it('refuses what the desk cannot render or is not JSON Schema, saying why', () => {
    expect(refusal({ type: 'array' })).toMatch(/a raiz deve ser/);
    expect(refusal({ type: 'object', properties: {} })).toMatch(/ao menos um campo/);
    expect(refusal({ type: 'object', properties: { endereco: { type: 'object', title: 'Endereço' } } })).toMatch(/tipo "object"/);
    expect(refusal({ type: 'object', properties: { nome: { type: 'string' } } })).toMatch(/precisa de "title"/);
    expect(refusal({ ...lamp, required: ['naoExiste'] })).toMatch(/"required"/);
    expect(refusal({ type: 'object', properties: { nome: { type: 'string', title: 'Nome', maxLength: 'dez' } } })).toMatch(/^Esquema inválido: .*maxLength/);
    expect(refusal({ type: 'object', properties: { nome: { type: 'string', title: 'Nome', formato: 'x' } } })).toMatch(/strict mode: unknown keyword/);
    expect(refusal({ type: 'object', properties: { 'nome completo': { type: 'string', title: 'Nome' } } })).toMatch(/nome de campo/);
    expect(refusal({ type: 'object', properties: { itens: { type: 'array', title: 'Itens' } } })).toMatch(/é uma lista: informe "items"/);
    expect(refusal({ type: 'object', properties: { itens: { type: 'array', title: 'Itens', items: { type: 'integer', enum: [1] } } } })).toMatch(/é uma lista/);
  });

  it('accepts a multiple choice of text options and checks the answers against them', () => {
    const bulky = {
      type: 'object',
      required: ['itens'],
      properties: { itens: { type: 'array', title: 'Itens', items: { type: 'string', enum: ['Sofá', 'Geladeira'] }, uniqueItems: true } },
    };
    expect(() => assertRenderableFormSchema(bulky)).not.toThrow();
    expect(formDataErrors(bulky, { itens: ['Sofá', 'Geladeira'] })).toBeNull();
    expect(formDataErrors(bulky, { itens: ['Piano'] })).toEqual({ 'form.itens': expect.stringMatching(/^Valor inválido/) });
    expect(formDataErrors(bulky, {})).toEqual({ 'form.itens': 'Campo obrigatório.' });
  });
});
