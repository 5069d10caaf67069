import { screen, waitFor, within } from '@testing-library/react';
import type { Attendance, CustomerHistory, CustomerList } from '@receptivo/shared';
import { summaryOf } from '../testing/customers';
import { openDesk as openAnyDesk } from '../testing/desk';
import type { FakeRoutes } from '../testing/fake-server';
import { formatDateTime } from '../ui/format';
import { summaryOfRequest } from './attendances-api';
import { attendance, attendanceId, maria, request, withMaria } from './test-fixtures';

beforeEach(() => localStorage.clear());

const historyRoute = `GET /api/customers/${maria.id}/history`;
const earlierAttendanceId = '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c02';
/** 2026.000777-5: Maria's pothole of last week, past its deadline. */
const overdueRequest = request({
  id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c22',
  protocol: '20260007775',
  status: 'in_progress',
  attendanceId: earlierAttendanceId,
  deadline: '2026-03-05T12:00:00.000Z',
  groupOf: null,
  group: [],
  address: { cep: '01310100', street: 'Avenida Paulista', number: '1000', complement: null, neighborhood: 'Bela Vista', city: 'São Paulo', state: 'SP' },
});
const finishedRequest = { ...summaryOfRequest(request()), id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c23', protocol: '20260006662', status: 'finished' as const };

/** Maria's history as the server tells it: the attendance on the desk first, then last week's. */
function history(extra: CustomerHistory['requests'] = []): CustomerHistory {
  const earlier = { protocol: '20260007001', startedAt: '2026-03-03T13:00:00.000Z', finishedAt: '2026-03-03T13:09:00.000Z' };
  return {
    attendances: [
      {
        id: attendanceId,
        protocol: '20260012347',
        channel: 'phone',
        status: 'open',
        startedAt: new Date().toISOString(),
        finishedAt: null,
        attendantName: 'Ana Atendente',
        requestCount: extra.length,
        informationCount: 0,
        informationTitles: [],
        requestTypeNames: extra.map((item) => item.typeName),
      },
      {
        id: earlierAttendanceId,
        ...earlier,
        channel: 'walk_in',
        status: 'finished',
        attendantName: 'Bruno Atendente',
        requestCount: 1,
        informationCount: 1,
        informationTitles: ['Segunda via do IPTU'],
        requestTypeNames: ['Tapa-buraco'],
      },
    ],
    requests: [...extra, { ...summaryOfRequest(overdueRequest), overdue: true }, { ...finishedRequest, overdue: false }],
  };
}

const openDesk = (routes: FakeRoutes, current: Attendance) =>
  openAnyDesk({ [`GET /api/customers/${maria.id}`]: { status: 200, body: maria }, ...routes }, current);

const callerHistory = () => screen.findByRole('region', { name: 'Histórico do cliente' });
const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));

test('linking a customer shows their open requests and earlier attendances on the desk', async () => {
  const found: CustomerList = { items: [summaryOf(maria)], total: 1, totalCapped: false };
  const { server, user } = openDesk(
    {
      'GET /api/customers': { status: 200, body: found },
      [`PUT /api/attendances/${attendanceId}/customer`]: { status: 200, body: withMaria() },
      [historyRoute]: { status: 200, body: history() },
    },
    attendance(),
  );

  const search = await screen.findByRole('search', { name: 'Pesquisar clientes' });
  await user.type(within(search).getByLabelText('Telefone'), '11 98765-4321');
  await user.click(within(search).getByRole('button', { name: 'Pesquisar' }));
  const row = (await screen.findByRole('cell', { name: 'Maria da Silva' })).closest('tr') as HTMLElement;
  expect(screen.queryByRole('region', { name: 'Histórico do cliente' })).not.toBeInTheDocument();
  await user.click(within(row).getByRole('button', { name: 'Vincular' }));

  const region = await callerHistory();
  const open = await within(region).findByRole('table', { name: 'Solicitações em aberto' });
  // Only what is still open or under way; the overdue one says so beside its deadline.
  expect(rowsOf(open)).toEqual([['2026.000777-5', 'Tapa-buraco', 'Em andamento', `${formatDateTime(overdueRequest.deadline)}Vencida`]]);
  // The attendance on the desk is not an earlier one.
  expect(rowsOf(within(region).getByRole('table', { name: 'Atendimentos anteriores' }))).toEqual([
    ['2026.000700-1', formatDateTime('2026-03-03T13:00:00.000Z'), 'Presencial', 'Segunda via do IPTU; Tapa-buraco'],
  ]);
  expect(server.calls(historyRoute)).toHaveLength(1);
});

