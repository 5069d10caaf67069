import { screen, within } from '@testing-library/react';
import type { AttendanceSearchResult, Organ } from '@receptivo/shared';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { formatDateTime } from '../ui/format';
import { summaryOfRequest } from './attendances-api';
import { attendanceId, request, requestId } from './test-fixtures';

beforeEach(() => localStorage.clear());
afterEach(() => jest.restoreAllMocks());

type Routes = Parameters<typeof fakeServer>[0];

const searchPath = 'GET /api/attendances';
const obras: Organ = {
  id: '7c3d2e1f-4a5b-4c6d-8e9f-0a1b2c3d4e01',
  name: 'Secretaria de Obras',
  acronym: 'SO',
  email: null,
  active: true,
  updatedAt: '2026-01-05T12:00:00.000Z',
};
const saude: Organ = { ...obras, id: '7c3d2e1f-4a5b-4c6d-8e9f-0a1b2c3d4e02', name: 'Secretaria de Saúde', acronym: 'SS' };

function results(total = 1): AttendanceSearchResult {
  return {
    items: [
      {
        id: attendanceId,
        protocol: '20260012347',
        channel: 'phone',
        status: 'finished',
        startedAt: '2026-03-10T15:20:00.000Z',
        finishedAt: '2026-03-10T15:34:00.000Z',
        attendantName: 'Ana Atendente',
        requestCount: 1,
        informationCount: 0,
        customerName: 'Maria da Silva',
        requests: [summaryOfRequest(request())],
      },
    ],
    total,
  };
}

function openSearch(path = '/atendimentos', routes: Routes = {}) {
  storeSession(loginResponse('attendant'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('attendant') },
    'GET /api/organs': { status: 200, body: { items: [obras, saude] } },
    [searchPath]: { status: 200, body: results() },
    [`GET /api/requests/${requestId}`]: { status: 200, body: request() },
    ...routes,
  });
  return { server, user: renderApp(path) };
}

const form = () => screen.getByRole('search', { name: 'Pesquisar atendimentos' });
const lastQuery = (server: ReturnType<typeof fakeServer>) => server.calls(searchPath).at(-1)?.query;

test('the tab lists the latest attendances with their requests, each with [Ver] beside its situation', async () => {
  const { server } = openSearch();

  const table = await screen.findByRole('table', { name: 'Atendimentos encontrados' });
  const [row] = within(table).getAllByRole('row').slice(1);
  expect(within(row).getByRole('link', { name: '2026.001234-7' })).toHaveAttribute('href', `/atendimentos/${attendanceId}`);
  expect(row).toHaveTextContent(formatDateTime('2026-03-10T15:20:00.000Z'));
  expect(row).toHaveTextContent('Telefone');
  expect(row).toHaveTextContent('Maria da Silva');
  expect(row).toHaveTextContent('Ana Atendente');
  expect(row).toHaveTextContent('2026.005678-1Tapa-buracoAbertaVer');
  expect(within(row).getByRole('button', { name: 'Ver solicitação 2026.005678-1' })).toBeInTheDocument();
  expect(screen.getByText('1 atendimento encontrado')).toBeInTheDocument();
  expect(lastQuery(server)).toEqual({});
});

test('Pesquisar sends the text with every filter, keeps them in the address, and pages through the results', async () => {
  const { server, user } = openSearch('/atendimentos', { [searchPath]: { status: 200, body: results(45) } });
  await screen.findByRole('table', { name: 'Atendimentos encontrados' });

  await user.type(within(form()).getByLabelText('Busca'), '2026.005678-1');
  await user.selectOptions(within(form()).getByLabelText('Órgão'), 'Secretaria de Obras');
  await user.selectOptions(within(form()).getByLabelText('Situação'), 'Em andamento');
  await user.selectOptions(within(form()).getByLabelText('Meio de comunicação'), 'Presencial');
  const period = within(form()).getByRole('group', { name: 'Período' });
  await user.type(within(period).getByLabelText('De'), '01032026');
  await user.type(within(period).getByLabelText('Até'), '31032026');
  await user.click(within(form()).getByRole('button', { name: 'Pesquisar' }));

  const filters = { q: '2026.005678-1', organId: obras.id, status: 'in_progress', channel: 'walk_in', from: '2026-03-01', to: '2026-03-31' };
  expect(await screen.findByText('Página 1 de 3')).toBeInTheDocument();
  expect(lastQuery(server)).toEqual(filters);
  expect(Object.fromEntries(new URLSearchParams(window.location.search))).toEqual(filters);

  await user.click(screen.getByRole('button', { name: 'Próxima' }));
  expect(await screen.findByText('Página 2 de 3')).toBeInTheDocument();
  expect(lastQuery(server)).toEqual({ ...filters, page: '2' });
  expect(new URLSearchParams(window.location.search).get('page')).toBe('2');
  expect(within(form()).getByLabelText('Situação')).toHaveDisplayValue('Em andamento');

  // The first page was answered seconds ago: it comes back from the cache, without asking again.
  const asked = server.requests.length;
  await user.click(screen.getByRole('button', { name: 'Anterior' }));
  expect(await screen.findByText('Página 1 de 3')).toBeInTheDocument();
  expect(new URLSearchParams(window.location.search).get('page')).toBeNull();
  expect(server.requests.length).toBe(asked);
});

