import { screen, waitFor, within } from '@testing-library/react';
import type { Attendance, CustomerHistory } from '@receptivo/shared';
import { summaryOfRequest } from '../attendances/attendances-api';
import { attendance, attendanceId, maria, request, requestId } from '../attendances/test-fixtures';
import { summaryOf } from '../testing/customers';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { formatDateTime } from '../ui/format';

beforeEach(() => localStorage.clear());
afterEach(() => jest.restoreAllMocks());

type Routes = Parameters<typeof fakeServer>[0];

const historyPath = `GET /api/customers/${maria.id}/history`;
const finished = {
  startedAt: '2026-03-10T15:20:00.000Z',
  finishedAt: '2026-03-10T15:34:05.000Z',
} as const;

const history: CustomerHistory = {
  attendances: [
    {
      id: attendanceId,
      protocol: '20260012347',
      channel: 'phone',
      status: 'finished',
      ...finished,
      attendantName: 'Ana Atendente',
      requestCount: 1,
      informationCount: 2,
      informationTitles: ['Segunda via do IPTU', 'Coleta de lixo'],
      requestTypeNames: ['Tapa-buraco'],
    },
  ],
  requests: [{ ...summaryOfRequest(request()), overdue: true }],
};

/** The attendance of the history, finished, from a call, with two informations and the request. */
const detailed: Attendance = attendance({
  status: 'finished',
  ...finished,
  customer: summaryOf(maria),
  scriptSentTo: 'maria@example.com',
  informations: [
    { id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c51', informationId: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c61', title: 'Segunda via do IPTU', registeredAt: '2026-03-10T15:25:00.000Z' },
    { id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c52', informationId: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c62', title: 'Coleta de lixo', registeredAt: '2026-03-10T15:27:00.000Z' },
  ],
  requests: [summaryOfRequest(request())],
  call: {
    callId: '1741620000.42',
    callerNumber: '11987654321',
    callerE164: '+5511987654321',
    queue: 'atendimento',
    waitSeconds: 42,
    talkSeconds: 845,
    ura: { document: '52998224725', option: '2' },
    uraRoute: null,
  },
});

function openCustomer(routes: Routes = {}) {
  storeSession(loginResponse('attendant'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('attendant') },
    [`GET /api/customers/${maria.id}`]: { status: 200, body: maria },
    [historyPath]: { status: 200, body: history },
    [`GET /api/attendances/${attendanceId}`]: { status: 200, body: detailed },
    [`GET /api/requests/${requestId}`]: { status: 200, body: request() },
    ...routes,
  });
  return { server, user: renderApp(`/clientes/${maria.id}`) };
}

async function openHistory(routes: Routes = {}) {
  const opened = openCustomer(routes);
  await opened.user.click(await screen.findByRole('tab', { name: 'Histórico' }));
  return opened;
}

const rowsOf = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);

test('Histórico lists the attendances and the requests, each protocol a link to its page', async () => {
  const { server } = await openHistory();

  const attendances = await screen.findByRole('table', { name: 'Histórico de Atendimento' });
  const [visit] = rowsOf(attendances);
  expect(within(visit).getByRole('link', { name: '2026.001234-7' })).toHaveAttribute('href', `/atendimentos/${attendanceId}`);
  expect(within(visit).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
    '2026.001234-7',
    formatDateTime(finished.startedAt),
    formatDateTime(finished.finishedAt),
    'Telefone',
    'Ana Atendente',
    '2',
    '1',
  ]);

  const requests = screen.getByRole('table', { name: 'Histórico de Solicitação' });
  const [pothole] = rowsOf(requests);
  expect(within(pothole).getByRole('link', { name: '2026.005678-1' })).toHaveAttribute('href', `/solicitacoes/${requestId}`);
  expect(pothole).toHaveTextContent('Tapa-buracoSecretaria de ObrasAberta');
  // Past its deadline by the server's clock: marked beside the deadline.
  expect(within(pothole).getAllByRole('cell').at(-1)).toHaveTextContent(`${formatDateTime(request().deadline)} Vencida`);
  expect(server.calls(historyPath)).toHaveLength(1);
});

test('a customer without history is told so in both sections', async () => {
  await openHistory({ [historyPath]: { status: 200, body: { attendances: [], requests: [] } } });

  expect(await screen.findByText('Nenhum atendimento registrado para este cliente.')).toBeInTheDocument();
  expect(screen.getByText('Nenhuma solicitação registrada para este cliente.')).toBeInTheDocument();
});

test('a failed history says so and asks again on Tentar novamente', async () => {
  let down = true;
  const { user } = await openHistory({
    [historyPath]: () => (down ? apiError(503, 'INTERNAL_ERROR', 'Servidor indisponível.') : { status: 200, body: history }),
  });

  expect(await screen.findByRole('alert')).toHaveTextContent('Não foi possível carregar o histórico do cliente. Servidor indisponível.');
  down = false;
  await user.click(screen.getByRole('button', { name: 'Tentar novamente' }));
  expect(await screen.findByRole('table', { name: 'Histórico de Atendimento' })).toBeInTheDocument();
});

