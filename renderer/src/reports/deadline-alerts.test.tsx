import { act, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import type { DeadlineAlert, DeadlineAlerts } from '@receptivo/shared';
import { SessionProvider } from '../auth/SessionProvider';
import { fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { formatDateTime } from '../ui/format';
import { DeadlineAlertsPanel } from './DeadlineAlertsPanel';

beforeEach(() => localStorage.clear());
afterEach(() => jest.useRealTimers());

const HOUR = 3600;

const alert = (id: number, overrides: Partial<DeadlineAlert>): DeadlineAlert => ({
  id: `8b1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f${String(id).padStart(2, '0')}`,
  protocol: `2026000${String(id).padStart(3, '0')}0`,
  status: 'open',
  typeName: 'Lâmpada apagada',
  customerName: null,
  createdAt: '2026-05-07T09:00:00.000Z',
  deadline: '2026-05-10T09:00:00.000Z',
  slaHours: 72,
  secondsLeft: 0,
  overdue: false,
  ...overrides,
});

const lateLamp = alert(1, { status: 'in_progress', customerName: 'Carlos Souza', secondsLeft: -8 * HOUR, overdue: true, deadline: '2026-05-10T07:00:00.000Z' });
const soonLamp = alert(2, { secondsLeft: 10 * HOUR, deadline: '2026-05-11T01:00:00.000Z' });
const trafficLight = alert(3, { typeName: 'Semáforo com defeito', slaHours: 4, secondsLeft: 30 * 60, deadline: '2026-05-10T15:30:00.000Z' });

const alerts: DeadlineAlerts = {
  generatedAt: '2026-05-10T15:00:00.000Z',
  alertHours: 24,
  overdue: 1,
  dueSoon: 2,
  organs: [
    { organId: '7a1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f01', organName: 'Departamento de Iluminação Pública', overdue: 1, dueSoon: 1, items: [lateLamp, soonLamp] },
    { organId: '7a1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f02', organName: 'Secretaria Municipal de Mobilidade e Trânsito', overdue: 0, dueSoon: 4, items: [trafficLight] },
  ],
};

function openAlerts(answers: DeadlineAlerts[]) {
  storeSession(loginResponse('supervisor'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('supervisor') },
    'GET /api/reports/deadline-alerts': () => ({ status: 200, body: answers.length > 1 ? answers.shift() : answers[0] }),
  });
  render(
    <SessionProvider>
      <MemoryRouter>
        <DeadlineAlertsPanel />
      </MemoryRouter>
    </SessionProvider>,
  );
  return server;
}

const rows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent));

test('groups the alerts by organ with their counts, the most urgent first, protocols linking to the request', async () => {
  openAlerts([alerts]);
  const panel = await screen.findByRole('region', { name: 'Prazos em risco' });
  expect(await within(panel).findByText('Atualizado às', { exact: false })).toBeInTheDocument();

  const organs = within(panel).getAllByRole('region');
  expect(organs.map((organ) => within(organ).getByRole('heading').textContent)).toEqual([
    'Departamento de Iluminação Pública',
    'Secretaria Municipal de Mobilidade e Trânsito',
  ]);
  const [lighting, traffic] = organs;
  expect(within(lighting).getByText('1 vencida')).toHaveClass('badge--overdue');
  expect(within(lighting).getByText('1 a vencer')).toHaveClass('badge--due-soon');
  expect(within(traffic).getByText('0 vencidas')).toHaveClass('badge--off');

  const table = within(lighting).getByRole('table', { name: 'Solicitações em alerta: Departamento de Iluminação Pública' });
  expect(rows(table)).toEqual([
    ['2026.000001-0', 'Lâmpada apagada', 'Carlos Souza', 'Em andamento', formatDateTime(lateLamp.deadline), 'vencida há 8 h 00 min'],
    ['2026.000002-0', 'Lâmpada apagada', '—', 'Aberta', formatDateTime(soonLamp.deadline), 'vence em 10 h 00 min'],
  ]);
  expect(within(table).getByRole('link', { name: '2026.000001-0' })).toHaveAttribute('href', `/solicitacoes/${lateLamp.id}`);
  // Four are due soon in traffic, the list holds the most urgent one.
  expect(within(traffic).getByText('Mostrando 1 de 4, as mais urgentes.')).toBeInTheDocument();
  expect(within(traffic).getByText('vence em 30 min 00 s')).toBeInTheDocument();
});

test('asks again every minute', async () => {
  jest.useFakeTimers();
  const calmer: DeadlineAlerts = { ...alerts, generatedAt: '2026-05-10T15:01:00.000Z', overdue: 0, dueSoon: 0, organs: [] };
  const server = openAlerts([alerts, calmer]);
  expect(await screen.findByRole('region', { name: 'Departamento de Iluminação Pública' })).toBeInTheDocument();
  expect(server.calls('GET /api/reports/deadline-alerts')).toHaveLength(1);

  await act(async () => jest.advanceTimersByTime(59_000));
  expect(server.calls('GET /api/reports/deadline-alerts')).toHaveLength(1);
  await act(async () => jest.advanceTimersByTime(1_000));
  expect(server.calls('GET /api/reports/deadline-alerts')).toHaveLength(2);
  expect(await screen.findByText('Nenhuma solicitação vencida ou perto de vencer.')).toBeInTheDocument();
  expect(screen.queryByRole('region', { name: 'Departamento de Iluminação Pública' })).not.toBeInTheDocument();
});
