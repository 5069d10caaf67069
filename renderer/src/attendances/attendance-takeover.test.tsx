import { screen, within } from '@testing-library/react';
import { IDEMPOTENCY_KEY_HEADER, type Role } from '@receptivo/shared';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { formatDateTime } from '../ui/format';
import { attendance, attendanceId } from './test-fixtures';

beforeEach(() => localStorage.clear());
afterEach(() => jest.restoreAllMocks());

type Routes = Parameters<typeof fakeServer>[0];

const takeoverPath = `POST /api/attendances/${attendanceId}/takeover`;
const supervisor = sessionUser('supervisor');
const ana = attendance().attendant;
const takenAt = '2026-03-10T15:40:00.000Z';
const taken = attendance({
  holder: { id: supervisor.id, name: supervisor.name },
  history: [{ kind: 'taken_over', at: takenAt, actor: { id: supervisor.id, name: supervisor.name }, previousHolder: ana }],
});

function openDetails(role: Role, routes: Routes = {}) {
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
