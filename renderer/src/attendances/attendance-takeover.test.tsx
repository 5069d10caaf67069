import { screen, within } from '@testing-library/react';
import { IDEMPOTENCY_KEY_HEADER, type Role } from '@receptivo/shared';
import { iptu } from '../knowledge/test-fixtures';
import { deskRoutes } from '../testing/desk';
import { fakeCti } from '../testing/fake-cti';
import { apiError, fakeServer, loginResponse, networkDown, sessionUser, storeSession, type FakeRoutes } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { formatDateTime } from '../ui/format';
import { attendance, attendanceId, maria, withMaria } from './test-fixtures';

beforeEach(() => localStorage.clear());
afterEach(() => jest.restoreAllMocks());

const takeoverPath = `POST /api/attendances/${attendanceId}/takeover`;
const supervisor = sessionUser('supervisor');
const ana = attendance().attendant;
const takenAt = '2026-03-10T15:40:00.000Z';
const taken = attendance({
  holder: { id: supervisor.id, name: supervisor.name },
  history: [{ kind: 'taken_over', at: takenAt, actor: { id: supervisor.id, name: supervisor.name }, previousHolder: ana }],
});

function openDetails(role: Role, routes: FakeRoutes = {}) {
  storeSession(loginResponse(role));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser(role) },
    [`GET /api/attendances/${attendanceId}`]: { status: 200, body: attendance() },
    [takeoverPath]: { status: 200, body: taken },
    ...routes,
  });
  return { server, user: renderApp(`/atendimentos/${attendanceId}`) };
}

const page = () => screen.findByRole('region', { name: 'Detalhes Atendimento' });

test('a supervisor takes over an open attendance another holds: the page then names them responsible and shows the takeover', async () => {
  const { server, user } = openDetails('supervisor');
  await user.click(within(await page()).getByRole('button', { name: 'Assumir atendimento' }));

  const details = await page();
  expect(await within(details).findByRole('region', { name: 'Histórico' })).toHaveTextContent(
    `${formatDateTime(takenAt)} — assumido por Sérgio Supervisor (estava com Ana Atendente)`,
  );
  expect(details).toHaveTextContent('ResponsávelSérgio Supervisor');
  expect(within(details).getByRole('status')).toHaveTextContent('Você conduz este atendimento: continue-o no Receptivo.');
  expect(within(details).getByRole('link', { name: 'Receptivo' })).toHaveAttribute('href', '/receptivo');
  expect(within(details).queryByRole('button', { name: 'Assumir atendimento' })).not.toBeInTheDocument();
  expect(server.calls(takeoverPath)).toHaveLength(1);
  expect(server.calls(takeoverPath)[0].headers[IDEMPOTENCY_KEY_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
});

test('a refused takeover says why and keeps the button', async () => {
  const { user } = openDetails('supervisor', {
    [takeoverPath]: apiError(409, 'CONFLICT', 'Este atendimento já foi finalizado e não pode ser alterado.'),
  });
  await user.click(within(await page()).getByRole('button', { name: 'Assumir atendimento' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('Este atendimento já foi finalizado e não pode ser alterado.');
  expect(within(await page()).getByRole('button', { name: 'Assumir atendimento' })).toBeEnabled();
});

test('only a supervisor is offered the takeover, and only of an open attendance', async () => {
  openDetails('attendant');
  expect(await within(await page()).findByText('Em andamento')).toBeInTheDocument();
  expect(within(await page()).queryByRole('button', { name: 'Assumir atendimento' })).not.toBeInTheDocument();
});

test('a finished attendance offers no takeover to the supervisor', async () => {
  openDetails('supervisor', { [`GET /api/attendances/${attendanceId}`]: { status: 200, body: attendance({ status: 'finished', finishedAt: takenAt }) } });
  expect(await within(await page()).findByText('Finalizado')).toBeInTheDocument();
  expect(within(await page()).queryByRole('button', { name: 'Assumir atendimento' })).not.toBeInTheDocument();
});

describe('the attendant whose attendance a supervisor takes over', () => {
  const takeover = { attendanceId, protocol: attendance().protocol, by: { id: supervisor.id, name: supervisor.name } };
  const notice = 'O atendimento 2026.001234-7 foi assumido por Sérgio Supervisor.';

  async function openDesk(current = attendance(), routes: FakeRoutes = {}) {
    storeSession(loginResponse('attendant'));
    fakeServer({
      ...deskRoutes(current),
      'GET /api/health': { status: 200, body: { status: 'ok', database: 'up', cti: 'off' } },
      ...routes,
    });
    const cti = fakeCti();
    const user = renderApp('/receptivo', cti);
    const socket = await cti.connected();
    expect(await screen.findByRole('region', { name: 'Resumo do atendimento' })).toHaveTextContent('2026.001234-7');
    return { socket, user };
  }

  test('sees the desk close it at once, saying who took it, and can start another', async () => {
    const { socket } = await openDesk();
    socket.send('attendance:taken_over', takeover);

    expect(await screen.findByText(notice)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Resumo do atendimento' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Iniciar atendimento' })).toBeEnabled();
  });

  test('is told which writes kept on this computer for it were given up, and none of them waits to be sent', async () => {
    const { socket, user } = await openDesk();
    await screen.findByRole('button', { name: 'Tributos' });
    networkDown();
    await user.click(screen.getByRole('button', { name: 'Tributos' }));
    await user.click(screen.getByRole('button', { name: iptu.title }));
    await user.click(within(await screen.findByRole('article', { name: iptu.title })).getByRole('button', { name: 'Registrar' }));
    expect(await screen.findByText('1 operação aguardando envio')).toBeInTheDocument();

    socket.send('attendance:taken_over', takeover);

    expect(await screen.findByText(notice)).toBeInTheDocument();
    expect(screen.getByText(`Descartado o que não havia sido enviado: Registrar a informação “${iptu.title}”.`)).toBeInTheDocument();
    expect(screen.queryByText('1 operação aguardando envio')).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Resumo do atendimento' })).not.toBeInTheDocument();
  });

  test('filling in a request: the form closes too, and the notice says it was not saved', async () => {
    const { socket, user } = await openDesk(withMaria(), { [`GET /api/customers/${maria.id}`]: { status: 200, body: maria } });
    await user.click(await screen.findByRole('button', { name: 'Vias públicas' }));
    await user.click(screen.getByRole('button', { name: 'Tapa-buraco' }));
    await user.click(screen.getByRole('button', { name: 'Registrar solicitação' }));
    await user.type(within(screen.getByRole('region', { name: 'Nova solicitação' })).getByRole('textbox', { name: 'Ponto de referência' }), 'Em frente à padaria');

    socket.send('attendance:taken_over', takeover);

    expect(await screen.findByText(notice)).toBeInTheDocument();
    expect(screen.getByText('A solicitação em preenchimento não foi salva.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Nova solicitação' })).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Descartar a solicitação?' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Iniciar atendimento' })).toBeEnabled();
  });
});

test('an attendance a citizen opened on the portal names the Autoatendimento where the attendant goes', async () => {
  openDetails('supervisor', {
    [`GET /api/attendances/${attendanceId}`]: {
      status: 200,
      body: attendance({ channel: 'web', status: 'finished', finishedAt: takenAt, attendant: null, holder: null, webOrigin: 'portal' }),
    },
  });
  const details = await page();
  expect(details).toHaveTextContent('AtendenteAutoatendimento');
  expect(details).not.toHaveTextContent('Responsável');
  expect(within(details).queryByRole('button', { name: 'Assumir atendimento' })).not.toBeInTheDocument();
});
