import { screen, waitFor, within } from '@testing-library/react';
import type { Attendance, CategoryTree, CustomerList } from '@receptivo/shared';
import { categoryTree, iptu, iptuId, result } from '../knowledge/test-fixtures';
import { summaryOf } from '../testing/customers';
import { apiError, type FakeRoutes } from '../testing/fake-server';
import { openDesk as openAnyDesk } from '../testing/desk';
import { attendance, attendanceId, joao, maria } from './test-fixtures';

// The keyboard at the desk: shortcuts, where the focus goes after each action, arrows in lists.

beforeEach(() => localStorage.clear());

const openDesk = (routes: FakeRoutes = {}, current: Attendance | null = null) =>
  openAnyDesk({ [`GET /api/informations/${iptuId}`]: { status: 200, body: iptu }, ...routes }, current);

const listOf = (...customers: (typeof maria)[]): CustomerList => ({
  items: customers.map(summaryOf),
  total: customers.length,
  totalCapped: false,
});
const path = (suffix = '') => `/api/attendances/${attendanceId}${suffix}`;
const knowledgeSearch = () =>
  within(screen.getByRole('search', { name: 'Pesquisar na base de conhecimento' })).getByRole('searchbox', { name: 'Busca' });
const customerSearch = () => within(screen.getByRole('search', { name: 'Pesquisar clientes' })).getByRole('searchbox', { name: 'Busca' });

test('the skip link is the first tab stop and takes the focus to the page content', async () => {
  const { user } = openDesk();
  await screen.findByRole('button', { name: 'Iniciar atendimento' });

  await user.tab();
  const skip = screen.getByRole('link', { name: 'Pular para o conteúdo' });
  expect(skip).toHaveFocus();
  await user.keyboard('{Enter}');

  expect(screen.getByRole('main')).toHaveFocus();
  await user.tab();
  // Past the header and its menu: the first control of the Receptivo page.
  expect(screen.getByRole('main')).toContainElement(document.activeElement as HTMLElement);
});

test('F1 opens the list of keyboard shortcuts; Esc closes it at once and the focus goes back', async () => {
  const { user } = openDesk();
  const start = await screen.findByRole('button', { name: 'Iniciar atendimento' });
  expect(start).toHaveAttribute('aria-keyshortcuts', 'Alt+N');
  expect(start).toHaveTextContent('Alt+N');
  start.focus();

  await user.keyboard('[F1]');
  const help = screen.getByRole('dialog', { name: 'Atalhos de teclado' });
  const rows = within(help)
    .getAllByRole('row')
    .map((row) => row.textContent);
  expect(rows).toEqual(
    expect.arrayContaining([
      'Alt+NIniciar um novo atendimento',
      'Alt+CIr para a pesquisa de clientes',
      expect.stringMatching(/^Alt\+VVincular/),
      'Alt+BIr para a busca na base de conhecimento',
      'Alt+FFinalizar o atendimento',
    ]),
  );

  await user.keyboard('{Escape}');
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(start).toHaveFocus();
  // Also from the header, for those who do not know F1.
  await user.click(screen.getByRole('button', { name: 'Atalhos de teclado' }));
  expect(screen.getByRole('dialog', { name: 'Atalhos de teclado' })).toBeInTheDocument();
});

test('Alt+N starts, Alt+C goes to the customer search, Alt+V links the one found and the cursor goes to the knowledge search', async () => {
  const { server, user } = openDesk({
    'POST /api/attendances': { status: 201, body: attendance() },
    'GET /api/customers': { status: 200, body: listOf(joao) },
    [`PUT ${path('/customer')}`]: { status: 200, body: attendance({ customer: summaryOf(joao) }) },
  });
  await screen.findByRole('button', { name: 'Iniciar atendimento' });

  await user.keyboard('{Alt>}n{/Alt}');
  await screen.findByRole('region', { name: 'Resumo do atendimento' });
  expect(server.calls('POST /api/attendances')).toHaveLength(1);

  knowledgeSearch().focus();
  await user.keyboard('{Alt>}c{/Alt}');
  expect(customerSearch()).toHaveFocus();
  expect(customerSearch()).toHaveAttribute('aria-keyshortcuts', 'Alt+C');
  await user.keyboard('João{Enter}');
  const link = await screen.findByRole('button', { name: 'Vincular' });
  expect(link).toHaveAttribute('aria-keyshortcuts', 'Alt+V');

  await user.keyboard('{Alt>}v{/Alt}');
  expect(await screen.findByText('Cliente vinculado.')).toBeInTheDocument();
  expect(server.calls(`PUT ${path('/customer')}`)[0].body).toEqual({ customerId: joao.id });
  expect(knowledgeSearch()).toHaveFocus();
});

