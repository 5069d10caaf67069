import { cleanup, screen, waitFor, within } from '@testing-library/react';
import type { Attendance } from '@receptivo/shared';
import { openDesk } from '../testing/desk';
import type { FakeResponse } from '../testing/fake-server';
import { attendance, withMaria } from './test-fixtures';

beforeEach(() => localStorage.clear());

const summary = () => screen.getByRole('region', { name: 'Resumo do atendimento' });
const timer = () => within(summary()).getByRole('timer', { name: 'Tempo de atendimento' });
const customerSearch = () => screen.getByRole('search', { name: 'Pesquisar clientes' });
const knowledgeSearch = () => within(screen.getByRole('search', { name: 'Pesquisar na base de conhecimento' })).getByRole('searchbox', { name: 'Busca' });
const seconds = (text: string | null) => {
  const [minutes, rest] = (text ?? '').split(':').map(Number);
  return minutes * 60 + rest;
};

test('a reload with an attendance open and nobody linked lands with the cursor in the customer search', async () => {
  openDesk({}, () => attendance());

  await screen.findByRole('region', { name: 'Resumo do atendimento' });
  await waitFor(() => expect(within(customerSearch()).getByLabelText('Busca')).toHaveFocus());
});

test('a reload with an attendance open and its customer linked lands with the cursor in the knowledge search', async () => {
  openDesk({}, () => withMaria());

  await screen.findByRole('region', { name: 'Resumo do atendimento' });
  await waitFor(() => expect(knowledgeSearch()).toHaveFocus());
  expect(screen.queryByRole('search', { name: 'Pesquisar clientes' })).not.toBeInTheDocument();
});

test('with no attendance open nothing takes the cursor away from where the attendant is', async () => {
  openDesk();

  expect(await screen.findByRole('button', { name: 'Iniciar atendimento' })).toBeInTheDocument();
  expect(document.body).toHaveFocus();
});

test('on a slow link the start is not called offline, and the timer counts from the click without jumping back when the server answers, nor after a reload', async () => {
  let answer: (response: FakeResponse) => void = () => {};
  let started: Attendance | null = null;
  const { user } = openDesk(
    { 'POST /api/attendances': () => new Promise<FakeResponse>((resolve) => (answer = resolve)) },
    () => started,
  );

  await user.click(await screen.findByRole('button', { name: 'Iniciar atendimento' }));

  // The attendance goes on while the server takes its time: the protocol is coming, not waiting for a reconnection.
  expect(within(summary()).getByText('Gerando protocolo…')).toBeInTheDocument();
  expect(screen.queryByText(/ao reconectar/)).not.toBeInTheDocument();
  expect(screen.queryByText(/Sem conexão/)).not.toBeInTheDocument();
  await waitFor(() => expect(within(customerSearch()).getByLabelText('Busca')).toHaveFocus());
  await waitFor(() => expect(seconds(timer().textContent)).toBeGreaterThanOrEqual(1), { timeout: 3000 });
  const before = seconds(timer().textContent);

  // The server recorded the start when the slow request reached it, after the click.
  started = attendance({ startedAt: new Date().toISOString() });
  answer({ status: 201, body: started });

  expect(await within(summary()).findByText('2026.001234-7')).toBeInTheDocument();
  expect(seconds(timer().textContent)).toBeGreaterThanOrEqual(before);
  expect(screen.queryByText(/ao reconectar/)).not.toBeInTheDocument();
  // The customer search kept the cursor: the attendance is the same one, now numbered.
  expect(within(customerSearch()).getByLabelText('Busca')).toHaveFocus();

  cleanup();
  openDesk({}, () => started);
  expect(await within(await screen.findByRole('region', { name: 'Resumo do atendimento' })).findByText('2026.001234-7')).toBeInTheDocument();
  expect(seconds(timer().textContent)).toBeGreaterThanOrEqual(before);
});
