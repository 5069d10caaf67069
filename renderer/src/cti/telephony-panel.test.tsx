import { screen, waitFor, within } from '@testing-library/react';
import type { CtiDiagnostics, CtiOverview, CtiTapEntry, Role } from '@receptivo/shared';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());

type Routes = Parameters<typeof fakeServer>[0];

function overview(overrides: Partial<CtiOverview> = {}): CtiOverview {
  return {
    state: 'connected',
    host: 'pbx.prefeitura.local',
    since: '2026-03-10T12:00:00.000Z',
    lastEventAt: '2026-03-10T12:34:56.000Z',
    activeCalls: 2,
    leader: 'node-a',
    node: 'node-a',
    role: 'single',
    agents: [
      {
        extension: '1001',
        user: { id: '6f1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f01', name: 'Ana Atendente', username: 'atendente' },
        state: 'available',
        reason: null,
        queues: ['atendimento', 'ouvidoria'],
        connected: true,
      },
      { extension: '1002', user: null, state: 'paused', reason: 'Almoço', queues: ['atendimento'], connected: false },
    ],
    ...overrides,
  };
}

const tapEntry = (seq: number, event: string, linkedid: string | null, fields: Record<string, string>): CtiTapEntry => ({
  seq,
  at: '2026-03-10T12:34:56.000Z',
  event,
  linkedid,
  fields,
});

const newchannel = tapEntry(2, 'Newchannel', '1741622400.101', { Channel: 'PJSIP/trunk-00000001', CallerIDNum: '11987654321' });
const peerStatus = tapEntry(1, 'PeerStatus', null, { Peer: 'PJSIP/1001', PeerStatus: 'Reachable' });

/** The Telefonia tab of an admin. */
async function openTelephony(routes: Routes = {}, role: Role = 'admin') {
  storeSession(loginResponse(role));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser(role) },
    'GET /api/users': { status: 200, body: { items: [] } },
    'GET /api/cti/overview': { status: 200, body: overview() },
    'GET /api/cti/ura-routes': { status: 200, body: { routes: [] } },
    'GET /api/categories': { status: 200, body: { items: [] } },
    'GET /api/cti/events': (request) => ({
      status: 200,
      body: { items: request.query.q ? [newchannel] : [newchannel, peerStatus] },
    }),
    ...routes,
  });
  const user = renderApp('/administracao');
  await user.click(await screen.findByRole('tab', { name: 'Telefonia' }));
  return { server, user };
}

const region = (name: string) => screen.getByRole('region', { name });
const rowOf = (table: HTMLElement, text: string) => within(table).getByText(text).closest('tr') as HTMLElement;

test('the Telefonia tab shows the AMI link and every extension with its user, state, queues and desk', async () => {
  await openTelephony();

  const connection = await screen.findByRole('region', { name: 'Conexão com a central' });
  expect(within(connection).getByText('Conectado')).toBeInTheDocument();
  expect(within(connection).getByText('pbx.prefeitura.local')).toBeInTheDocument();
  expect(within(connection).getByText('2')).toBeInTheDocument();
  // One server alone: nothing about nodes.
  expect(within(connection).queryByText('Nó líder (com a central)')).not.toBeInTheDocument();

  const table = within(region('Ramais')).getByRole('table', { name: 'Ramais e usuários' });
  expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual([
    'Ramal',
    'Usuário',
    'Estado',
    'Filas',
    'Desktop conectado',
  ]);
  expect(rowOf(table, '1001')).toHaveTextContent('1001Ana AtendenteatendenteDisponívelatendimento, ouvidoriaSim');
  expect(within(rowOf(table, '1002')).getByText('sem usuário')).toBeInTheDocument();
  expect(rowOf(table, '1002')).toHaveTextContent('Em pausaAlmoço');
  expect(rowOf(table, '1002')).toHaveTextContent(/Não$/);
});

test.each([
  ['login_refused', 'Login recusado (verifique AMI_USER e AMI_SECRET)'],
  ['off', 'Desligado (AMI_HOST não configurado)'],
  ['reconnecting', 'Reconectando'],
] as const)('the AMI state %s reads "%s"', async (state, label) => {
  await openTelephony({ 'GET /api/cti/overview': { status: 200, body: overview({ state, host: null, agents: [] }) } });

  const connection = await screen.findByRole('region', { name: 'Conexão com a central' });
  expect(within(connection).getByText(label)).toBeInTheDocument();
});