test('with several customers found, Alt+V goes to the first [Vincular] without linking anyone', async () => {
  const { server, user } = openDesk({ 'GET /api/customers': { status: 200, body: listOf(maria, joao) } }, attendance());

  await user.type(await screen.findByRole('searchbox', { name: 'Busca', description: /Nome, CPF/ }), 'Souza{Enter}');
  const [first] = await screen.findAllByRole('button', { name: 'Vincular' });
  await user.keyboard('{Alt>}v{/Alt}');

  expect(first).toHaveFocus();
  expect(server.calls(`PUT ${path('/customer')}`)).toHaveLength(0);
});

test('Alt+B, a search, the arrows to a result, [Registrar]: the confirmation takes the focus, not the page body', async () => {
  const registered = attendance({
    informations: [{ id: '9d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f01', informationId: iptuId, title: iptu.title, registeredAt: new Date().toISOString() }],
  });
  const { user } = openDesk(
    {
      'GET /api/search': {
        status: 200,
        body: {
          items: [
            result({ id: iptuId, title: iptu.title, snippet: 'A segunda via do IPTU.' }),
            result({ id: '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c09', title: 'IPTU parcelado', snippet: 'Parcelamento do IPTU.' }),
          ],
        },
      },
      [`POST ${path('/informations')}`]: { status: 201, body: registered },
    },
    attendance(),
  );
  await screen.findByRole('region', { name: 'Resumo do atendimento' });

  await user.keyboard('{Alt>}b{/Alt}');
  expect(knowledgeSearch()).toHaveFocus();
  await user.keyboard('iptu{Enter}');
  const results = await screen.findByRole('list', { name: 'Resultados da busca' });
  await user.keyboard('{ArrowDown}');
  expect(within(results).getByRole('button', { name: iptu.title })).toHaveFocus();
  await user.keyboard('{ArrowDown}');
  expect(within(results).getByRole('button', { name: 'IPTU parcelado' })).toHaveFocus();
  await user.keyboard('{ArrowUp}{Enter}');

  const detail = await screen.findByRole('article', { name: iptu.title });
  await user.click(within(detail).getByRole('button', { name: 'Registrar' }));

  expect(await screen.findByText('Informação registrada.')).toBeInTheDocument();
  await waitFor(() => expect(within(detail).getByText('Registrada neste atendimento')).toHaveFocus());
});

