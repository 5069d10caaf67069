import { screen, waitFor, within } from '@testing-library/react';
import type { Customer } from '@receptivo/shared';
import { customer, phone } from '../testing/customers';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());

const mobile = phone('6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a01', '+5511987654321', '(11) 98765-4321', true);
const landline = phone('6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a02', '+551133334444', '(11) 3333-4444');
const paulista = {
  id: '7b2e1d4f-3c5e-4f6a-9b0c-1d2e3f4a5b01',
  cep: '01310100',
  street: 'Avenida Paulista',
  number: '1000',
  complement: 'conjunto 12',
  neighborhood: 'Bela Vista',
  city: 'São Paulo',
  state: 'SP' as const,
};
const maria = customer({
  id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c21',
  name: 'Maria da Silva',
  document: '52998224725',
  email: 'maria@example.com',
  phones: [mobile, landline],
  addresses: [paulista],
});
const path = `/api/customers/${maria.id}`;

async function openCustomer(shown: Customer, routes: Parameters<typeof fakeServer>[0] = {}) {
  storeSession(loginResponse('attendant'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('attendant') },
    [`GET /api/customers/${shown.id}`]: { status: 200, body: shown },
    ...routes,
  });
  const user = renderApp(`/clientes/${shown.id}`);
  await screen.findByRole('heading', { level: 1, name: shown.name });
  return { server, user };
}

const tab = (name: string) => screen.getByRole('tab', { name });
const phoneRow = (display: string) => screen.getByText(display).closest('tr') as HTMLElement;

/** dd/mm/aaaa hh:mm in the machine's time zone, as the page shows it. */
function localDateTime(iso: string): string {
  const date = new Date(iso);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

test('the header names the customer with type and masked CPF, and the tabs are there', async () => {
  await openCustomer(maria);

  expect(screen.getByText('Pessoa Física')).toBeInTheDocument();
  expect(screen.getByText('529.982.247-25')).toBeInTheDocument();
  expect(screen.getAllByRole('tab').map((item) => item.textContent)).toEqual([
    'Dados',
    'Telefone',
    'Endereço',
    'Usuário',
    'Histórico',
  ]);
  expect(tab('Dados')).toHaveAttribute('aria-selected', 'true');
  expect(screen.getByLabelText('Nome completo')).toHaveValue('Maria da Silva');
  expect(screen.getByLabelText('CPF')).toHaveValue('529.982.247-25');
});

test('Dados sends only what changed', async () => {
  const { server, user } = await openCustomer(maria, {
    [`PATCH ${path}`]: { status: 200, body: { ...maria, email: 'maria.silva@example.com' } },
  });

  await user.clear(screen.getByLabelText('E-mail'));
  await user.type(screen.getByLabelText('E-mail'), 'Maria.Silva@example.com');
  await user.click(screen.getByRole('button', { name: 'Salvar' }));

  expect(await screen.findByRole('status')).toHaveTextContent('Dados do cliente salvos.');
  expect(server.calls(`PATCH ${path}`)[0].body).toEqual({ email: 'maria.silva@example.com' });
});

test('Dados shows a refused document beside the CPF, with the way to the customer who has it', async () => {
  const owner = customer({ id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c22', name: 'Joana Conceição', document: '11144477735' });
  const { user } = await openCustomer(maria, {
    [`PATCH ${path}`]: apiError(
      409,
      'CONFLICT',
      'Já existe um cliente com este CPF/CNPJ.',
      { document: 'CPF/CNPJ já cadastrado.' },
      owner.id,
    ),
    [`GET /api/customers/${owner.id}`]: { status: 200, body: owner },
  });

  await user.clear(screen.getByLabelText('CPF'));
  await user.type(screen.getByLabelText('CPF'), '11144477735');
  await user.click(screen.getByRole('button', { name: 'Salvar' }));

  await waitFor(() =>
    expect(screen.getByLabelText('CPF')).toHaveAccessibleDescription('CPF/CNPJ já cadastrado.'),
  );
  await user.click(screen.getByRole('link', { name: 'Abrir cadastro existente' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'Joana Conceição' })).toBeInTheDocument();
});

test('Dados refuses a CPF with wrong check digits as the field is left, and an empty one on Salvar, sending nothing', async () => {
  const { server, user } = await openCustomer(maria);

  await user.clear(screen.getByLabelText('CPF'));
  await user.type(screen.getByLabelText('CPF'), '52998224700');
  await user.tab();

  expect(screen.getByLabelText('CPF')).toHaveAccessibleDescription('CPF inválido: confira os dígitos.');
  expect(screen.getByLabelText('CPF')).toHaveAttribute('aria-invalid', 'true');

  await user.clear(screen.getByLabelText('CPF'));
  expect(screen.getByLabelText('CPF')).not.toHaveAttribute('aria-invalid');
  await user.click(screen.getByRole('button', { name: 'Salvar' }));

  expect(screen.getByLabelText('CPF')).toHaveAccessibleDescription('Informe o CPF.');
  expect(server.calls(`PATCH ${path}`)).toHaveLength(0);
});

test('Tornar principal on the second phone moves the Principal badge to it', async () => {
  const { server, user } = await openCustomer(maria, {
    [`POST ${path}/phones/${landline.id}/primary`]: {
      status: 200,
      // The server lists the primary first.
      body: { ...maria, phones: [{ ...landline, primary: true }, { ...mobile, primary: false }] },
    },
  });
  await user.click(tab('Telefone'));
  expect(within(phoneRow('(11) 98765-4321')).getByText('Principal')).toBeInTheDocument();
  expect(within(phoneRow('(11) 98765-4321')).queryByRole('button', { name: 'Tornar principal' })).not.toBeInTheDocument();

  await user.click(within(phoneRow('(11) 3333-4444')).getByRole('button', { name: 'Tornar principal' }));

  await waitFor(() => expect(within(phoneRow('(11) 3333-4444')).getByText('Principal')).toBeInTheDocument());
  expect(within(phoneRow('(11) 98765-4321')).queryByText('Principal')).not.toBeInTheDocument();
  expect(within(phoneRow('(11) 98765-4321')).getByRole('button', { name: 'Tornar principal' })).toBeInTheDocument();
  expect(screen.getByRole('status')).toHaveTextContent('(11) 3333-4444 agora é o telefone principal.');
  expect(server.calls(`POST ${path}/phones/${landline.id}/primary`)).toHaveLength(1);
});

test('removing the only phone asks first and shows why the server refuses', async () => {
  const onlyPhone = { ...maria, phones: [mobile] };
  const message = 'O cliente precisa de ao menos um telefone: cadastre outro antes de remover este.';
  const { server, user } = await openCustomer(onlyPhone, {
    [`DELETE ${path}/phones/${mobile.id}`]: apiError(422, 'BUSINESS_RULE', message),
  });
  await user.click(tab('Telefone'));

  await user.click(within(phoneRow('(11) 98765-4321')).getByRole('button', { name: 'Remover' }));
  const dialog = screen.getByRole('dialog', { name: 'Remover telefone' });
  expect(dialog).toHaveTextContent('Remover o telefone (11) 98765-4321 do cadastro de Maria da Silva?');
  expect(server.calls(`DELETE ${path}/phones/${mobile.id}`)).toHaveLength(0);
  await user.click(within(dialog).getByRole('button', { name: 'Remover' }));

  expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
  expect(server.calls(`DELETE ${path}/phones/${mobile.id}`)).toHaveLength(1);
  await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }));
  expect(phoneRow('(11) 98765-4321')).toBeInTheDocument();
});