test('the event tap lists the last events, filters them on the server and expands a row to all its fields', async () => {
  const { server, user } = await openTelephony();

  const tap = region('Eventos recentes');
  const table = await within(tap).findByRole('table', { name: 'Últimos eventos da central' });
  expect(within(table).getAllByRole('row')).toHaveLength(3);
  expect(rowOf(table, 'Newchannel')).toHaveTextContent('1741622400.101');

  await user.type(within(tap).getByLabelText('Filtrar eventos'), '1741622400.101');

  await waitFor(() => expect(within(table).queryByText('PeerStatus')).not.toBeInTheDocument());
  expect(server.calls('GET /api/cti/events').some((request) => request.query.q === '1741622400.101')).toBe(true);
  // Typing asks once the typing stops, not once per key.
  expect(server.calls('GET /api/cti/events').filter((request) => request.query.q).length).toBeLessThan(3);

  const expand = within(rowOf(table, 'Newchannel')).getByRole('button', { name: 'Ver campos' });
  expect(expand).toHaveAttribute('aria-expanded', 'false');
  await user.click(expand);

  expect(expand).toHaveAttribute('aria-expanded', 'true');
  const fields = document.getElementById(expand.getAttribute('aria-controls') ?? '') as HTMLElement;
  expect(fields).toBeVisible();
  expect(within(fields).getByText('CallerIDNum').nextSibling).toHaveTextContent('11987654321');
  expect(within(fields).getByText('Channel').nextSibling).toHaveTextContent('PJSIP/trunk-00000001');
});

test('the tap asks again every 2 s while the tab is open', async () => {
  const { server } = await openTelephony();
  await screen.findByRole('table', { name: 'Últimos eventos da central' });
  const before = server.calls('GET /api/cti/events').length;

  await waitFor(() => expect(server.calls('GET /api/cti/events').length).toBeGreaterThan(before), { timeout: 3000 });
});

test('a test call goes to the chosen extension and is confirmed', async () => {
  const { server, user } = await openTelephony({ 'POST /api/cti/test-call': { status: 201, body: { callId: 'test-1' } } });

  const form = await screen.findByRole('form', { name: 'Chamada de teste' });
  expect(within(form).getByLabelText('Número de origem')).toHaveValue('11987654321');
  await user.click(within(form).getByRole('button', { name: 'Enviar chamada de teste' }));
  expect(within(form).getByLabelText('Ramal')).toHaveAccessibleDescription('Escolha o ramal.');
  expect(server.calls('POST /api/cti/test-call')).toHaveLength(0);

  await user.selectOptions(within(form).getByLabelText('Ramal'), '1001 — Ana Atendente');
  await user.type(within(form).getByLabelText('CPF'), '52998224725');
  await user.click(within(form).getByRole('button', { name: 'Enviar chamada de teste' }));

  expect(await within(form).findByText('Chamada de teste enviada ao ramal 1001')).toBeInTheDocument();
  expect(server.calls('POST /api/cti/test-call')[0].body).toEqual({
    extension: '1001',
    callerNumber: '11987654321',
    document: '52998224725',
  });
});

test('a refused test call shows the reason beside the field, or in the form', async () => {
  let refusal = apiError(400, 'VALIDATION_FAILED', 'Dados inválidos.', { extension: 'Nenhum usuário tem o ramal 1002.' });
  const { user } = await openTelephony({ 'POST /api/cti/test-call': () => refusal });

  const form = await screen.findByRole('form', { name: 'Chamada de teste' });
  await user.selectOptions(within(form).getByLabelText('Ramal'), '1002 — sem usuário');
  await user.click(within(form).getByRole('button', { name: 'Enviar chamada de teste' }));

  await waitFor(() =>
    expect(within(form).getByLabelText('Ramal')).toHaveAccessibleDescription('Nenhum usuário tem o ramal 1002.'),
  );
  expect(within(form).queryByText(/Chamada de teste enviada/)).not.toBeInTheDocument();

  refusal = apiError(422, 'BUSINESS_RULE', 'A telefonia está desligada (AMI_HOST não configurado).');
  await user.click(within(form).getByRole('button', { name: 'Enviar chamada de teste' }));
  expect(await within(form).findByRole('alert')).toHaveTextContent('A telefonia está desligada (AMI_HOST não configurado).');
});

test('supervisors keep the knowledge tabs but do not see Telefonia', async () => {
  storeSession(loginResponse('supervisor'));
  fakeServer({ 'GET /api/auth/me': { status: 200, body: sessionUser('supervisor') } });
  renderApp('/administracao');

  expect(await screen.findByRole('tab', { name: 'Órgãos' })).toBeInTheDocument();
  expect(screen.queryByRole('tab', { name: 'Telefonia' })).not.toBeInTheDocument();
});

test('in a cluster the Telefonia tab says which node runs the PBX link and which node answered', async () => {
  await openTelephony({ 'GET /api/cti/overview': { status: 200, body: overview({ leader: 'node-b', node: 'node-a', role: 'follower' }) } });

  const connection = await screen.findByRole('region', { name: 'Conexão com a central' });
  expect(within(connection).getByText('node-b')).toBeInTheDocument();
  expect(within(connection).getByText('node-a (seguidor)')).toBeInTheDocument();
});