test('a reload keeps the search: the filters come back from the address and the same page is asked', async () => {
  const { server } = openSearch(`/atendimentos?q=buraco&organId=${saude.id}&channel=phone&page=2`, {
    [searchPath]: { status: 200, body: results(45) },
  });

  expect(await screen.findByText('Página 2 de 3')).toBeInTheDocument();
  expect(lastQuery(server)).toEqual({ q: 'buraco', organId: saude.id, channel: 'phone', page: '2' });
  expect(within(form()).getByLabelText('Busca')).toHaveValue('buraco');
  expect(await within(form()).findByRole('option', { name: 'Secretaria de Saúde', selected: true })).toBeInTheDocument();
  expect(within(form()).getByLabelText('Meio de comunicação')).toHaveDisplayValue('Telefone');
});

test('a period that ends before it starts is refused beside Até, without asking the server', async () => {
  const { server, user } = openSearch();
  await screen.findByRole('table', { name: 'Atendimentos encontrados' });
  const calls = server.calls(searchPath).length;

  const period = within(form()).getByRole('group', { name: 'Período' });
  await user.type(within(period).getByLabelText('De'), '31032026');
  await user.type(within(period).getByLabelText('Até'), '01032026');
  await user.click(within(form()).getByRole('button', { name: 'Pesquisar' }));

  expect(within(period).getByLabelText('Até')).toHaveAccessibleDescription('A data final é anterior à inicial.');
  expect(server.calls(searchPath)).toHaveLength(calls);
});

test("the server's field errors appear beside their filters", async () => {
  const { user } = openSearch('/atendimentos', {
    [searchPath]: ({ query }) =>
      query.q
        ? apiError(400, 'VALIDATION_FAILED', 'Confira os filtros destacados.', { q: 'Use no máximo 100 caracteres.' })
        : { status: 200, body: results() },
  });
  await screen.findByRole('table', { name: 'Atendimentos encontrados' });

  await user.type(within(form()).getByLabelText('Busca'), 'buraco');
  await user.click(within(form()).getByRole('button', { name: 'Pesquisar' }));

  expect(await screen.findByText('Use no máximo 100 caracteres.')).toBeInTheDocument();
  expect(within(form()).getByLabelText('Busca')).toHaveAccessibleDescription(
    'Protocolo, CPF/CNPJ ou telefone do cliente, com ou sem pontuação, ou palavras-chave. Use no máximo 100 caracteres.',
  );
  expect(screen.getByRole('alert')).toHaveTextContent('Confira os filtros destacados.');
});

test('[Ver] opens the request summary with its history, form, e-mail and print, and Fechar closes it', async () => {
  const { server, user } = openSearch('/atendimentos', {
    [`POST /api/requests/${requestId}/resend-email`]: { status: 200, body: request() },
  });

  await user.click(await screen.findByRole('button', { name: 'Ver solicitação 2026.005678-1' }));

  const dialog = await screen.findByRole('dialog', { name: 'Solicitação 2026.005678-1' });
  const status = await within(dialog).findByRole('region', { name: 'Status Solicitação' });
  expect(within(status).getByRole('list', { name: 'Histórico' })).toHaveTextContent('Solicitação registrada no atendimento.');
  expect(within(status).getAllByRole('button').map((button) => button.textContent)).toEqual([
    'Mostrar Formulário',
    'Imprimir',
    'Reenviar Email',
    'Fechar',
  ]);
  expect(within(status).getByRole('link', { name: 'Abrir solicitação' })).toHaveAttribute('href', `/solicitacoes/${requestId}`);

  await user.click(within(status).getByRole('button', { name: 'Mostrar Formulário' }));
  expect(within(status).getByRole('region', { name: 'Formulário' })).toHaveTextContent('Ponto de referênciaEm frente à catedral');
  await user.click(within(status).getByRole('button', { name: 'Reenviar Email' }));
  expect(await within(status).findByText('E-mail reenviado para maria@example.com.')).toBeInTheDocument();
  expect(server.calls(`POST /api/requests/${requestId}/resend-email`)).toHaveLength(1);
  const open = jest.spyOn(window, 'open').mockReturnValue(null);
  await user.click(within(status).getByRole('button', { name: 'Imprimir' }));
  expect(open).toHaveBeenCalledWith(`/solicitacoes/${requestId}/imprimir`, '_blank');

  await user.click(within(status).getByRole('button', { name: 'Fechar' }));
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(window.location.pathname).toBe('/atendimentos');
});

test('without the list of organs the Órgão filter is off and says why; the search still works', async () => {
  openSearch('/atendimentos', { 'GET /api/organs': apiError(403, 'FORBIDDEN', 'Acesso negado.') });

  await screen.findByRole('table', { name: 'Atendimentos encontrados' });
  const organ = within(form()).getByLabelText('Órgão');
  expect(organ).toBeDisabled();
  expect(organ).toHaveAccessibleDescription('Não foi possível carregar a lista de órgãos.');
});