test('an open request is one click from its Status Solicitação, which shows the address, and the attendance stays', async () => {
  const { server, user } = openDesk(
    {
      [historyRoute]: { status: 200, body: history() },
      [`GET /api/requests/${overdueRequest.id}`]: { status: 200, body: overdueRequest },
    },
    withMaria(),
  );
  const knowledgeSearch = within(await screen.findByRole('search', { name: 'Pesquisar na base de conhecimento' })).getByLabelText('Busca');
  await user.type(knowledgeSearch, 'iluminação');

  await user.click(await within(await callerHistory()).findByRole('button', { name: 'Ver solicitação 2026.000777-5' }));

  const status = await screen.findByRole('region', { name: 'Status Solicitação' });
  expect(within(status).getByText('Protocolo', { exact: false })).toHaveTextContent('Protocolo 2026.000777-5');
  expect(within(status).getByText('Avenida Paulista, 1000 — Bela Vista — São Paulo/SP — CEP 01310-100')).toBeVisible();
  // Still the same attendance on the same page: nothing was reloaded or left behind.
  expect(window.location.pathname).toBe('/receptivo');
  expect(within(screen.getByRole('region', { name: 'Resumo do atendimento' })).getByText('2026.001234-7')).toBeInTheDocument();
  expect(server.calls('GET /api/attendances/current')).toHaveLength(1);

  await user.click(within(status).getByRole('button', { name: 'Fechar' }));
  expect(screen.queryByRole('region', { name: 'Status Solicitação' })).not.toBeInTheDocument();
  expect(await callerHistory()).toBeVisible();
  expect(within(screen.getByRole('search', { name: 'Pesquisar na base de conhecimento' })).getByLabelText('Busca')).toHaveValue('iluminação');
});

test('a request registered in the attendance joins the open requests', async () => {
  const saved = request();
  const answers = [history(), history([{ ...summaryOfRequest(saved), overdue: false }])];
  const { server, user } = openDesk(
    {
      [historyRoute]: () => ({ status: 200, body: answers[Math.min(server.calls(historyRoute).length - 1, 1)] }),
      [`POST /api/attendances/${attendanceId}/requests`]: { status: 201, body: saved },
    },
    withMaria(),
  );
  const open = await within(await callerHistory()).findByRole('table', { name: 'Solicitações em aberto' });
  expect(rowsOf(open).map((cells) => cells[0])).toEqual(['2026.000777-5']);

  await user.click(await screen.findByRole('button', { name: 'Vias públicas' }));
  await user.click(screen.getByRole('button', { name: 'Tapa-buraco' }));
  await user.click(screen.getByRole('button', { name: 'Registrar solicitação' }));
  const form = screen.getByRole('region', { name: 'Nova solicitação' });
  await within(form).findByDisplayValue('Praça da Sé');
  await user.type(within(form).getByRole('textbox', { name: 'Ponto de referência' }), 'Em frente à catedral');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));
  const status = await screen.findByRole('region', { name: 'Status Solicitação' });
  await waitFor(() => expect(server.calls(historyRoute)).toHaveLength(2));

  await user.click(within(status).getByRole('button', { name: 'Fechar' }));
  const refreshed = within(await callerHistory()).getByRole('table', { name: 'Solicitações em aberto' });
  expect(rowsOf(refreshed).map((cells) => cells[0])).toEqual(['2026.005678-1', '2026.000777-5']);
});

test('a history that cannot be loaded says so and offers to try again', async () => {
  let failing = true;
  const { user } = openDesk(
    {
      [historyRoute]: () =>
        failing
          ? { status: 403, body: { statusCode: 403, code: 'FORBIDDEN', message: 'Acesso negado.' } }
          : { status: 200, body: history() },
    },
    withMaria(),
  );
  const region = await callerHistory();
  expect(await within(region).findByText(/Não foi possível carregar o histórico do cliente\. Acesso negado\./)).toBeInTheDocument();
  failing = false;
  await user.click(within(region).getByRole('button', { name: 'Tentar novamente' }));
  expect(await within(region).findByRole('table', { name: 'Solicitações em aberto' })).toBeInTheDocument();
});

test('a caller who called earlier today is told on the desk as on the pop: "Ligou 1 vez hoje · 2 nos últimos 7 dias"', async () => {
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
  const recent = history();
  const [current, earlier] = recent.attendances;
  recent.attendances = [current, { ...earlier, startedAt: hoursAgo(2) }, { ...earlier, id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c99', startedAt: hoursAgo(72) }, { ...earlier, id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c98', startedAt: hoursAgo(24 * 30) }];
  openDesk({ [historyRoute]: { status: 200, body: recent } }, withMaria());
  const region = await callerHistory();
  expect(await within(region).findByText('Ligou 1 vez hoje · 2 nos últimos 7 dias')).toBeInTheDocument();
});
