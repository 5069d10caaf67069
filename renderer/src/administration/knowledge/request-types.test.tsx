import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { RequestType } from '@receptivo/shared';
import { apiError } from '../../testing/fake-server';
import { category, cellTexts, dialog, list, openTab, organ, requestType, rowOf } from './test-support';

beforeEach(() => localStorage.clear());

const urban = category(1, { name: 'Zeladoria' });
const works = organ(1, { name: 'Secretaria de Obras' });
const closed = organ(2, { name: 'Secretaria Extinta', active: false });
const pothole = requestType(1, {
  name: 'Tapa-buraco',
  organId: works.id,
  organName: works.name,
  slaHours: 72,
  restartWindowHours: 48,
  formSchema: { type: 'object', required: ['reference'], properties: { reference: { type: 'string', title: 'Referência' } } },
});

const treeSchema = {
  type: 'object',
  required: ['reference'],
  properties: {
    reference: { type: 'string', title: 'Ponto de referência' },
    size: { type: 'string', title: 'Porte', enum: ['pequeno', 'grande'], 'x-widget': 'radio' },
  },
};
const schemaError = 'Esquema inválido: /properties/size/enum deve ter ao menos 1 item.';

function routes(extra: Parameters<typeof openTab>[1] = {}) {
  return {
    'GET /api/knowledge/organs': list([works, closed]),
    'GET /api/knowledge/categories': list([urban]),
    'GET /api/knowledge/request-types': list([pothole]),
    ...extra,
  };
}

async function openNewRequestType(extra: Parameters<typeof openTab>[1] = {}) {
  const opened = await openTab('Tipos de solicitação', routes(extra));
  await rowOf('Tapa-buraco');
  await opened.user.click(screen.getByRole('button', { name: 'Novo tipo de solicitação' }));
  return { ...opened, form: dialog('Novo tipo de solicitação') };
}

/** The raw JSON view, behind the builder. */
async function showJson(user: UserEvent, form: HTMLElement) {
  const toggle = within(form).getByRole('button', { name: 'JSON Schema (avançado)' });
  if (toggle.getAttribute('aria-pressed') !== 'true') await user.click(toggle);
}

async function replaceSchema(user: UserEvent, form: HTMLElement, text: string) {
  await showJson(user, form);
  const editor = within(form).getByLabelText('Esquema do formulário (JSON Schema)');
  await user.clear(editor);
  await user.click(editor);
  await user.paste(text);
}

async function fillRequiredFields(user: UserEvent, form: HTMLElement) {
  await user.selectOptions(within(form).getByLabelText('Órgão'), 'Secretaria de Obras');
  await user.type(within(form).getByLabelText('Nome'), 'Poda de árvore');
  await user.type(within(form).getByLabelText('Prazo (horas)'), '120');
}

const field = (form: HTMLElement, position: number) => within(form).getByRole('group', { name: new RegExp(`^Campo ${position}\\b`) });

const preview = (form: HTMLElement) => within(form).getByRole('region', { name: 'Pré-visualização' });

test('the request types of a category show organ, deadline and restart window', async () => {
  await openTab('Tipos de solicitação', routes());

  expect(cellTexts(await rowOf('Tapa-buraco'))).toEqual([
    'Tapa-buraco',
    'Secretaria de Obras',
    '72 h',
    '48 horas',
    'Ativo',
    'SubirDescerEditarDesativarExcluir',
  ]);
});

