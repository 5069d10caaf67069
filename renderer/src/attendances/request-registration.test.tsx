import { screen, within } from '@testing-library/react';
import type { Attendance } from '@receptivo/shared';
import { buracoId } from '../knowledge/test-fixtures';
import { openDesk as openAnyDesk } from '../testing/desk';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession, type FakeRoutes } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { formatDateTime } from '../ui/format';
import { summaryOfRequest } from './attendances-api';
import { attendance, attendanceId, maria, request, requestId, withMaria } from './test-fixtures';

beforeEach(() => localStorage.clear());
afterEach(() => jest.restoreAllMocks());

const registerPath = `POST /api/attendances/${attendanceId}/requests`;

const openDesk = (routes: FakeRoutes = {}, current: Attendance = withMaria()) =>
  openAnyDesk({ [`GET /api/customers/${maria.id}`]: { status: 200, body: maria }, ...routes }, current);

/** Vias públicas → Tapa-buraco → [Registrar solicitação]; answers the request form. */
async function openPotholeForm(user: ReturnType<typeof renderApp>) {
  await user.click(await screen.findByRole('button', { name: 'Vias públicas' }));
  await user.click(screen.getByRole('button', { name: 'Tapa-buraco' }));
  await user.click(screen.getByRole('button', { name: 'Registrar solicitação' }));
  return screen.getByRole('region', { name: 'Nova solicitação' });
}

test('the request form shows the type form, the customer address and the Orientação ao Operador', async () => {
  const { user } = openDesk();

  const form = await openPotholeForm(user);

  expect(within(form).getByRole('heading', { name: 'Nova solicitação: Tapa-buraco' })).toBeInTheDocument();
  expect(within(form).getByRole('textbox', { name: 'Ponto de referência' })).toBeRequired();
  expect(within(form).getByRole('region', { name: 'Orientação ao Operador' })).toHaveTextContent('Pergunte o tamanho do buraco.');
  expect(within(form).getByRole('group', { name: 'Endereço da solicitação' })).toBeInTheDocument();
  expect(await within(form).findByDisplayValue('Praça da Sé')).toBeInTheDocument();
  expect(within(form).getByLabelText('CEP')).toHaveValue('01001-000');
  expect(within(form).getByText(/Endereço do cliente vinculado/)).toBeInTheDocument();
});

test('form errors from the server appear beside their fields and the attendant stays on the form', async () => {
  const { server, user } = openDesk({
    [registerPath]: apiError(400, 'VALIDATION_FAILED', 'Confira os campos destacados.', {
      'form.referencia': 'Informe o ponto de referência.',
      'address.number': 'Informe o número.',
    }),
  });

  const form = await openPotholeForm(user);
  await within(form).findByDisplayValue('Praça da Sé');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  const reference = await within(form).findByRole('textbox', { name: 'Ponto de referência' });
  expect(await within(form).findByText('Informe o ponto de referência.')).toBeInTheDocument();
  expect(reference).toHaveAccessibleDescription('Informe o ponto de referência.');
  expect(reference).toHaveAttribute('aria-invalid', 'true');
  expect(reference).toHaveFocus();
  expect(within(form).getByLabelText('Número')).toHaveAccessibleDescription('Informe o número.');
  expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  expect(server.calls(registerPath)[0].body).toEqual({
    requestTypeId: buracoId,
    form: {},
    address: { cep: '01001000', street: 'Praça da Sé', number: '100', complement: null, neighborhood: 'Sé', city: 'São Paulo', state: 'SP' },
  });
  expect(window.location.pathname).toBe('/receptivo');
  expect(screen.queryByRole('region', { name: 'Status Solicitação' })).not.toBeInTheDocument();
});

test('a required address left blank is asked for before sending', async () => {
  const { server, user } = openDesk({}, attendance());

  const form = await openPotholeForm(user);
  await user.type(within(form).getByRole('textbox', { name: 'Ponto de referência' }), 'Perto da escola');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  expect(within(form).getByLabelText('Logradouro')).toHaveAccessibleDescription('Informe o logradouro.');
  expect(within(form).getByLabelText('CEP')).toHaveFocus();
  expect(server.calls(registerPath)).toHaveLength(0);
});

test('a saved request opens the Status Solicitação with its protocol and grouping, and joins the summary', async () => {
  const saved = request();
  const { server, user } = openDesk({ [registerPath]: { status: 201, body: saved } });

  const form = await openPotholeForm(user);
  await within(form).findByDisplayValue('Praça da Sé');
  await user.type(within(form).getByRole('textbox', { name: 'Ponto de referência' }), 'Em frente à catedral');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  const status = await screen.findByRole('region', { name: 'Status Solicitação' });
  expect(within(status).getByText('Protocolo', { exact: false })).toHaveTextContent('Protocolo 2026.005678-1');
  expect(within(status).getByText('Agrupada com a solicitação 2026.005601-3')).toBeInTheDocument();
  expect(within(status).getByText('Secretaria de Obras')).toBeInTheDocument();
  expect(within(status).getByText(formatDateTime(saved.deadline))).toBeInTheDocument();
  const group = within(status).getByRole('list', { name: 'Solicitações do grupo' });
  expect(within(group).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
    '2026.005601-3Em andamento',
    '2026.005678-1Aberta(esta solicitação)',
  ]);
  expect(server.calls(registerPath)[0].body).toMatchObject({ requestTypeId: buracoId, form: { referencia: 'Em frente à catedral' } });
  expect(screen.getByText('Solicitação registrada.')).toBeInTheDocument();
  const registered = within(screen.getByRole('region', { name: 'Resumo do atendimento' })).getByRole('list', {
    name: 'Solicitações registradas',
  });
  expect(within(registered).getByRole('button', { name: '2026.005678-1' })).toBeInTheDocument();
  expect(window.location.pathname).toBe('/receptivo');

  // The address is shown at once; the form's answers wait behind [Mostrar Formulário].
  expect(within(status).getByText('Praça da Sé, 100 — Sé — São Paulo/SP — CEP 01001-000')).toBeVisible();
  expect(within(status).queryByRole('region', { name: 'Formulário' })).not.toBeInTheDocument();
  await user.click(within(status).getByRole('button', { name: 'Mostrar Formulário' }));
  const savedForm = within(status).getByRole('region', { name: 'Formulário' });
  expect(savedForm).toHaveTextContent('Ponto de referênciaEm frente à catedral');

  const open = jest.spyOn(window, 'open').mockReturnValue(null);
  await user.click(within(status).getByRole('button', { name: 'Imprimir' }));
  expect(open).toHaveBeenCalledWith(`/solicitacoes/${requestId}/imprimir`, '_blank');

  await user.click(within(status).getByRole('button', { name: 'Fechar' }));
  expect(screen.queryByRole('region', { name: 'Status Solicitação' })).not.toBeInTheDocument();
  expect(screen.getByRole('article', { name: 'Tapa-buraco' })).toBeInTheDocument();
});

