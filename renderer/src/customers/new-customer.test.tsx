import { screen, waitFor, within } from '@testing-library/react';
import { customer, phone } from '../testing/customers';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());

const created = customer({
  id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c11',
  name: 'João Pereira',
  document: '52998224725',
  email: 'joao@example.com',
  phones: [
    phone('p1', '+5511987654321', '(11) 98765-4321', true),
    phone('p2', '+551133334444', '(11) 3333-4444'),
  ],
});

function openNewCustomer(routes: Parameters<typeof fakeServer>[0]) {
  storeSession(loginResponse('attendant'));
  const server = fakeServer({ 'GET /api/auth/me': { status: 200, body: sessionUser('attendant') }, ...routes });
  return { server, user: renderApp('/clientes/novo') };
}

async function fillPerson(user: ReturnType<typeof openNewCustomer>['user'], document = '52998224725') {
  await user.type(screen.getByLabelText('Nome completo'), 'João Pereira');
  await user.type(screen.getByLabelText('CPF'), document);
}

test('registering a person with two phones sends them and lands on the new customer', async () => {
  const { server, user } = openNewCustomer({
    'POST /api/customers': { status: 201, body: created },
    [`GET /api/customers/${created.id}`]: { status: 200, body: created },
  });

  expect(screen.getByRole('radio', { name: 'Pessoa Física' })).toBeChecked();
  await fillPerson(user);
  expect(screen.getByLabelText('CPF')).toHaveValue('529.982.247-25');
  await user.type(screen.getByLabelText('E-mail'), 'Joao@Example.com');
  await user.type(screen.getByLabelText('Telefone'), '(11) 98765-4321');
  await user.click(screen.getByRole('button', { name: 'Adicionar telefone' }));
  await user.type(screen.getByLabelText('Telefone'), '11 3333-4444{Enter}');

  const added = within(screen.getByRole('list', { name: 'Telefones a cadastrar' })).getAllByRole('listitem');
  expect(added.map((item) => item.textContent)).toEqual(['(11) 98765-4321PrincipalRemover', '11 3333-4444Remover']);
  expect(screen.getByLabelText('Telefone')).toHaveValue('');

  await user.click(screen.getByRole('button', { name: 'Salvar' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'João Pereira' })).toBeInTheDocument();
  expect(window.location.pathname).toBe(`/clientes/${created.id}`);
  expect(screen.getByRole('status')).toHaveTextContent('Cliente cadastrado.');
  expect(server.calls('POST /api/customers')[0].body).toEqual({
    type: 'person',
    name: 'João Pereira',
    document: '52998224725',
    email: 'joao@example.com',
    phones: [{ number: '(11) 98765-4321' }, { number: '11 3333-4444' }],
    addresses: [],
  });
});