test('creating a request type sends its form schema as an object, with the preview following the text', async () => {
  const { server, user, form } = await openNewRequestType({
    'POST /api/knowledge/request-types': (request) => ({
      status: 201,
      body: requestType(2, { ...(request.body as Partial<RequestType>), organName: works.name }),
    }),
  });
  expect(within(within(form).getByLabelText('Órgão')).getAllByRole('option').map((option) => option.textContent)).toEqual([
    'Selecione…',
    'Secretaria de Obras',
  ]);
  expect(within(preview(form)).getByText('Este formulário não tem campos.')).toBeInTheDocument();

  await fillRequiredFields(user, form);
  await user.selectOptions(within(form).getByLabelText('Janela de reinício'), '48 horas');
  await user.click(within(form).getByLabelText('Agrupar por endereço'));
  await user.click(within(form).getByLabelText('Endereço obrigatório'));
  await user.click(within(form).getByRole('textbox', { name: 'Orientação ao Operador' }));
  await user.paste('Pergunte a altura.');
  await replaceSchema(user, form, JSON.stringify(treeSchema));

  expect(within(preview(form)).getByRole('textbox', { name: 'Ponto de referência' })).toBeRequired();
  expect(within(preview(form)).getByRole('radiogroup', { name: 'Porte' })).toBeInTheDocument();

  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(server.calls('POST /api/knowledge/request-types')[0].body).toEqual({
    categoryId: urban.id,
    organId: works.id,
    name: 'Poda de árvore',
    description: null,
    formSchema: treeSchema,
    operatorGuidance: '<p>Pergunte a altura.</p>',
    slaHours: 120,
    restartWindowHours: 48,
    groupByAddress: true,
    addressRequired: true,
    active: true,
  });
  expect(cellTexts(await rowOf('Poda de árvore')).slice(0, 4)).toEqual(['Poda de árvore', 'Secretaria de Obras', '120 h', '48 horas']);
}, 20_000);

test('the preview changes as the schema text changes, and waits while the JSON is broken', async () => {
  const { user, form } = await openNewRequestType();

  await replaceSchema(user, form, JSON.stringify(treeSchema));
  expect(within(preview(form)).getByRole('textbox', { name: 'Ponto de referência' })).toBeInTheDocument();

  const editor = within(form).getByLabelText('Esquema do formulário (JSON Schema)');
  await user.type(editor, '{Backspace}');
  expect(within(preview(form)).queryByRole('textbox')).not.toBeInTheDocument();
  expect(preview(form)).toHaveTextContent('A pré-visualização aparece quando o JSON estiver correto.');

  await replaceSchema(user, form, JSON.stringify({ ...treeSchema, properties: { phone: { type: 'string', title: 'Telefone' } } }));
  expect(within(preview(form)).getByRole('textbox', { name: 'Telefone' })).toBeInTheDocument();
  expect(within(preview(form)).queryByRole('textbox', { name: 'Ponto de referência' })).not.toBeInTheDocument();

  await replaceSchema(user, form, '{"type": "array"}');
  expect(within(preview(form)).getByRole('alert')).toHaveTextContent('O esquema deve ter "type": "object" na raiz.');
});

test('broken JSON is refused locally, on [Validar] and on [Salvar]', async () => {
  const { server, user, form } = await openNewRequestType();
  await fillRequiredFields(user, form);
  await replaceSchema(user, form, '{"type": "object",\n "properties": {}');
  const editor = within(form).getByLabelText('Esquema do formulário (JSON Schema)');

  await user.click(within(form).getByRole('button', { name: 'Validar' }));
  expect(editor).toHaveAccessibleDescription(expect.stringContaining('JSON inválido:'));
  expect(editor).toHaveAttribute('aria-invalid', 'true');

  await user.click(within(form).getByRole('button', { name: 'Salvar' }));
  expect(editor).toHaveAccessibleDescription(expect.stringContaining('JSON inválido:'));
  expect(editor).toHaveFocus();
  expect(server.calls('POST /api/knowledge/form-schema/validate')).toHaveLength(0);
  expect(server.calls('POST /api/knowledge/request-types')).toHaveLength(0);
  expect(screen.getByRole('dialog', { name: 'Novo tipo de solicitação' })).toBeInTheDocument();
});

test('[Validar] asks the server and shows its verdict beside the editor', async () => {
  let valid = false;
  const { server, user, form } = await openNewRequestType({
    'POST /api/knowledge/form-schema/validate': () =>
      valid
        ? { status: 200, body: { valid: true } }
        : apiError(400, 'VALIDATION_FAILED', schemaError, { formSchema: schemaError }),
  });
  const broken = { ...treeSchema, properties: { size: { type: 'string', enum: [] } } };
  await replaceSchema(user, form, JSON.stringify(broken));
  const editor = within(form).getByLabelText('Esquema do formulário (JSON Schema)');

  await user.click(within(form).getByRole('button', { name: 'Validar' }));

  await waitFor(() => expect(editor).toHaveAccessibleDescription(expect.stringContaining(schemaError)));
  expect(server.calls('POST /api/knowledge/form-schema/validate')[0].body).toEqual({ formSchema: broken });

  valid = true;
  await replaceSchema(user, form, JSON.stringify(treeSchema));
  expect(editor).not.toHaveAttribute('aria-invalid');
  await user.click(within(form).getByRole('button', { name: 'Validar' }));

  expect(await within(form).findByText('Esquema válido.')).toBeInTheDocument();
  expect(editor).not.toHaveAttribute('aria-invalid');
});

