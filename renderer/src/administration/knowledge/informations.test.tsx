import { screen, waitFor, within } from '@testing-library/react';
import type { Information } from '@receptivo/shared';
import { apiError, type FakeRequest } from '../../testing/fake-server';
import { category, cellTexts, dialog, information, list, openTab, rowOf } from './test-support';

beforeEach(() => localStorage.clear());

const taxes = category(1, { name: 'Tributos' });
const transit = category(2, { name: 'Trânsito', active: false });
const iptu = information(1, { title: 'IPTU: segunda via', keywords: ['iptu', 'boleto'] });
const itbi = information(2, { title: 'ITBI' });
const iss = information(3, { title: 'ISS' });
const fine = information(4, { title: 'Multas', categoryId: transit.id });

/** Informations answered per category, as the server filters them. */
const byCategory = (request: FakeRequest) =>
  list([iptu, itbi, iss, fine].filter((item) => item.categoryId === request.query.categoryId));

test('informations are listed one category at a time', async () => {
  const { server, user } = await openTab('Informações', {
    'GET /api/knowledge/categories': list([taxes, transit]),
    'GET /api/knowledge/informations': byCategory,
  });

  expect(cellTexts(await rowOf('IPTU: segunda via'))).toEqual([
    'IPTU: segunda via',
    'iptu, boleto',
    '—',
    'Ativo',
    'SubirDescerEditarDesativarExcluir',
  ]);
  expect(server.calls('GET /api/knowledge/informations')[0].query).toEqual({ categoryId: taxes.id });
  const filter = screen.getByRole('combobox', { name: 'Sessão' });
  expect(within(filter).getAllByRole('option').map((option) => option.textContent)).toEqual([
    'Tributos',
    'Trânsito (inativa)',
  ]);

  await user.selectOptions(filter, 'Trânsito (inativa)');

  expect(await rowOf('Multas')).toBeInTheDocument();
  expect(screen.queryByRole('cell', { name: 'ITBI' })).not.toBeInTheDocument();
  expect(server.calls('GET /api/knowledge/informations')[1].query).toEqual({ categoryId: transit.id });
});

test('creating an information sends the keywords as a list, the rich texts as HTML and its publication on the portal', async () => {
  const { server, user } = await openTab('Informações', {
    'GET /api/knowledge/categories': list([taxes, transit]),
    'GET /api/knowledge/informations': byCategory,
    'POST /api/knowledge/informations': (request) => ({
      status: 201,
      body: information(9, { ...(request.body as Partial<Information>) }),
    }),
  });
  await rowOf('IPTU: segunda via');

  await user.click(screen.getByRole('button', { name: 'Nova informação' }));
  const form = dialog('Nova informação');
  expect(within(form).getByLabelText('Sessão')).toHaveDisplayValue('Tributos');
  await user.type(within(form).getByLabelText('Título'), 'Taxa do lixo');
  await user.click(within(form).getByRole('textbox', { name: 'Texto' }));
  await user.paste('A taxa é anual.');
  await user.click(within(form).getByRole('textbox', { name: 'Solução Proposta' }));
  await user.paste('Pague pelo portal.');
  await user.type(within(form).getByLabelText('Palavras-chave'), 'taxa, Lixo , coleta,');
  expect(within(form).getByRole('checkbox', { name: /Publicada no Autoatendimento/ })).not.toBeChecked();
  await user.click(within(form).getByRole('checkbox', { name: /Publicada no Autoatendimento/ }));
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(server.calls('POST /api/knowledge/informations')[0].body).toEqual({
    categoryId: taxes.id,
    title: 'Taxa do lixo',
    body: '<p>A taxa é anual.</p>',
    proposedSolution: '<p>Pague pelo portal.</p>',
    keywords: ['taxa', 'lixo', 'coleta'],
    requestTypeIds: [],
    published: true,
    active: true,
  });
  expect(cellTexts(await rowOf('Taxa do lixo')).slice(0, 3)).toEqual(['Taxa do lixo', 'taxa, lixo, coleta', 'Publicada']);
  expect(screen.getByRole('status')).toHaveTextContent('Informação “Taxa do lixo” criada.');
});

test('the text formatted with the toolbar is sent as HTML', async () => {
  const { server, user } = await openTab('Informações', {
    'GET /api/knowledge/categories': list([taxes]),
    'GET /api/knowledge/informations': byCategory,
    'POST /api/knowledge/informations': (request) => ({
      status: 201,
      body: information(9, { ...(request.body as Partial<Information>) }),
    }),
  });
  await rowOf('IPTU: segunda via');
  await user.click(screen.getByRole('button', { name: 'Nova informação' }));
  const form = dialog('Nova informação');
  await user.type(within(form).getByLabelText('Título'), 'Taxa do lixo');
  const toolbar = within(form).getByRole('group', { name: 'Formatação: Texto' });

  const text = within(form).getByRole('textbox', { name: 'Texto' });
  await user.click(text);
  await user.paste('Pague até o dia 10.');
  await user.keyboard('{Control>}a{/Control}');
  await user.click(within(toolbar).getByRole('button', { name: 'Lista' }));
  await user.click(within(toolbar).getByRole('button', { name: 'Negrito' }));
  // A toolbar button gives the focus back to its editor in a later turn: wait for it, or it would
  // take the focus from the next editor clicked.
  await waitFor(() => expect(text).toHaveFocus());
  const solution = within(form).getByRole('textbox', { name: 'Solução Proposta' });
  await user.click(solution);
  await waitFor(() => expect(solution).toHaveFocus());
  await user.paste('Pague pelo portal.');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(server.calls('POST /api/knowledge/informations')[0].body).toMatchObject({
    body: '<ul><li><p><strong>Pague até o dia 10.</strong></p></li></ul>',
  });
});