test('a request of the summary opens its Status Solicitação', async () => {
  const saved = request({ groupOf: null, group: [] });
  const { user } = openDesk(
    { [`GET /api/requests/${requestId}`]: { status: 200, body: saved } },
    withMaria({ requests: [summaryOfRequest(saved)] }),
  );

  await user.click(await screen.findByRole('button', { name: '2026.005678-1' }));

  const status = await screen.findByRole('region', { name: 'Status Solicitação' });
  expect(within(status).getByText('Tapa-buraco')).toBeInTheDocument();
  expect(within(status).queryByText(/Agrupada com/)).not.toBeInTheDocument();
});

describe('unsaved request data', () => {
  test('leaving for another page asks first, and stays or goes as answered', async () => {
    const { user } = openDesk({ 'GET /api/customers': { status: 200, body: { items: [], total: 0, totalCapped: false } } });

    const form = await openPotholeForm(user);
    await user.type(within(form).getByRole('textbox', { name: 'Ponto de referência' }), 'Perto da escola');
    await user.click(screen.getByRole('link', { name: 'Clientes' }));

    const ask = await screen.findByRole('dialog', { name: 'Descartar a solicitação?' });
    expect(window.location.pathname).toBe('/receptivo');
    await user.click(within(ask).getByRole('button', { name: 'Cancelar' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(within(form).getByRole('textbox', { name: 'Ponto de referência' })).toHaveValue('Perto da escola');

    await user.click(screen.getByRole('link', { name: 'Clientes' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Descartar a solicitação?' })).getByRole('button', { name: 'Descartar' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Clientes' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/clientes');
  });

  test('closing or reloading the window asks the browser to confirm, only while there is unsaved data', async () => {
    const { user } = openDesk();
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };

    const form = await openPotholeForm(user);
    expect(unload()).toBe(false);
    await user.type(within(form).getByRole('textbox', { name: 'Ponto de referência' }), 'x');
    expect(unload()).toBe(true);

    await user.click(within(form).getByRole('button', { name: 'Cancelar' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Descartar a solicitação?' })).getByRole('button', { name: 'Descartar' }));
    expect(screen.queryByRole('region', { name: 'Nova solicitação' })).not.toBeInTheDocument();
    expect(unload()).toBe(false);
  });

  test('Cancelar on an untouched form goes straight back', async () => {
    const { user } = openDesk({}, attendance());

    const form = await openPotholeForm(user);
    await user.click(within(form).getByRole('button', { name: 'Cancelar' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Tapa-buraco' })).toBeInTheDocument();
  });
});

describe('request pages', () => {
  function openPage(path: string) {
    storeSession(loginResponse('attendant'));
    fakeServer({
      'GET /api/auth/me': { status: 200, body: sessionUser('attendant') },
      [`GET /api/requests/${requestId}`]: { status: 200, body: request() },
    });
    return renderApp(path);
  }

  test('/solicitacoes/:id shows the Status Solicitação, and Fechar returns to the attendance', async () => {
    const user = openPage(`/solicitacoes/${requestId}`);

    const status = await screen.findByRole('region', { name: 'Status Solicitação' });
    expect(within(status).getByText('Agrupada com a solicitação 2026.005601-3')).toBeInTheDocument();

    await user.click(within(status).getByRole('button', { name: 'Fechar' }));
    expect(window.location.pathname).toBe('/receptivo');
  });

  test('the print page lays out the receipt and prints on Imprimir', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    const user = openPage(`/solicitacoes/${requestId}/imprimir`);

    const receipt = await screen.findByRole('article', { name: 'Solicitação 2026.005678-1' });
    expect(receipt).toHaveTextContent('Atendimento2026.001234-7');
    expect(receipt).toHaveTextContent('SolicitanteMaria da Silva529.982.247-25maria@example.com');
    expect(receipt).toHaveTextContent('Ponto de referênciaEm frente à catedral');
    expect(receipt).toHaveTextContent('Praça da Sé, 100 — Sé — São Paulo/SP — CEP 01001-000');
    expect(document.title).toBe('Solicitação 2026.005678-1 · Receptivo');

    await user.click(within(receipt).getByRole('button', { name: 'Imprimir' }));
    expect(print).toHaveBeenCalledTimes(1);
  });
});