test('saving a schema the server refuses keeps the dialog open with its message beside the editor', async () => {
  const { server, user, form } = await openNewRequestType({
    'POST /api/knowledge/request-types': apiError(400, 'VALIDATION_FAILED', schemaError, { formSchema: schemaError }),
  });
  await fillRequiredFields(user, form);
  await replaceSchema(user, form, JSON.stringify({ ...treeSchema, properties: { size: { type: 'string', enum: [] } } }));

  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  const editor = within(form).getByLabelText('Esquema do formulário (JSON Schema)');
  await waitFor(() => expect(editor).toHaveAccessibleDescription(expect.stringContaining(schemaError)));
  expect(editor).toHaveFocus();
  expect(server.calls('POST /api/knowledge/request-types')).toHaveLength(1);
  expect(screen.getByRole('dialog', { name: 'Novo tipo de solicitação' })).toBeInTheDocument();
  expect(within(form).getByRole('button', { name: 'Salvar' })).toBeEnabled();
});

test('the other fields are checked with the shared schema before sending', async () => {
  const { server, user, form } = await openNewRequestType();
  await user.type(within(form).getByLabelText('Prazo (horas)'), '1.5');

  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  expect(within(form).getByLabelText('Órgão')).toHaveAccessibleDescription(expect.stringContaining('Escolha o órgão.'));
  expect(within(form).getByLabelText('Nome')).toHaveAccessibleDescription('Informe o nome do tipo de solicitação.');
  expect(within(form).getByLabelText('Prazo (horas)')).toHaveAccessibleDescription(
    expect.stringContaining('Prazo em horas inteiras.'),
  );
  expect(server.calls('POST /api/knowledge/request-types')).toHaveLength(0);
});

test('editing shows the stored schema and sends only what changed', async () => {
  const { server, user } = await openTab(
    'Tipos de solicitação',
    routes({
      [`PATCH /api/knowledge/request-types/${pothole.id}`]: (request) => ({
        status: 200,
        body: { ...pothole, ...(request.body as object) },
      }),
    }),
  );

  await user.click(within(await rowOf('Tapa-buraco')).getByRole('button', { name: 'Editar' }));
  const form = dialog('Editar tipo de solicitação Tapa-buraco');
  expect(within(field(form, 1)).getByLabelText('Rótulo')).toHaveValue('Referência');
  await showJson(user, form);
  expect(within(form).getByLabelText('Esquema do formulário (JSON Schema)')).toHaveValue(
    JSON.stringify(pothole.formSchema, null, 2),
  );
  expect(within(preview(form)).getByRole('textbox', { name: 'Referência' })).toBeInTheDocument();
  expect(within(form).getByLabelText('Janela de reinício')).toHaveDisplayValue('48 horas');
  await user.selectOptions(within(form).getByLabelText('Janela de reinício'), 'Desativada');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(server.calls(`PATCH /api/knowledge/request-types/${pothole.id}`)[0].body).toEqual({ restartWindowHours: null });
  expect(within(await rowOf('Tapa-buraco')).getByText('Desativada')).toBeInTheDocument();
});