test('a keyword the server refuses is shown beside the keywords input', async () => {
  const { user } = await openTab('Informações', {
    'GET /api/knowledge/categories': list([taxes]),
    'GET /api/knowledge/informations': byCategory,
    'POST /api/knowledge/informations': apiError(400, 'VALIDATION_FAILED', 'Dados inválidos.', {
      'keywords.1': 'Palavra-chave reservada.',
    }),
  });
  await rowOf('IPTU: segunda via');

  await user.click(screen.getByRole('button', { name: 'Nova informação' }));
  const form = dialog('Nova informação');
  await user.type(within(form).getByLabelText('Título'), 'Taxa do lixo');
  await user.type(within(form).getByLabelText('Palavras-chave'), 'taxa, todos');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() =>
    expect(within(form).getByLabelText('Palavras-chave')).toHaveAccessibleDescription(
      expect.stringContaining('Palavra-chave reservada.'),
    ),
  );
  expect(within(form).getByLabelText('Palavras-chave')).toHaveFocus();
});

test('[Subir] and [Descer] send the whole category in its new order', async () => {
  const { server, user } = await openTab('Informações', {
    'GET /api/knowledge/categories': list([taxes, transit]),
    'GET /api/knowledge/informations': byCategory,
    'POST /api/knowledge/informations/order': { status: 204 },
  });

  const first = await rowOf('IPTU: segunda via');
  expect(within(first).getByRole('button', { name: 'Subir' })).toBeDisabled();
  expect(within(await rowOf('ISS')).getByRole('button', { name: 'Descer' })).toBeDisabled();

  await user.click(within(await rowOf('ISS')).getByRole('button', { name: 'Subir' }));

  await waitFor(() =>
    expect(screen.getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual([
      'IPTU: segunda via',
      'ISS',
      'ITBI',
    ]),
  );
  expect(server.calls('POST /api/knowledge/informations/order')[0].body).toEqual({ ids: [iptu.id, iss.id, itbi.id] });
  expect(screen.getByRole('status')).toHaveTextContent('Informação “ISS” movida para a posição 2 de 3.');

  await user.click(within(await rowOf('IPTU: segunda via')).getByRole('button', { name: 'Descer' }));

  await waitFor(() => expect(server.calls('POST /api/knowledge/informations/order')).toHaveLength(2));
  expect(server.calls('POST /api/knowledge/informations/order')[1].body).toEqual({ ids: [iss.id, iptu.id, itbi.id] });
});

test('a refused reorder keeps the order and says why', async () => {
  const { user } = await openTab('Informações', {
    'GET /api/knowledge/categories': list([taxes]),
    'GET /api/knowledge/informations': byCategory,
    'POST /api/knowledge/informations/order': apiError(409, 'CONFLICT', 'A lista mudou. Recarregue e tente de novo.'),
  });

  await user.click(within(await rowOf('ITBI')).getByRole('button', { name: 'Descer' }));

  expect(await screen.findByRole('alert')).toHaveTextContent('A lista mudou. Recarregue e tente de novo.');
  expect(screen.getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual([
    'IPTU: segunda via',
    'ITBI',
    'ISS',
  ]);
});

test('an information moved to another category leaves the list', async () => {
  const { server, user } = await openTab('Informações', {
    'GET /api/knowledge/categories': list([taxes, transit]),
    'GET /api/knowledge/informations': byCategory,
    [`PATCH /api/knowledge/informations/${itbi.id}`]: (request) => ({
      status: 200,
      body: { ...itbi, ...(request.body as object) },
    }),
  });

  await user.click(within(await rowOf('ITBI')).getByRole('button', { name: 'Editar' }));
  const form = dialog('Editar informação ITBI');
  expect(within(form).getByRole('textbox', { name: 'Texto' })).toContainHTML('<p>Texto</p>');
  await user.selectOptions(within(form).getByLabelText('Sessão'), 'Trânsito (inativa)');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('cell', { name: 'ITBI' })).not.toBeInTheDocument());
  expect(server.calls(`PATCH /api/knowledge/informations/${itbi.id}`)[0].body).toEqual({ categoryId: transit.id });
  expect(screen.getByRole('status')).toHaveTextContent('Informação “ITBI” salva em outra sessão.');
});

test('without categories the tab says to create one first', async () => {
  await openTab('Informações', { 'GET /api/knowledge/categories': list([]) });

  expect(await screen.findByText('Nenhuma sessão cadastrada. Cadastre uma na aba Sessões primeiro.')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Nova informação' })).not.toBeInTheDocument();
});