test('a company with the new alphanumeric CNPJ, a trade name, an address and a phone typed but not added', async () => {
  const company = customer({ id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c12', type: 'company', name: 'ACME Ltda', document: '12ABC34501DE35' });
  const { server, user } = openNewCustomer({
    'POST /api/customers': { status: 201, body: company },
    [`GET /api/customers/${company.id}`]: { status: 200, body: company },
  });

  await user.click(screen.getByRole('radio', { name: 'Pessoa Jurídica' }));
  await user.type(screen.getByLabelText('Razão social'), 'ACME Ltda');
  await user.type(screen.getByLabelText('Nome fantasia'), 'Acme');
  await user.type(screen.getByLabelText('CNPJ'), '12abc34501de35');
  expect(screen.getByLabelText('CNPJ')).toHaveValue('12.ABC.345/01DE-35');
  await user.type(screen.getByLabelText('Telefone'), '1140041234');
  await user.type(screen.getByLabelText('CEP'), '01310100');
  expect(screen.getByLabelText('CEP')).toHaveValue('01310-100');
  await user.type(screen.getByLabelText('Logradouro'), 'Avenida Paulista');
  await user.type(screen.getByLabelText('Número'), '1000');
  await user.type(screen.getByLabelText('Bairro'), 'Bela Vista');
  await user.type(screen.getByLabelText('Cidade'), 'São Paulo');
  await user.selectOptions(screen.getByLabelText('UF'), 'SP');
  await user.click(screen.getByRole('button', { name: 'Salvar' }));

  await screen.findByRole('heading', { level: 1, name: 'ACME Ltda' });
  expect(server.calls('POST /api/customers')[0].body).toEqual({
    type: 'company',
    name: 'ACME Ltda',
    tradeName: 'Acme',
    document: '12ABC34501DE35',
    email: null,
    phones: [{ number: '1140041234' }],
    addresses: [
      {
        cep: '01310100',
        street: 'Avenida Paulista',
        number: '1000',
        complement: null,
        neighborhood: 'Bela Vista',
        city: 'São Paulo',
        state: 'SP',
      },
    ],
  });
});

test('a CPF with wrong check digits is refused beside the field before anything is sent', async () => {
  const { server, user } = openNewCustomer({});

  await fillPerson(user, '52998224700');
  await user.click(screen.getByRole('button', { name: 'Salvar' }));

  expect(screen.getByLabelText('CPF')).toHaveAccessibleDescription('CPF inválido: confira os dígitos.');
  expect(screen.getByLabelText('CPF')).toHaveAttribute('aria-invalid', 'true');
  expect(screen.getByLabelText('CPF')).toHaveFocus();
  expect(server.calls('POST /api/customers')).toHaveLength(0);
});

test('an empty CPF is asked for, and only a filled wrong one is called invalid, as the field is left', async () => {
  const { server, user } = openNewCustomer({});

  await user.type(screen.getByLabelText('Nome completo'), 'João Pereira');
  await user.click(screen.getByRole('button', { name: 'Salvar' }));
  expect(screen.getByLabelText('CPF')).toHaveAccessibleDescription('Informe o CPF.');

  await user.type(screen.getByLabelText('CPF'), '529');
  await user.tab();
  expect(screen.getByLabelText('CPF')).toHaveAccessibleDescription('CPF inválido: confira os dígitos.');

  await user.click(screen.getByRole('radio', { name: 'Pessoa Jurídica' }));
  await user.click(screen.getByRole('button', { name: 'Salvar' }));
  expect(screen.getByLabelText('CNPJ')).toHaveAccessibleDescription('CNPJ inválido: confira os dígitos.');
  await user.clear(screen.getByLabelText('CNPJ'));
  await user.click(screen.getByRole('button', { name: 'Salvar' }));
  expect(screen.getByLabelText('CNPJ')).toHaveAccessibleDescription('Informe o CNPJ.');
  expect(server.calls('POST /api/customers')).toHaveLength(0);
});

test('a document already registered is shown beside the CPF, with a link that opens the existing record', async () => {
  const existing = customer({ id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c13', name: 'João Pereira da Silva', document: '52998224725' });
  const { user } = openNewCustomer({
    'POST /api/customers': apiError(
      409,
      'CONFLICT',
      'Já existe um cliente com este CPF/CNPJ.',
      { document: 'CPF/CNPJ já cadastrado.' },
      existing.id,
    ),
    [`GET /api/customers/${existing.id}`]: { status: 200, body: existing },
  });

  await fillPerson(user);
  await user.click(screen.getByRole('button', { name: 'Salvar' }));

  await waitFor(() =>
    expect(screen.getByLabelText('CPF')).toHaveAccessibleDescription('CPF/CNPJ já cadastrado.'),
  );
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Salvar' })).toBeEnabled();

  await user.click(screen.getByRole('link', { name: 'Abrir cadastro existente' }));
  expect(await screen.findByRole('heading', { level: 1, name: 'João Pereira da Silva' })).toBeInTheDocument();
  expect(window.location.pathname).toBe(`/clientes/${existing.id}`);
});

test('a conflict without an existing record to open offers no link', async () => {
  const { user } = openNewCustomer({
    'POST /api/customers': apiError(409, 'CONFLICT', 'Já existe um cliente com este CPF/CNPJ.', { document: 'CPF/CNPJ já cadastrado.' }),
  });

  await fillPerson(user);
  await user.click(screen.getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.getByLabelText('CPF')).toHaveAccessibleDescription('CPF/CNPJ já cadastrado.'));
  expect(screen.queryByRole('link', { name: 'Abrir cadastro existente' })).not.toBeInTheDocument();
});

test('a phone with a DDD that does not exist is refused as it is typed, and kept out of the list', async () => {
  const { server, user } = openNewCustomer({});

  await user.type(screen.getByLabelText('Telefone'), '(00) 1');
  expect(screen.getByLabelText('Telefone')).toHaveAccessibleDescription(expect.stringContaining('DDD 00 não existe: confira o código de área.'));
  await user.type(screen.getByLabelText('Telefone'), '234-5678{Enter}');

  expect(screen.queryByRole('list', { name: 'Telefones a cadastrar' })).not.toBeInTheDocument();
  expect(screen.getByLabelText('Telefone')).toHaveValue('(00) 1234-5678');
  expect(screen.getByLabelText('Telefone')).toHaveAccessibleDescription(expect.stringContaining('DDD 00 não existe'));

  await user.clear(screen.getByLabelText('Telefone'));
  await user.type(screen.getByLabelText('Telefone'), '23 3333-4444');
  await user.tab();
  expect(screen.getByLabelText('Telefone')).toHaveAccessibleDescription(expect.stringContaining('DDD 23 não existe'));
  expect(server.calls('POST /api/customers')).toHaveLength(0);
});

test('a phone the server cannot read is marked in the list', async () => {
  const message = 'Telefone inválido: informe DDD e número, por exemplo (11) 98765-4321.';
  const { user } = openNewCustomer({
    'POST /api/customers': apiError(400, 'VALIDATION_FAILED', message, { 'phones.1.number': message }),
  });

  await fillPerson(user);
  await user.type(screen.getByLabelText('Telefone'), '11987654321{Enter}');
  await user.type(screen.getByLabelText('Telefone'), '99999999{Enter}');
  await user.click(screen.getByRole('button', { name: 'Salvar' }));

  const list = screen.getByRole('list', { name: 'Telefones a cadastrar' });
  await waitFor(() => expect(within(list).getAllByRole('listitem')[1]).toHaveTextContent(message));
  const [first] = within(list).getAllByRole('listitem');
  expect(first).not.toHaveTextContent('inválido');
});

test('a phone is added once, however it is typed, and can be removed from the list', async () => {
  const { user } = openNewCustomer({});

  await user.type(screen.getByLabelText('Telefone'), '11987654321{Enter}');
  for (const sameNumber of ['(11) 98765-4321', '+55 11 98765-4321', '(11) 8765-4321']) {
    await user.type(screen.getByLabelText('Telefone'), `${sameNumber}{Enter}`);
    expect(screen.getByLabelText('Telefone')).toHaveAccessibleDescription(
      expect.stringContaining('Este telefone já está na lista.'),
    );
    expect(within(screen.getByRole('list', { name: 'Telefones a cadastrar' })).getAllByRole('listitem')).toHaveLength(1);
    await user.clear(screen.getByLabelText('Telefone'));
  }

  const list = screen.getByRole('list', { name: 'Telefones a cadastrar' });
  await user.click(within(list).getByRole('button', { name: 'Remover' }));
  expect(screen.queryByRole('list', { name: 'Telefones a cadastrar' })).not.toBeInTheDocument();
});

test('Cancelar goes back to where the form was opened from', async () => {
  const { user } = openNewCustomer({});

  await user.click(screen.getByRole('button', { name: 'Cancelar' }));

  expect(await screen.findByRole('heading', { level: 1, name: 'Clientes' })).toBeInTheDocument();
});
