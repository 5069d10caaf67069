import { screen, waitFor, within } from '@testing-library/react';
import type { Attendance, CustomerList } from '@receptivo/shared';
import { iptu, iptuId } from '../knowledge/test-fixtures';
import { summaryOf } from '../testing/customers';
import { apiError, type FakeRoutes } from '../testing/fake-server';
import { openDesk as openAnyDesk } from '../testing/desk';
import { formatElapsed } from './elapsed';
import { summaryOfRequest } from './attendances-api';
import { attendance, attendanceId, joao, maria, request, withMaria } from './test-fixtures';

beforeEach(() => localStorage.clear());

/** The Receptivo of a signed-in attendant, with IPTU's page; `current` is the open attendance the server remembers. */
const openDesk = (routes: FakeRoutes = {}, current: Attendance | null = null) =>
  openAnyDesk({ [`GET /api/informations/${iptuId}`]: { status: 200, body: iptu }, ...routes }, current);

const summary = () => screen.getByRole('region', { name: 'Resumo do atendimento' });
const listOf = (...customers: (typeof maria)[]): CustomerList => ({
  items: customers.map(summaryOf),
  total: customers.length,
  totalCapped: false,
});
const path = (suffix = '') => `/api/attendances/${attendanceId}${suffix}`;

/** Searches João's CPF, which nobody has, and saves him in the [Cadastrar novo cliente] dialog; answers the dialog. */
async function registerJoao(user: ReturnType<typeof openDesk>['user']) {
  const search = await screen.findByRole('search', { name: 'Pesquisar clientes' });
  await user.type(within(search).getByLabelText('CPF/CNPJ'), '11144477735{Enter}');
  await user.click(await screen.findByRole('button', { name: 'Cadastrar novo cliente' }));
  const dialog = screen.getByRole('dialog', { name: 'Cadastrar novo cliente' });
  await user.type(within(dialog).getByLabelText('Nome completo'), 'João Souza');
  await user.type(within(dialog).getByLabelText('CPF'), '11144477735');
  await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));
  return dialog;
}

test('elapsed time reads mm:ss, minutes keep counting past the hour, and never goes negative', () => {
  const start = '2026-03-10T12:00:00.000Z';
  expect(formatElapsed(start, Date.parse(start) + 65_000)).toBe('01:05');
  expect(formatElapsed(start, Date.parse(start) + 75 * 60_000 + 2_000)).toBe('75:02');
  expect(formatElapsed(start, Date.parse(start) - 3_000)).toBe('00:00');
});

test('starting an attendance by the chosen channel shows its formatted protocol in the summary', async () => {
  const { server, user } = openDesk({
    'POST /api/attendances': { status: 201, body: attendance({ channel: 'walk_in' }) },
  });

  const channel = await screen.findByLabelText('Meio de comunicação');
  expect(channel).toHaveDisplayValue('Telefone');
  await user.selectOptions(channel, 'Presencial');
  await user.click(screen.getByRole('button', { name: 'Iniciar atendimento' }));

  const resumo = await screen.findByRole('region', { name: 'Resumo do atendimento' });
  expect(within(resumo).getByText('2026.001234-7')).toBeInTheDocument();
  expect(within(resumo).getByText('Presencial')).toBeInTheDocument();
  expect(within(resumo).getByText('Nenhum cliente vinculado')).toBeInTheDocument();
  expect(within(resumo).getByRole('timer', { name: 'Tempo de atendimento' })).toHaveTextContent(/^\d{2}:\d{2}$/);
  expect(server.calls('POST /api/attendances')[0].body).toEqual({ channel: 'walk_in' });
  expect(screen.queryByRole('button', { name: 'Iniciar atendimento' })).not.toBeInTheDocument();
  // Identifying the caller comes first: the cursor waits in the customer search.
  expect(within(screen.getByRole('search', { name: 'Pesquisar clientes' })).getByLabelText('Busca')).toHaveFocus();
});