test('removing a phone after confirming takes it off the table', async () => {
  const { user } = await openCustomer(maria, {
    [`DELETE ${path}/phones/${landline.id}`]: { status: 200, body: { ...maria, phones: [mobile] } },
  });
  await user.click(tab('Telefone'));

  await user.click(within(phoneRow('(11) 3333-4444')).getByRole('button', { name: 'Remover' }));
  await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remover' }));

  await waitFor(() => expect(screen.queryByText('(11) 3333-4444')).not.toBeInTheDocument());
  expect(screen.getByRole('status')).toHaveTextContent('Telefone (11) 3333-4444 removido.');
});

test('adding a phone the server refuses shows its reason beside Novo telefone', async () => {
  // Without a DDD only the server, which knows the default one, can tell it is the landline.
  const { server, user } = await openCustomer(maria, {
    [`POST ${path}/phones`]: apiError(409, 'CONFLICT', 'Este telefone já está cadastrado para o cliente.', {
      number: 'Telefone já cadastrado.',
    }),
  });
  await user.click(tab('Telefone'));

  await user.type(screen.getByLabelText('Novo telefone'), '3333-4444');
  await user.click(screen.getByRole('button', { name: 'Adicionar' }));

  await waitFor(() =>
    expect(screen.getByLabelText('Novo telefone')).toHaveAccessibleDescription(expect.stringContaining('Telefone já cadastrado.')),
  );
  expect(server.calls(`POST ${path}/phones`)[0].body).toEqual({ number: '3333-4444' });
});