test('the wiring check runs on the admin’s click and shows each finding with where and how to fix it', async () => {
  const diagnostics: CtiDiagnostics = {
    checkedAt: '2026-03-10T12:40:00.000Z',
    state: 'connected',
    host: 'pbx.prefeitura.local',
    leader: 'node-a',
    clockOffsetMs: 120,
    callsSeen: 3,
    queues: [{ name: 'atendimento', members: [{ interface: 'IAX2/1002', extension: null, userName: null }] }],
    findings: [
      {
        code: 'member_outside_pattern',
        severity: 'error',
        title: 'O membro IAX2/1002 da fila atendimento não corresponde a CTI_AGENT_PATTERN.',
        detail: 'As chamadas desse membro não aparecem em nenhuma mesa.',
        fix: { place: 'queues.conf', lines: ['[atendimento]', 'member => PJSIP/1002'] },
      },
    ],
    passed: ['Conexão com o AMI'],
    pending: [],
  };
  const { server, user } = await openTelephony({ 'GET /api/cti/diagnostics': { status: 200, body: diagnostics } });
  const check = await screen.findByRole('region', { name: 'Verificação da central' });
  // Never sent unasked: the check probes the PBX.
  expect(server.calls('GET /api/cti/diagnostics')).toHaveLength(0);

  await user.click(within(check).getByRole('button', { name: 'Verificar configuração da central' }));
  expect(await within(check).findByRole('status')).toHaveTextContent(/^1 problema encontrado/);
  const finding = within(within(check).getByRole('list', { name: 'Problemas encontrados' })).getByRole('listitem');
  expect(finding).toHaveTextContent('Erro O membro IAX2/1002 da fila atendimento não corresponde a CTI_AGENT_PATTERN.');
  expect(finding).toHaveTextContent('Como corrigir, em queues.conf (Asterisk):');
  expect(within(finding).getByText(/member => PJSIP\/1002/).textContent).toBe('[atendimento]\nmember => PJSIP/1002');
  expect(within(check).getByRole('table', { name: 'Filas e membros na central' })).toHaveTextContent('atendimentoIAX2/1002—sem usuário');
  expect(server.calls('GET /api/cti/diagnostics')).toHaveLength(1);
});

test('a wiring check the server cannot run says why', async () => {
  const { user } = await openTelephony({ 'GET /api/cti/diagnostics': apiError(503, 'CTI_UNAVAILABLE', 'Nenhum servidor está conectado à central telefônica agora.') });
  const check = await screen.findByRole('region', { name: 'Verificação da central' });
  await user.click(within(check).getByRole('button', { name: 'Verificar configuração da central' }));
  expect(await within(check).findByRole('alert')).toHaveTextContent('Não foi possível verificar a central. Nenhum servidor está conectado à central telefônica agora.');
});

test('the URA routes are edited as a table and saved whole; a refused route is named beside its field', async () => {
  const lighting = { id: '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c01', name: 'Iluminação pública' };
  const cleaning = { id: '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c02', name: 'Limpeza urbana' };
  const category = (item: typeof lighting) => ({ ...item, description: null, position: 0, active: true, updatedAt: '2026-03-10T12:00:00.000Z', informations: [], requestTypes: [] });
  let saves = 0;
  const { server, user } = await openTelephony({
    'GET /api/categories': { status: 200, body: { items: [category(lighting), category(cleaning)] } },
    'GET /api/cti/ura-routes': { status: 200, body: { routes: [{ option: '2', queue: null, categoryId: lighting.id, categoryName: lighting.name }] } },
    'PUT /api/cti/ura-routes': (request) => {
      saves += 1;
      if (saves === 1) return apiError(400, 'VALIDATION_FAILED', 'Corrija as rotas indicadas.', { 'routes.1.categoryId': 'Sessão não encontrada.' });
      const { routes } = request.body as { routes: { option: string | null; queue: string | null; categoryId: string }[] };
      return { status: 200, body: { routes: routes.map((route) => ({ ...route, categoryName: route.categoryId === lighting.id ? lighting.name : cleaning.name })) } };
    },
  });
  const form = await screen.findByRole('form', { name: 'Rotas da URA' });
  const first = within(form).getByRole('listitem', { name: 'Rota 1' });
  expect(within(first).getByLabelText('Opção da URA')).toHaveValue('2');
  expect(within(first).getByLabelText('Sessão')).toHaveDisplayValue('Iluminação pública');

  await user.click(within(form).getByRole('button', { name: 'Adicionar rota' }));
  const second = within(form).getByRole('listitem', { name: 'Rota 2' });
  await user.click(within(form).getByRole('button', { name: 'Salvar rotas' }));
  // Checked before sending: neither option nor queue, and no sessão.
  expect(within(second).getByLabelText('Opção da URA')).toHaveAccessibleDescription('Informe a opção da URA, a fila ou as duas.');
  expect(server.calls('PUT /api/cti/ura-routes')).toHaveLength(0);

  await user.type(within(second).getByLabelText('Fila'), 'ouvidoria');
  await user.selectOptions(within(second).getByLabelText('Sessão'), 'Limpeza urbana');
  await user.click(within(form).getByRole('button', { name: 'Salvar rotas' }));
  expect(await within(second).findByText('Sessão não encontrada.')).toBeInTheDocument();

  await user.click(within(form).getByRole('button', { name: 'Salvar rotas' }));
  expect(await within(form).findByRole('status')).toHaveTextContent('2 rotas salvas.');
  expect(server.calls('PUT /api/cti/ura-routes').at(-1)?.body).toEqual({
    routes: [
      { option: '2', queue: null, categoryId: lighting.id },
      { option: null, queue: 'ouvidoria', categoryId: cleaning.id },
    ],
  });
});