test('an attendance protocol opens Detalhes Atendimento, and a request title there opens its Status Solicitação', async () => {
  const { user } = await openHistory();

  await user.click(await screen.findByRole('link', { name: '2026.001234-7' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Detalhes Atendimento' })).toBeInTheDocument();
  expect(window.location.pathname).toBe(`/atendimentos/${attendanceId}`);
  const page = screen.getByRole('region', { name: 'Detalhes Atendimento' });
  expect(page).toHaveTextContent('Protocolo 2026.001234-7');
  const fact = (term: string) => within(page).getAllByText(term, { selector: 'dt' })[0].nextElementSibling;
  expect(fact('Situação')).toHaveTextContent('Finalizado');
  expect(fact('Meio de comunicação')).toHaveTextContent('Telefone');
  expect(fact('Início')).toHaveTextContent(formatDateTime(finished.startedAt, { seconds: true }));
  expect(fact('Término')).toHaveTextContent(formatDateTime(finished.finishedAt, { seconds: true }));
  expect(fact('Duração')).toHaveTextContent('14:05');
  expect(fact('Atendente')).toHaveTextContent('Ana Atendente');
  expect(fact('Cliente')).toHaveTextContent('Maria da Silva529.982.247-25');
  expect(within(page).getByRole('link', { name: 'Maria da Silva' })).toHaveAttribute('href', `/clientes/${maria.id}`);
  expect(fact('Script enviado para')).toHaveTextContent('maria@example.com');

  const call = within(page).getByRole('region', { name: 'Chamada' });
  expect(call).toHaveTextContent('Número(11) 98765-4321');
  expect(call).toHaveTextContent('Filaatendimento');
  expect(call).toHaveTextContent('Espera00:42');
  expect(call).toHaveTextContent('Conversa14:05');
  expect(call).toHaveTextContent('CPF/CNPJ informado na URA529.982.247-25');
  expect(within(page).getByRole('list', { name: 'Informações registradas' })).toHaveTextContent('Segunda via do IPTU');

  const requests = within(page).getByRole('table', { name: 'Solicitações registradas' });
  expect(rowsOf(requests)[0]).toHaveTextContent('2026.005678-1Tapa-buracoSecretaria de ObrasAberta');
  await user.click(within(requests).getByRole('link', { name: 'Tapa-buraco' }));

  expect(await screen.findByRole('region', { name: 'Status Solicitação' })).toHaveTextContent('Protocolo 2026.005678-1');
  expect(window.location.pathname).toBe(`/solicitacoes/${requestId}`);
});

test('Detalhes Atendimento prints on its own page, downloads the PDF with the session, and Fechar goes back', async () => {
  URL.createObjectURL = jest.fn(() => 'blob:fake/attendance');
  URL.revokeObjectURL = jest.fn();
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
  const { server, user } = await openHistory({ [`GET /api/attendances/${attendanceId}/pdf`]: { status: 200, body: pdf } });
  await user.click(await screen.findByRole('link', { name: '2026.001234-7' }));
  const page = await screen.findByRole('region', { name: 'Detalhes Atendimento' });
  await within(page).findByRole('region', { name: 'Chamada' });

  const open = jest.spyOn(window, 'open').mockReturnValue(null);
  await user.click(within(page).getByRole('button', { name: 'Imprimir' }));
  expect(open).toHaveBeenCalledWith(`/atendimentos/${attendanceId}/imprimir`, '_blank');

  await user.click(within(page).getByRole('link', { name: 'Baixar PDF' }));
  await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
  expect(URL.createObjectURL).toHaveBeenCalledWith(pdf);
  expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('atendimento-2026.001234-7.pdf');
  expect(server.calls(`GET /api/attendances/${attendanceId}/pdf`)[0].headers.Authorization).toBe('Bearer token-attendant');

  await user.click(within(page).getByRole('button', { name: 'Fechar' }));
  expect(await screen.findByRole('tab', { name: 'Histórico' })).toBeInTheDocument();
  expect(window.location.pathname).toBe(`/clientes/${maria.id}`);
});

test('the printed attendance lays out the facts, the informations and the requests, and prints on Imprimir', async () => {
  const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
  storeSession(loginResponse('attendant'));
  fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('attendant') },
    [`GET /api/attendances/${attendanceId}`]: { status: 200, body: detailed },
  });
  const user = renderApp(`/atendimentos/${attendanceId}/imprimir`);

  const sheet = await screen.findByRole('article', { name: 'Atendimento 2026.001234-7' });
  expect(sheet).toHaveTextContent('Comprovante de atendimento');
  expect(sheet).toHaveTextContent('AtendenteAna Atendente');
  expect(within(sheet).getByRole('list', { name: 'Informações registradas' })).toHaveTextContent('Coleta de lixo');
  const requests = within(sheet).getByRole('table', { name: 'Solicitações registradas' });
  expect(requests).toHaveTextContent('2026.005678-1Tapa-buraco');
  // On paper the request is read, not followed.
  expect(within(requests).queryByRole('link')).not.toBeInTheDocument();
  expect(within(sheet).getByRole('link', { name: 'Baixar PDF' })).toHaveAttribute('href', `/api/attendances/${attendanceId}/pdf`);
  expect(document.title).toBe('Atendimento 2026.001234-7 · Receptivo');

  await user.click(within(sheet).getByRole('button', { name: 'Imprimir' }));
  expect(print).toHaveBeenCalledTimes(1);
});