test('a new phone with an unknown DDD, or one the customer has in another form, is refused as typed, sending nothing', async () => {
  const { server, user } = await openCustomer(maria);
  await user.click(tab('Telefone'));
  const input = screen.getByLabelText('Novo telefone');

  await user.type(input, '(00) 1');
  expect(input).toHaveAccessibleDescription(expect.stringContaining('DDD 00 não existe: confira o código de área.'));
  await user.clear(input);
  await user.type(input, '+55 11 98765-4321');
  await user.click(screen.getByRole('button', { name: 'Adicionar' }));

  expect(input).toHaveAccessibleDescription(expect.stringContaining('Telefone já cadastrado.'));
  expect(input).toHaveValue('+55 11 98765-4321');
  expect(server.calls(`POST ${path}/phones`)).toHaveLength(0);
});

test('a new address is saved with the whole list', async () => {
  const { server, user } = await openCustomer(maria, {
    [`PATCH ${path}`]: (request) => ({
      status: 200,
      body: {
        ...maria,
        addresses: [paulista, { ...(request.body as { addresses: object[] }).addresses[1], id: '7b2e1d4f-3c5e-4f6a-9b0c-1d2e3f4a5b02' }],
      },
    }),
  });
  await user.click(tab('Endereço'));
  expect(screen.getByText('Avenida Paulista, 1000, conjunto 12 — Bela Vista — São Paulo/SP')).toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'Novo endereço' }));
  const dialog = screen.getByRole('dialog', { name: 'Novo endereço' });
  await user.type(within(dialog).getByLabelText('CEP'), '20040-020');
  await user.type(within(dialog).getByLabelText('Logradouro'), 'Rua da Assembleia');
  await user.type(within(dialog).getByLabelText('Número'), '10');
  await user.type(within(dialog).getByLabelText('Bairro'), 'Centro');
  await user.type(within(dialog).getByLabelText('Cidade'), 'Rio de Janeiro');
  await user.selectOptions(within(dialog).getByLabelText('UF'), 'RJ');
  await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));

  expect(await screen.findByText('Rua da Assembleia, 10 — Centro — Rio de Janeiro/RJ')).toBeInTheDocument();
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  const { id: _, ...kept } = paulista;
  expect(server.calls(`PATCH ${path}`)[0].body).toEqual({
    addresses: [
      kept,
      {
        cep: '20040020',
        street: 'Rua da Assembleia',
        number: '10',
        complement: null,
        neighborhood: 'Centro',
        city: 'Rio de Janeiro',
        state: 'RJ',
      },
    ],
  });
});

test('an address error from the server is shown beside its input in the dialog', async () => {
  const { user } = await openCustomer(maria, {
    [`PATCH ${path}`]: apiError(400, 'VALIDATION_FAILED', 'Confira os campos destacados.', {
      'addresses.0.cep': 'CEP não encontrado.',
    }),
  });
  await user.click(tab('Endereço'));

  await user.click(screen.getByRole('button', { name: 'Editar' }));
  const dialog = screen.getByRole('dialog', { name: 'Editar endereço' });
  expect(within(dialog).getByLabelText('CEP')).toHaveValue('01310-100');
  await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(within(dialog).getByLabelText('CEP')).toHaveAccessibleDescription('CEP não encontrado.'));
});

test('Usuário without an e-mail says so and leads to the e-mail in Dados', async () => {
  const { server, user } = await openCustomer({ ...maria, email: null });

  await user.click(tab('Usuário'));

  expect(screen.getByText(/não tem e-mail cadastrado/)).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Salvar' })).not.toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Ir para Dados' }));
  expect(tab('Dados')).toHaveAttribute('aria-selected', 'true');
  expect(screen.getByLabelText('E-mail')).toHaveFocus();
  expect(server.calls(`POST ${path}/portal-account`)).toHaveLength(0);
});

test('Usuário shows the refusal of the server when it does not accept the e-mail', async () => {
  const message =
    'O cliente não tem e-mail válido cadastrado: informe o e-mail na aba Dados para enviar a senha do Autoatendimento.';
  const { user } = await openCustomer(maria, {
    [`POST ${path}/portal-account`]: apiError(422, 'BUSINESS_RULE', message),
  });
  await user.click(tab('Usuário'));

  await user.click(screen.getByRole('button', { name: 'Salvar' }));

  expect(await screen.findByRole('alert')).toHaveTextContent(message);
});