/** Building a form is many interactions on a large dialog: slower than the default 5 s in jsdom. */
describe('the form builder', () => {
  test('a required radio field with options is built, previewed and sent as the JSON Schema the server reads', async () => {
    const { server, user, form } = await openNewRequestType({
      'POST /api/knowledge/request-types': (request) => ({
        status: 201,
        body: requestType(2, { ...(request.body as Partial<RequestType>), organName: works.name }),
      }),
    });
    await fillRequiredFields(user, form);

    await user.click(within(form).getByRole('button', { name: 'Adicionar campo' }));
    const first = field(form, 1);
    expect(within(first).getByLabelText('Rótulo')).toHaveFocus();
    await user.paste('Porte da árvore');
    expect(within(first).getByLabelText('Chave')).toHaveValue('porteDaArvore');
    await user.selectOptions(within(first).getByLabelText('Tipo'), 'Seleção única');
    await user.click(within(first).getByLabelText('Opções'));
    await user.paste('Pequena\nGrande');
    await user.selectOptions(within(first).getByLabelText('Apresentação'), 'Botões de opção (rádio)');
    await user.click(within(first).getByLabelText('Obrigatório'));
    await user.click(within(first).getByLabelText('Texto de ajuda'));
    await user.paste('Pergunte a altura');

    const radios = within(preview(form)).getByRole('radiogroup', { name: 'Porte da árvore' });
    expect(radios).toHaveAttribute('aria-required', 'true');
    expect(within(radios).getAllByRole('radio').map((radio) => radio.closest('label')?.textContent)).toEqual(['Pequena', 'Grande']);
    expect(radios).toHaveAccessibleDescription('Pergunte a altura');

    await user.click(within(form).getByRole('button', { name: 'Salvar' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect((server.calls('POST /api/knowledge/request-types')[0].body as RequestType).formSchema).toEqual({
      type: 'object',
      required: ['porteDaArvore'],
      properties: {
        porteDaArvore: {
          type: 'string',
          title: 'Porte da árvore',
          'x-help': 'Pergunte a altura',
          enum: ['Pequena', 'Grande'],
          'x-widget': 'radio',
        },
      },
    });
  }, 20_000);

  test('a multiple choice has options but no presentation, and is previewed as checkboxes', async () => {
    const { user, form } = await openNewRequestType();
    await user.click(within(form).getByRole('button', { name: 'Adicionar campo' }));
    await user.paste('Itens');
    await user.selectOptions(within(field(form, 1)).getByLabelText('Tipo'), 'Múltipla escolha');
    await user.click(within(field(form, 1)).getByLabelText('Opções'));
    await user.paste('Sofá\nGeladeira');

    expect(within(field(form, 1)).queryByLabelText('Apresentação')).not.toBeInTheDocument();
    const group = within(preview(form)).getByRole('group', { name: 'Itens' });
    expect(within(group).getAllByRole('checkbox').map((box) => box.closest('label')?.textContent)).toEqual(['Sofá', 'Geladeira']);
  }, 20_000);

  test('[Subir] and [Descer] reorder the fields, the preview follows and the focus stays on the moved field', async () => {
    const { user, form } = await openNewRequestType();
    for (const label of ['Referência', 'Telefone', 'Observação']) {
      await user.click(within(form).getByRole('button', { name: 'Adicionar campo' }));
      await user.paste(label);
    }
    const previewOrder = () => within(preview(form)).getAllByRole('textbox').map((input) => (input as HTMLInputElement).labels?.[0]?.textContent);
    expect(previewOrder()).toEqual(['Referência', 'Telefone', 'Observação']);
    expect(within(form).getByRole('button', { name: 'Subir o campo Referência' })).toBeDisabled();

    await user.click(within(form).getByRole('button', { name: 'Subir o campo Observação' }));
    expect(previewOrder()).toEqual(['Referência', 'Observação', 'Telefone']);
    expect(within(form).getByRole('button', { name: 'Subir o campo Observação' })).toHaveFocus();
    expect(field(form, 2)).toHaveAccessibleName('Campo 2: Observação');

    // At the top [Subir] is disabled: the focus moves to [Descer] of the same field, and Enter goes on.
    await user.keyboard('{Enter}');
    expect(previewOrder()).toEqual(['Observação', 'Referência', 'Telefone']);
    expect(within(form).getByRole('button', { name: 'Descer o campo Observação' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(previewOrder()).toEqual(['Referência', 'Observação', 'Telefone']);
  }, 20_000);

  test('removing a field asks first; [Cancelar] keeps it and [Remover] takes it out of the form', async () => {
    const { user, form } = await openNewRequestType();
    for (const label of ['Referência', 'Telefone']) {
      await user.click(within(form).getByRole('button', { name: 'Adicionar campo' }));
      await user.paste(label);
    }

    await user.click(within(form).getByRole('button', { name: 'Remover o campo Referência' }));
    const confirm = screen.getByRole('dialog', { name: 'Remover campo' });
    expect(confirm).toHaveTextContent('Remover o campo Referência do formulário?');
    await user.click(within(confirm).getByRole('button', { name: 'Cancelar' }));
    expect(screen.queryByRole('dialog', { name: 'Remover campo' })).not.toBeInTheDocument();
    expect(within(preview(form)).getByRole('textbox', { name: 'Referência' })).toBeInTheDocument();

    await user.click(within(form).getByRole('button', { name: 'Remover o campo Referência' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Remover campo' })).getByRole('button', { name: 'Remover' }));

    expect(within(preview(form)).queryByRole('textbox', { name: 'Referência' })).not.toBeInTheDocument();
    expect(field(form, 1)).toHaveAccessibleName('Campo 1: Telefone');
    expect(within(field(form, 1)).getByLabelText('Rótulo')).toHaveFocus();
  }, 20_000);

  test('a field left without label or options says so at the field, and the save is held until it is fixed', async () => {
    const { server, user, form } = await openNewRequestType();
    await fillRequiredFields(user, form);
    await user.click(within(form).getByRole('button', { name: 'Adicionar campo' }));
    await user.selectOptions(within(field(form, 1)).getByLabelText('Tipo'), 'Seleção única');
    expect(within(field(form, 1)).getByLabelText('Rótulo')).not.toHaveAttribute('aria-invalid');

    await user.click(within(form).getByRole('button', { name: 'Salvar' }));

    await waitFor(() => expect(within(field(form, 1)).getByLabelText('Rótulo')).toHaveAccessibleDescription('Informe o rótulo do campo.'));
    expect(within(field(form, 1)).getByLabelText('Rótulo')).toHaveFocus();
    expect(within(field(form, 1)).getByLabelText('Opções')).toHaveAccessibleDescription('Uma por linha. Informe ao menos uma opção.');
    expect(within(form).getByText('Corrija os campos do formulário destacados.')).toBeInTheDocument();
    expect(server.calls('POST /api/knowledge/request-types')).toHaveLength(0);
  }, 20_000);

  test('two fields with one key are refused before they could merge into one', async () => {
    const { server, user, form } = await openNewRequestType();
    await fillRequiredFields(user, form);
    for (const label of ['Referência', 'Referência']) {
      await user.click(within(form).getByRole('button', { name: 'Adicionar campo' }));
      await user.paste(label);
    }
    expect(within(field(form, 2)).getByLabelText('Chave')).toHaveValue('referencia2');
    await user.clear(within(field(form, 2)).getByLabelText('Chave'));
    await user.type(within(field(form, 2)).getByLabelText('Chave'), 'referencia');

    await user.click(within(form).getByRole('button', { name: 'Salvar' }));

    expect(within(field(form, 2)).getByLabelText('Chave')).toHaveAccessibleDescription(
      'Nome do dado salvo; gerada a partir do rótulo. Outro campo já usa esta chave.',
    );
    expect(within(field(form, 2)).getByLabelText('Chave')).toHaveFocus();
    expect(server.calls('POST /api/knowledge/request-types')).toHaveLength(0);
  }, 20_000);

  test('a stored schema the builder cannot show opens as JSON, with a notice, and stays JSON', async () => {
    const patterned = requestType(3, {
      name: 'Placa',
      organId: works.id,
      formSchema: { type: 'object', properties: { placa: { type: 'string', title: 'Placa', pattern: '^[A-Z]{3}' } } },
    });
    const { user } = await openTab('Tipos de solicitação', routes({ 'GET /api/knowledge/request-types': list([pothole, patterned]) }));

    await user.click(within(await rowOf('Placa')).getByRole('button', { name: 'Editar' }));
    const form = dialog('Editar tipo de solicitação Placa');

    expect(within(form).getByText(/^O editor visual não consegue/)).toHaveTextContent(
      'O editor visual não consegue mostrar este formulário (o campo "placa" usa "pattern", que o editor visual não oferece). Edite o JSON Schema abaixo.',
    );
    expect(within(form).getByLabelText('Esquema do formulário (JSON Schema)')).toHaveValue(JSON.stringify(patterned.formSchema, null, 2));
    const toggle = within(form).getByRole('button', { name: 'JSON Schema (avançado)' });
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(within(form).queryByRole('button', { name: 'Adicionar campo' })).not.toBeInTheDocument();
  }, 20_000);
});