test('an open attendance is restored on load, with its customer, informations and requests', async () => {
  const saved = request();
  openDesk(
    {},
    withMaria({
      informations: [{ id: '9d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f01', informationId: iptuId, title: iptu.title, registeredAt: new Date().toISOString() }],
      requests: [summaryOfRequest(saved)],
    }),
  );

  const resumo = await screen.findByRole('region', { name: 'Resumo do atendimento' });
  expect(within(resumo).getByText('2026.001234-7')).toBeInTheDocument();
  expect(within(resumo).getByText('Maria da Silva')).toBeInTheDocument();
  expect(within(resumo).getByText('529.982.247-25')).toBeInTheDocument();
  expect(within(resumo).getByText('(11) 98765-4321')).toBeInTheDocument();
  expect(within(resumo).getByText('maria@example.com')).toBeInTheDocument();
  expect(within(within(resumo).getByRole('list', { name: 'Informações registradas' })).getByText(iptu.title)).toBeInTheDocument();
  const requests = within(resumo).getByRole('list', { name: 'Solicitações registradas' });
  expect(within(requests).getByRole('button', { name: '2026.005678-1' })).toBeInTheDocument();
  expect(within(requests).getByText('Tapa-buraco')).toBeInTheDocument();
  expect(within(requests).getByText('Aberta')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Iniciar atendimento' })).not.toBeInTheDocument();
});

test('a customer found by phone is linked with Vincular and shown in the summary', async () => {
  const { server, user } = openDesk(
    {
      'GET /api/customers': { status: 200, body: listOf(maria, joao) },
      [`PUT ${path('/customer')}`]: { status: 200, body: withMaria() },
    },
    attendance(),
  );

  const search = await screen.findByRole('search', { name: 'Pesquisar clientes' });
  await user.type(within(search).getByLabelText('Telefone'), '11 98765-4321');
  await user.click(within(search).getByRole('button', { name: 'Pesquisar' }));
  const row = (await screen.findByRole('cell', { name: 'Maria da Silva' })).closest('tr') as HTMLElement;
  await user.click(within(row).getByRole('button', { name: 'Vincular' }));

  expect(await screen.findByText('Cliente vinculado.')).toBeInTheDocument();
  expect(server.calls('GET /api/customers')[0].query).toEqual({ phone: '11 98765-4321' });
  expect(server.calls(`PUT ${path('/customer')}`)[0].body).toEqual({ customerId: maria.id });
  expect(within(summary()).getByText('Maria da Silva')).toBeInTheDocument();
  expect(within(summary()).getByText('529.982.247-25')).toBeInTheDocument();
  expect(within(summary()).queryByText('Nenhum cliente vinculado')).not.toBeInTheDocument();

  // The search steps aside once linked and comes back to link someone else.
  expect(screen.queryByRole('search', { name: 'Pesquisar clientes' })).not.toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Trocar cliente' }));
  expect(screen.getByRole('search', { name: 'Pesquisar clientes' })).toBeInTheDocument();
});

test('a caller not found is registered in a dialog and linked to the attendance', async () => {
  const { server, user } = openDesk(
    {
      'GET /api/customers': { status: 200, body: listOf() },
      'POST /api/customers': { status: 201, body: joao },
      [`PUT ${path('/customer')}`]: { status: 200, body: attendance({ customer: summaryOf(joao) }) },
    },
    attendance(),
  );

  await registerJoao(user);

  expect(await screen.findByText('Cliente vinculado.')).toBeInTheDocument();
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(server.calls('POST /api/customers')[0].body).toMatchObject({ type: 'person', name: 'João Souza', document: '11144477735' });
  expect(server.calls(`PUT ${path('/customer')}`)[0].body).toEqual({ customerId: joao.id });
  expect(within(summary()).getByText('João Souza')).toBeInTheDocument();
});

test('registering a CPF already registered offers that customer, linked without leaving the desk', async () => {
  const { server, user } = openDesk(
    {
      'GET /api/customers': { status: 200, body: listOf() },
      'POST /api/customers': apiError(409, 'CONFLICT', 'CPF/CNPJ já cadastrado.', { document: 'CPF/CNPJ já cadastrado.' }, joao.id),
      [`GET /api/customers/${joao.id}`]: { status: 200, body: joao },
      [`PUT ${path('/customer')}`]: { status: 200, body: attendance({ customer: summaryOf(joao) }) },
    },
    attendance(),
  );

  const dialog = await registerJoao(user);
  expect(await within(dialog).findByText('CPF/CNPJ já cadastrado.')).toBeInTheDocument();
  expect(within(dialog).queryByRole('link', { name: 'Abrir cadastro existente' })).not.toBeInTheDocument();
  await user.click(within(dialog).getByRole('button', { name: 'Vincular o cliente já cadastrado' }));

  expect(await screen.findByText('Cliente vinculado.')).toBeInTheDocument();
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(window.location.pathname).toBe('/receptivo');
  expect(server.calls(`PUT ${path('/customer')}`)[0].body).toEqual({ customerId: joao.id });
  expect(within(summary()).getByText('João Souza')).toBeInTheDocument();
});

test('an information read to the caller is registered in the attendance', async () => {
  const registered = attendance({
    informations: [{ id: '9d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f01', informationId: iptuId, title: iptu.title, registeredAt: new Date().toISOString() }],
  });
  const { server, user } = openDesk({ [`POST ${path('/informations')}`]: { status: 201, body: registered } }, attendance());

  await user.click(await screen.findByRole('button', { name: 'Tributos' }));
  await user.click(screen.getByRole('button', { name: iptu.title }));
  const detail = await screen.findByRole('article', { name: iptu.title });
  await user.click(within(detail).getByRole('button', { name: 'Registrar' }));

  expect(await screen.findByText('Informação registrada.')).toBeInTheDocument();
  expect(server.calls(`POST ${path('/informations')}`)[0].body).toEqual({ informationId: iptuId });
  expect(within(within(summary()).getByRole('list', { name: 'Informações registradas' })).getByText(iptu.title)).toBeInTheDocument();
  expect(within(detail).queryByRole('button', { name: 'Registrar' })).not.toBeInTheDocument();
  expect(within(detail).getByText('Registrada neste atendimento')).toBeInTheDocument();
});

test('Finalizar shows the whole attendance, mails the script when checked, and confirms', async () => {
  const saved = request();
  const open = withMaria({ requests: [summaryOfRequest(saved)] });
  const { server, user } = openDesk(
    {
      [`POST ${path('/finish')}`]: {
        status: 200,
        body: { ...open, status: 'finished', finishedAt: new Date().toISOString(), scriptSentTo: 'maria@example.com' },
      },
    },
    open,
  );

  await user.click(within(await screen.findByRole('region', { name: 'Resumo do atendimento' })).getByRole('button', { name: 'Finalizar' }));
  const dialog = screen.getByRole('dialog', { name: 'Finalizar atendimento' });
  expect(within(dialog).getByText('2026.001234-7')).toBeInTheDocument();
  expect(within(dialog).getByText('Maria da Silva')).toBeInTheDocument();
  expect(within(dialog).getByRole('list', { name: 'Solicitações registradas' })).toHaveTextContent('2026.005678-1 — Tapa-buraco (Aberta)');
  const script = within(dialog).getByRole('checkbox', { name: 'Enviar script de atendimento' });
  expect(script).toBeEnabled();
  expect(script).toHaveAccessibleDescription('O resumo e as soluções propostas serão enviados para maria@example.com.');
  await user.click(script);
  await user.click(within(dialog).getByRole('button', { name: 'Finalizar' }));

  const status = await screen.findByText('Atendimento 2026.001234-7 finalizado.');
  expect(status.parentElement).toHaveTextContent('Atendimento 2026.001234-7 finalizado.Script enviado para maria@example.com.');
  expect(server.calls(`POST ${path('/finish')}`)[0].body).toEqual({ sendScript: true });
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(screen.queryByRole('region', { name: 'Resumo do atendimento' })).not.toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Iniciar atendimento' })).toHaveFocus();
});

test('the script cannot be asked for without a customer e-mail, and a refusal of the server is shown', async () => {
  const { server, user } = openDesk(
    {
      [`POST ${path('/finish')}`]: apiError(422, 'BUSINESS_RULE', 'O cliente não tem e-mail para receber o script.'),
    },
    attendance({ customer: summaryOf(joao) }),
  );

  await user.click(await screen.findByRole('button', { name: 'Finalizar' }));
  const dialog = screen.getByRole('dialog', { name: 'Finalizar atendimento' });
  const script = within(dialog).getByRole('checkbox', { name: 'Enviar script de atendimento' });
  expect(script).toBeDisabled();
  expect(script).toHaveAccessibleDescription('O cliente vinculado não tem e-mail cadastrado.');
  await user.click(within(dialog).getByRole('button', { name: 'Finalizar' }));

  expect(await within(dialog).findByRole('alert')).toHaveTextContent('O cliente não tem e-mail para receber o script.');
  expect(server.calls(`POST ${path('/finish')}`)[0].body).toEqual({ sendScript: false });
  // Still open behind the dialog, which keeps the desk inert.
  expect(screen.getByRole('region', { name: 'Resumo do atendimento', hidden: true })).toBeInTheDocument();
});

test('an attendance already finished elsewhere goes back to the start with the reason', async () => {
  const { user } = openDesk(
    {
      [`POST ${path('/informations')}`]: apiError(409, 'CONFLICT', 'Este atendimento já foi finalizado e não pode ser alterado.'),
    },
    attendance(),
  );

  await user.click(await screen.findByRole('button', { name: 'Tributos' }));
  await user.click(screen.getByRole('button', { name: iptu.title }));
  await user.click(within(await screen.findByRole('article', { name: iptu.title })).getByRole('button', { name: 'Registrar' }));

  expect(await screen.findByRole('alert')).toHaveTextContent('Este atendimento já foi finalizado e não pode ser alterado.');
  expect(screen.getByRole('button', { name: 'Iniciar atendimento' })).toBeInTheDocument();
  expect(screen.queryByRole('region', { name: 'Resumo do atendimento' })).not.toBeInTheDocument();
});

test('the open attendance that failed to load can be asked again', async () => {
  let fail = true;
  const { user } = openDesk({
    'GET /api/attendances/current': () =>
      fail ? apiError(503, 'INTERNAL_ERROR', 'Serviço indisponível.') : { status: 200, body: { attendance: attendance() } },
  });

  expect(await screen.findByRole('alert')).toHaveTextContent(
    'Não foi possível carregar o atendimento em andamento. Serviço indisponível.',
  );
  fail = false;
  await user.click(screen.getByRole('button', { name: 'Tentar novamente' }));
  await waitFor(() => expect(summary()).toHaveTextContent('2026.001234-7'));
});
