import { screen, waitFor, within } from '@testing-library/react';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../../testing/fake-server';
import { renderApp } from '../../testing/render-app';
import { cellTexts, dialog, list, openTab, organ, rowOf } from './test-support';

beforeEach(() => localStorage.clear());

const works = organ(1, { name: 'Secretaria de Obras', acronym: 'SMO', email: 'obras@prefeitura.sp.gov.br' });
const oldOne = organ(2, { name: 'Secretaria Extinta', active: false });

test('a supervisor sees the knowledge tabs and not Usuários', async () => {
  storeSession(loginResponse('supervisor'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('supervisor') },
    'GET /api/knowledge/organs': list([works]),
  });

  renderApp('/administracao');

  expect((await screen.findAllByRole('tab')).map((tab) => tab.textContent)).toEqual([
    'Órgãos',
    'Sessões',
    'Informações',
    'Tipos de solicitação',
    'Script',
    'Quadros de avisos',
    'Lacunas da base',
  ]);
  expect(screen.queryByRole('tab', { name: 'Usuários' })).not.toBeInTheDocument();
  expect(await rowOf('Secretaria de Obras')).toBeInTheDocument();
  expect(server.calls('GET /api/users')).toHaveLength(0);
  expect(server.calls('GET /api/knowledge/organs')[0].headers.Authorization).toBe('Bearer token-supervisor');
});

test('an admin sees Usuários first, then the knowledge tabs, then Telefonia and Acessos a dados', async () => {
  storeSession(loginResponse('admin'));
  fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('admin') },
    'GET /api/users': { status: 200, body: { items: [], total: 0 } },
  });

  renderApp('/administracao');

  expect((await screen.findAllByRole('tab')).map((tab) => tab.textContent)).toEqual([
    'Usuários',
    'Órgãos',
    'Sessões',
    'Informações',
    'Tipos de solicitação',
    'Script',
    'Quadros de avisos',
    'Lacunas da base',
    'Telefonia',
    'Acessos a dados',
    'Aplicativos Open311',
  ]);
  expect(screen.getByRole('tab', { name: 'Usuários' })).toHaveAttribute('aria-selected', 'true');
  expect(await screen.findByText('Nenhum usuário cadastrado.')).toBeInTheDocument();
});