test('Usuário confirms the data and creates the self-service login', async () => {
  const account = {
    login: '52998224725',
    email: 'maria@example.com',
    createdAt: '2025-03-14T13:05:00.000Z',
    passwordSentAt: '2025-03-14T13:05:00.000Z',
  };
  const { server, user } = await openCustomer(maria, {
    [`POST ${path}/portal-account`]: { status: 201, body: { ...maria, portalAccount: account } },
  });
  await user.click(tab('Usuário'));

  const panel = screen.getByRole('tabpanel');
  expect(panel).toHaveTextContent('Maria da Silva');
  expect(panel).toHaveTextContent('529.982.247-25');
  expect(panel).toHaveTextContent('Uma senha temporária será enviada para maria@example.com');
  await user.click(screen.getByRole('button', { name: 'Salvar' }));

  expect(await screen.findByRole('status')).toHaveTextContent(
    'Acesso ao autoatendimento criado. Senha temporária enviada para maria@example.com.',
  );
  expect(screen.getByRole('button', { name: 'Reenviar senha' })).toBeInTheDocument();
  expect(server.calls(`POST ${path}/portal-account`)[0].body).toBeUndefined();
});

test('Reenviar senha asks for OK before calling the server', async () => {
  const account = {
    login: '52998224725',
    email: 'maria@example.com',
    createdAt: '2025-03-14T13:05:00.000Z',
    passwordSentAt: '2025-03-20T18:40:00.000Z',
  };
  const resent = { ...account, passwordSentAt: '2025-04-02T09:15:00.000Z' };
  const { server, user } = await openCustomer(
    { ...maria, portalAccount: account },
    { [`POST ${path}/portal-account/resend-password`]: { status: 200, body: { ...maria, portalAccount: resent } } },
  );
  await user.click(tab('Usuário'));
  const panel = screen.getByRole('tabpanel');
  expect(panel).toHaveTextContent('Login529.982.247-25');
  expect(panel).toHaveTextContent(`Criado em${localDateTime(account.createdAt)}`);
  expect(panel).toHaveTextContent(`Última senha enviada em${localDateTime(account.passwordSentAt)}`);

  await user.click(screen.getByRole('button', { name: 'Reenviar senha' }));
  let dialog = screen.getByRole('dialog', { name: 'Reenviar senha' });
  await user.click(within(dialog).getByRole('button', { name: 'Cancelar' }));
  expect(server.calls(`POST ${path}/portal-account/resend-password`)).toHaveLength(0);

  await user.click(screen.getByRole('button', { name: 'Reenviar senha' }));
  dialog = screen.getByRole('dialog', { name: 'Reenviar senha' });
  expect(dialog).toHaveTextContent('Uma nova senha temporária será enviada para maria@example.com.');
  expect(server.calls(`POST ${path}/portal-account/resend-password`)).toHaveLength(0);
  await user.click(within(dialog).getByRole('button', { name: 'OK' }));

  expect(await screen.findByRole('status')).toHaveTextContent('Nova senha temporária enviada para maria@example.com.');
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(server.calls(`POST ${path}/portal-account/resend-password`)).toHaveLength(1);
  expect(panel).toHaveTextContent(`Última senha enviada em${localDateTime(resent.passwordSentAt)}`);
});

test('with a login but the e-mail since removed, Reenviar senha gives way to the notice', async () => {
  const account = {
    login: '52998224725',
    email: 'maria@example.com',
    createdAt: '2025-03-14T13:05:00.000Z',
    passwordSentAt: '2025-03-14T13:05:00.000Z',
  };
  const { user } = await openCustomer({ ...maria, email: null, portalAccount: account });

  await user.click(tab('Usuário'));

  expect(screen.getByRole('tabpanel')).toHaveTextContent('maria@example.com');
  expect(screen.getByText(/não tem e-mail cadastrado/)).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Reenviar senha' })).not.toBeInTheDocument();
});

test('an unknown customer shows a clear message and a way back', async () => {
  storeSession(loginResponse('attendant'));
  fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('attendant') },
    [`GET ${path}`]: apiError(404, 'NOT_FOUND', 'Cliente não encontrado.'),
  });
  const user = renderApp(`/clientes/${maria.id}`);

  expect(await screen.findByRole('heading', { level: 1, name: 'Cliente não encontrado' })).toBeInTheDocument();
  await user.click(screen.getByRole('link', { name: 'Voltar para Clientes' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'Clientes' })).toBeInTheDocument();
});

test('an address that is not a customer id is not found either', async () => {
  storeSession(loginResponse('attendant'));
  const server = fakeServer({ 'GET /api/auth/me': { status: 200, body: sessionUser('attendant') } });

  renderApp('/clientes/123');

  expect(await screen.findByRole('heading', { level: 1, name: 'Cliente não encontrado' })).toBeInTheDocument();
  expect(server.requests.filter((request) => request.path.startsWith('/api/customers'))).toHaveLength(0);
});
