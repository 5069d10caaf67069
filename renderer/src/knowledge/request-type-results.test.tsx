import { screen, within } from '@testing-library/react';
import type { Attendance } from '@receptivo/shared';
import { withMaria, maria } from '../attendances/test-fixtures';
import { openDesk } from '../testing/desk';
import type { FakeRoutes } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { buracoId, iptu, iptuId, result } from './test-fixtures';

beforeEach(() => localStorage.clear());

const pothole = result({
  kind: 'requestType',
  id: buracoId,
  title: 'Tapa-buraco',
  context: 'Vias públicas',
  snippet: 'Pergunte o tamanho do <mark>buraco</mark>.',
});

/** The desk with Maria's record, which the request form reads for her address. */
const openReceptivo = (routes: FakeRoutes, current: Attendance | null) =>
  openDesk({ [`GET /api/customers/${maria.id}`]: { status: 200, body: maria }, ...routes }, current);

async function searchFor(user: ReturnType<typeof renderApp>, text: string) {
  await user.type(await screen.findByLabelText('Busca'), `${text}{Enter}`);
  return screen.findByRole('list', { name: 'Resultados da busca' });
}

test('Busca geral shows a request type, in the order the server ranked, with [Registrar solicitação] opening its form', async () => {
  const { user } = openReceptivo(
    {
      'GET /api/search': {
        status: 200,
        body: { items: [pothole, result({ id: iptuId, title: iptu.title, snippet: 'Fala de <mark>buraco</mark>.', score: 0.2 })] },
      },
    },
    withMaria(),
  );

  const results = await searchFor(user, 'buraco');
  const [first, second] = within(results).getAllByRole('listitem');
  expect(within(first).getByText('Tipo de solicitação')).toBeInTheDocument();
  expect(within(first).getByText('Vias públicas')).toBeInTheDocument();
  expect(within(second).getByRole('button', { name: iptu.title })).toBeInTheDocument();
  expect(within(second).queryByRole('button', { name: 'Registrar solicitação' })).not.toBeInTheDocument();

  await user.click(within(within(first).getByRole('group', { name: 'Tapa-buraco' })).getByRole('button', { name: 'Registrar solicitação' }));
  const form = await screen.findByRole('region', { name: 'Nova solicitação' });
  expect(within(form).getByRole('heading', { name: 'Nova solicitação: Tapa-buraco' })).toBeInTheDocument();
});

test('outside an attendance a request type result opens its detail, which says where requests are registered', async () => {
  const { user } = openReceptivo({ 'GET /api/search': { status: 200, body: { items: [pothole] } } }, null);

  const results = await searchFor(user, 'buraco');
  expect(within(results).queryByRole('button', { name: 'Registrar solicitação' })).not.toBeInTheDocument();
  await user.click(within(results).getByRole('button', { name: 'Tapa-buraco' }));

  const detail = await screen.findByRole('article', { name: 'Tapa-buraco' });
  expect(detail).toHaveTextContent('O registro de solicitações é feito dentro de um atendimento.');
  await user.click(within(detail).getByRole('button', { name: 'Voltar' }));
  expect(screen.getByRole('button', { name: 'Tapa-buraco' })).toHaveFocus();
});

test('an information shows the request types it names as actions, leaving out one the sessões no longer offer', async () => {
  const gone = '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3cee';
  const { user } = openReceptivo(
    {
      [`GET /api/informations/${iptuId}`]: { status: 200, body: { ...iptu, requestTypeIds: [gone, buracoId] } },
    },
    withMaria(),
  );

  await user.click(await screen.findByRole('button', { name: 'Tributos' }));
  await user.click(screen.getByRole('button', { name: iptu.title }));
  const detail = await screen.findByRole('article', { name: iptu.title });
  const related = within(detail).getByRole('list', { name: 'Solicitações relacionadas' });
  expect(within(related).getAllByRole('listitem')).toHaveLength(1);

  await user.click(within(within(related).getByRole('group', { name: 'Tapa-buraco' })).getByRole('button', { name: 'Registrar solicitação' }));
  expect(await screen.findByRole('heading', { name: 'Nova solicitação: Tapa-buraco' })).toBeInTheDocument();
});

test('from an information, a related request type opens its detail and [Voltar] returns to the information', async () => {
  const { user } = openReceptivo(
    { [`GET /api/informations/${iptuId}`]: { status: 200, body: { ...iptu, requestTypeIds: [buracoId] } } },
    null,
  );

  await user.click(await screen.findByRole('button', { name: 'Tributos' }));
  await user.click(screen.getByRole('button', { name: iptu.title }));
  const related = await screen.findByRole('list', { name: 'Solicitações relacionadas' });
  expect(within(related).queryByRole('button', { name: 'Registrar solicitação' })).not.toBeInTheDocument();
  await user.click(within(related).getByRole('button', { name: 'Tapa-buraco' }));

  const detail = await screen.findByRole('article', { name: 'Tapa-buraco' });
  await user.click(within(detail).getByRole('button', { name: 'Voltar' }));
  expect(await screen.findByRole('article', { name: iptu.title })).toBeInTheDocument();
});