test('the organs table marks inactive ones', async () => {
  await openTab('Órgãos', { 'GET /api/knowledge/organs': list([works, oldOne]) });

  expect(cellTexts(await rowOf('Secretaria de Obras'))).toEqual([
    'Secretaria de Obras',
    'SMO',
    'obras@prefeitura.sp.gov.br',
    'Ativo',
    'EditarDesativarExcluir',
  ]);
  const inactive = await rowOf('Secretaria Extinta');
  expect(within(inactive).getByText('Inativo')).toBeInTheDocument();
  expect(within(inactive).getByRole('button', { name: 'Ativar' })).toBeInTheDocument();
  expect(screen.getByText('2 órgãos')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Subir' })).not.toBeInTheDocument();
});

test('creating an organ validates it first, then sends it and lists it', async () => {
  const created = organ(3, { name: 'Subprefeitura Sé', acronym: 'SUB-SE', email: 'se@prefeitura.sp.gov.br' });
  const { server, user } = await openTab('Órgãos', {
    'GET /api/knowledge/organs': list([works]),
    'POST /api/knowledge/organs': { status: 201, body: created },
  });
  await rowOf('Secretaria de Obras');

  await user.click(screen.getByRole('button', { name: 'Novo órgão' }));
  const form = dialog('Novo órgão');
  await user.type(within(form).getByLabelText('E-mail'), 'não é e-mail');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  expect(within(form).getByLabelText('Nome')).toHaveAccessibleDescription('Informe o nome do órgão.');
  expect(within(form).getByLabelText('E-mail')).toHaveAccessibleDescription(expect.stringContaining('E-mail inválido.'));
  expect(server.calls('POST /api/knowledge/organs')).toHaveLength(0);

  await user.type(within(form).getByLabelText('Nome'), 'Subprefeitura Sé');
  await user.type(within(form).getByLabelText('Sigla'), 'SUB-SE');
  await user.clear(within(form).getByLabelText('E-mail'));
  await user.type(within(form).getByLabelText('E-mail'), 'SE@prefeitura.sp.gov.br');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(server.calls('POST /api/knowledge/organs')[0].body).toEqual({
    name: 'Subprefeitura Sé',
    acronym: 'SUB-SE',
    email: 'se@prefeitura.sp.gov.br',
    active: true,
  });
  expect(await rowOf('Subprefeitura Sé')).toBeInTheDocument();
  expect(screen.getByRole('status')).toHaveTextContent('Órgão “Subprefeitura Sé” criado.');
});

test('editing sends only what changed', async () => {
  const { server, user } = await openTab('Órgãos', {
    'GET /api/knowledge/organs': list([works]),
    [`PATCH /api/knowledge/organs/${works.id}`]: (request) => ({ status: 200, body: { ...works, ...(request.body as object) } }),
  });

  await user.click(within(await rowOf('Secretaria de Obras')).getByRole('button', { name: 'Editar' }));
  const form = dialog('Editar órgão Secretaria de Obras');
  await user.clear(within(form).getByLabelText('Sigla'));
  await user.type(within(form).getByLabelText('Sigla'), 'SIURB');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(server.calls(`PATCH /api/knowledge/organs/${works.id}`)[0].body).toEqual({ acronym: 'SIURB' });
  expect(within(await rowOf('Secretaria de Obras')).getByText('SIURB')).toBeInTheDocument();
});

test('[Desativar] asks first, [Ativar] switches the organ back without asking', async () => {
  const { server, user } = await openTab('Órgãos', {
    'GET /api/knowledge/organs': list([works]),
    [`PATCH /api/knowledge/organs/${works.id}`]: (request) => ({ status: 200, body: { ...works, ...(request.body as object) } }),
  });
  const patches = () => server.calls(`PATCH /api/knowledge/organs/${works.id}`);

  await user.click(within(await rowOf('Secretaria de Obras')).getByRole('button', { name: 'Desativar' }));
  const confirm = dialog('Desativar órgão');
  expect(confirm).toHaveTextContent('“Secretaria de Obras” deixa de ser oferecido aos atendentes.');
  await user.click(within(confirm).getByRole('button', { name: 'Cancelar' }));
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(patches()).toHaveLength(0);
  expect(within(await rowOf('Secretaria de Obras')).getByText('Ativo')).toBeInTheDocument();

  await user.click(within(await rowOf('Secretaria de Obras')).getByRole('button', { name: 'Desativar' }));
  await user.click(within(dialog('Desativar órgão')).getByRole('button', { name: 'Desativar' }));

  const row = await rowOf('Secretaria de Obras');
  expect(await within(row).findByText('Inativo')).toBeInTheDocument();
  expect(patches()[0].body).toEqual({ active: false });
  expect(screen.getByRole('status')).toHaveTextContent('Órgão “Secretaria de Obras” desativado.');

  await user.click(within(row).getByRole('button', { name: 'Ativar' }));
  expect(await within(await rowOf('Secretaria de Obras')).findByText('Ativo')).toBeInTheDocument();
  expect(patches()[1].body).toEqual({ active: true });
});

test('deleting an organ that request types use shows the refusal and offers to deactivate it', async () => {
  const refusal = 'O órgão Secretaria de Obras é usado por 3 tipos de solicitação e não pode ser excluído.';
  const { server, user } = await openTab('Órgãos', {
    'GET /api/knowledge/organs': list([works]),
    [`DELETE /api/knowledge/organs/${works.id}`]: apiError(409, 'CONFLICT', refusal),
    [`PATCH /api/knowledge/organs/${works.id}`]: (request) => ({ status: 200, body: { ...works, ...(request.body as object) } }),
  });

  await user.click(within(await rowOf('Secretaria de Obras')).getByRole('button', { name: 'Excluir' }));
  const confirm = dialog('Excluir órgão');
  expect(confirm).toHaveTextContent('Excluir “Secretaria de Obras”? Esta ação não pode ser desfeita.');
  expect(server.calls(`DELETE /api/knowledge/organs/${works.id}`)).toHaveLength(0);
  await user.click(within(confirm).getByRole('button', { name: 'Excluir' }));

  expect(await within(confirm).findByRole('alert')).toHaveTextContent(refusal);
  expect(confirm).toHaveTextContent('Em vez de excluir, desative-o');
  expect(within(confirm).queryByRole('button', { name: 'Excluir' })).not.toBeInTheDocument();
  // Still listed behind the dialog, which keeps the page inert (hidden from assistive technology).
  expect(screen.getByRole('cell', { name: 'Secretaria de Obras', hidden: true })).toBeInTheDocument();

  await user.click(within(confirm).getByRole('button', { name: 'Desativar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(server.calls(`PATCH /api/knowledge/organs/${works.id}`)[0].body).toEqual({ active: false });
  expect(within(await rowOf('Secretaria de Obras')).getByText('Inativo')).toBeInTheDocument();
});

test('deleting an unused organ removes it from the table', async () => {
  const { server, user } = await openTab('Órgãos', {
    'GET /api/knowledge/organs': list([works, oldOne]),
    [`DELETE /api/knowledge/organs/${oldOne.id}`]: { status: 204 },
  });

  await user.click(within(await rowOf('Secretaria Extinta')).getByRole('button', { name: 'Excluir' }));
  await user.click(within(dialog('Excluir órgão')).getByRole('button', { name: 'Excluir' }));

  await waitFor(() => expect(screen.queryByRole('cell', { name: 'Secretaria Extinta' })).not.toBeInTheDocument());
  expect(server.calls(`DELETE /api/knowledge/organs/${oldOne.id}`)).toHaveLength(1);
  expect(screen.getByRole('status')).toHaveTextContent('Órgão “Secretaria Extinta” excluído.');
  expect(screen.getByText('1 órgão')).toBeInTheDocument();
});

test('a list that fails to load can be retried', async () => {
  let attempts = 0;
  const { user } = await openTab('Órgãos', {
    'GET /api/knowledge/organs': () =>
      ++attempts === 1 ? apiError(500, 'INTERNAL_ERROR', 'Falha ao listar os órgãos.') : list([works]),
  });

  expect(await screen.findByRole('alert')).toHaveTextContent('Falha ao listar os órgãos.');
  await user.click(screen.getByRole('button', { name: 'Tentar novamente' }));

  expect(await rowOf('Secretaria de Obras')).toBeInTheDocument();
});