test('"Voltar às sessões" puts the focus on the first sessão, and the arrows go through the sessões and their items', async () => {
  const twoSessions: CategoryTree = {
    items: [...categoryTree.items, { ...categoryTree.items[0], id: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e99', name: 'Saúde', informations: [], requestTypes: [] }],
  };
  const { user } = openDesk({
    'GET /api/categories': { status: 200, body: twoSessions },
    'GET /api/search': { status: 200, body: { items: [] } },
  });
  const session = (name: string) => screen.getByRole('button', { name });
  await screen.findByRole('button', { name: 'Saúde' });

  await user.type(knowledgeSearch(), 'nada{Enter}');
  await user.click(await screen.findByRole('button', { name: 'Voltar às sessões' }));

  expect(session('Tributos')).toHaveFocus();
  await user.keyboard('{Enter}');
  await user.keyboard('{ArrowDown}');
  expect(screen.getByRole('button', { name: iptu.title })).toHaveFocus();
  await user.keyboard('{ArrowDown}');
  expect(session('Vias públicas')).toHaveFocus();
  await user.keyboard('{End}');
  expect(session('Saúde')).toHaveFocus();
  await user.keyboard('{Home}');
  expect(session('Tributos')).toHaveFocus();
});

test('Alt+F opens the finish dialog of the open attendance', async () => {
  const { user } = openDesk({}, attendance());
  const finish = await screen.findByRole('button', { name: 'Finalizar' });
  expect(finish).toHaveAttribute('aria-keyshortcuts', 'Alt+F');

  await user.keyboard('{Alt>}f{/Alt}');

  expect(screen.getByRole('dialog', { name: 'Finalizar atendimento' })).toBeInTheDocument();
});

describe('Esc on a dialog', () => {
  async function openNewCustomer() {
    const { server, user } = openDesk({ 'GET /api/customers': { status: 200, body: listOf() } }, attendance());
    await user.type(await screen.findByRole('searchbox', { name: 'Busca', description: /Nome, CPF/ }), 'Fulano{Enter}');
    const register = await screen.findByRole('button', { name: 'Cadastrar novo cliente' });
    await user.click(register);
    return { server, user, register, dialog: screen.getByRole('dialog', { name: 'Cadastrar novo cliente' }) };
  }

  test('a filled form asks before discarding; going on editing keeps what was typed', async () => {
    const { user, register, dialog } = await openNewCustomer();
    const name = within(dialog).getByLabelText('Nome completo');
    await user.type(name, 'João Souza');

    await user.keyboard('{Escape}');
    const question = screen.getByRole('alertdialog', { name: 'Descartar as alterações?' });
    expect(within(question).getByRole('button', { name: 'Continuar editando' })).toHaveFocus();
    await user.click(within(question).getByRole('button', { name: 'Continuar editando' }));

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(name).toHaveValue('João Souza');
    expect(name).toHaveFocus();

    await user.keyboard('{Escape}');
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Descartar' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(register).toHaveFocus();
  });

  test('an empty form closes at once', async () => {
    const { user, register } = await openNewCustomer();

    await user.keyboard('{Escape}');

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(register).toHaveFocus();
  });

  test('Esc on the question itself goes back to editing', async () => {
    const { user, dialog } = await openNewCustomer();
    await user.type(within(dialog).getByLabelText('Nome completo'), 'J');

    await user.keyboard('{Escape}');
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    await user.keyboard('{Escape}');

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Cadastrar novo cliente' })).toBeInTheDocument();
  });
});

test('a required radio left empty: "Campo obrigatório." beside the group, its first radio focused and the group scrolled into view', async () => {
  const conditionId = '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c07';
  const withRadio: CategoryTree = {
    items: [
      {
        ...categoryTree.items[1],
        requestTypes: [
          {
            ...categoryTree.items[1].requestTypes[0],
            id: conditionId,
            name: 'Calçada danificada',
            addressRequired: false,
            formSchema: {
              type: 'object',
              required: ['estado'],
              properties: {
                detalhe: { type: 'string', title: 'Detalhe' },
                estado: { type: 'string', title: 'Estado da calçada', enum: ['Rachada', 'Afundada'], 'x-widget': 'radio' },
              },
            },
          },
        ],
      },
    ],
  };
  const scrolled: Element[] = [];
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this);
  };
  try {
    const { user } = openDesk(
      {
        'GET /api/categories': { status: 200, body: withRadio },
        [`POST ${path('/requests')}`]: apiError(400, 'VALIDATION_FAILED', 'Confira os campos destacados.', {
          'form.estado': 'Campo obrigatório.',
        }),
      },
      attendance(),
    );
    await user.click(await screen.findByRole('button', { name: 'Vias públicas' }));
    await user.click(screen.getByRole('button', { name: 'Calçada danificada' }));
    await user.click(screen.getByRole('button', { name: 'Registrar solicitação' }));
    const form = screen.getByRole('region', { name: 'Nova solicitação' });
    // The form opens with the cursor in its first field.
    expect(within(form).getByRole('textbox', { name: 'Detalhe' })).toHaveFocus();

    await user.click(within(form).getByRole('button', { name: 'Salvar' }));

    const group = await within(form).findByRole('radiogroup', { name: 'Estado da calçada' });
    expect(group).toHaveAccessibleDescription('Campo obrigatório.');
    expect(within(group).getByText('Campo obrigatório.')).toBeInTheDocument();
    expect(within(group).getByRole('radio', { name: 'Rachada' })).toHaveFocus();
    expect(scrolled).toContain(group);
  } finally {
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  }
});
