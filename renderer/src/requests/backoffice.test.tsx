import { screen, within } from '@testing-library/react';
import type { BackofficeList, Request } from '@receptivo/shared';
import { summaryOfRequest } from '../attendances/attendances-api';
import { groupFirstId, groupFirstProtocol, request, requestId } from '../attendances/test-fixtures';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';

beforeEach(() => localStorage.clear());

type Routes = Parameters<typeof fakeServer>[0];

const statusPath = `POST /api/requests/${requestId}/status`;
const listPath = 'GET /api/backoffice/requests';

function listOf(...requests: Request[]): BackofficeList {
  return {
    items: requests.map((item) => ({ ...summaryOfRequest(item), customerName: 'Maria da Silva', attendanceProtocol: item.attendanceProtocol })),
    total: requests.length,
  };
}

function signIn(routes: Routes) {
  storeSession(loginResponse('backoffice'));
  return fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('backoffice') },
    'GET /api/attendances': { status: 200, body: { items: [], total: 0 } },
    'GET /api/organs': { status: 200, body: { items: [] } },
    ...routes,
  });
}

/** A back office user on one request of their organ; answers the Retaguarda region. */
async function openRequest(shown: Request, routes: Routes = {}) {
  const server = signIn({ [`GET /api/requests/${shown.id}`]: { status: 200, body: shown }, ...routes });
  const user = renderApp(`/solicitacoes/${shown.id}`);
  const status = await screen.findByRole('region', { name: 'Status Solicitação' });
  return { server, user, status, controls: within(status).getByRole('region', { name: 'Retaguarda' }) };
}

test("the back office lands on its organ's requests, filters them by situation and text, and opens one", async () => {
  const open = request({ groupOf: null, group: [] });
  const server = signIn({
    // 21 requests: a second page of one.
    [listPath]: { status: 200, body: { ...listOf(open), total: 21 } },
    [`GET /api/requests/${requestId}`]: { status: 200, body: open },
  });
  const user = renderApp('/atendimentos');

  const panel = await screen.findByRole('region', { name: 'Solicitações do órgão' });
  expect(panel).toHaveTextContent('Secretaria de Obras');
  const row = (await within(panel).findByRole('link', { name: '2026.005678-1' })).closest('tr') as HTMLElement;
  expect(row).toHaveTextContent('Tapa-buraco');
  expect(row).toHaveTextContent('Maria da Silva');
  expect(row).toHaveTextContent('2026.001234-7');
  expect(row).toHaveTextContent('Aberta');
  expect(server.calls(listPath)[0].query).toEqual({});

  await user.selectOptions(within(panel).getByLabelText('Situação'), 'Aberta');
  await user.type(within(panel).getByLabelText('Busca'), ' buraco ');
  await user.click(within(panel).getByRole('button', { name: 'Pesquisar' }));
  await within(panel).findByRole('link', { name: '2026.005678-1' });
  expect(server.calls(listPath).at(-1)?.query).toEqual({ status: 'open', q: 'buraco' });

  expect(within(panel).getByText('Página 1 de 2')).toBeInTheDocument();
  await user.click(within(panel).getByRole('button', { name: 'Próxima' }));
  expect(await within(panel).findByText('Página 2 de 2')).toBeInTheDocument();
  expect(server.calls(listPath).at(-1)?.query).toEqual({ status: 'open', q: 'buraco', page: '2' });

  await user.click(within(panel).getByRole('link', { name: '2026.005678-1' }));
  expect(await screen.findByRole('region', { name: 'Retaguarda' })).toBeInTheDocument();
  expect(window.location.pathname).toBe(`/solicitacoes/${requestId}`);
});

test('[Em andamento] sends the new situation; [Finalizar] needs the response and sends it', async () => {
  const shown = request({ groupOf: null, group: [] });
  const { server, user, status, controls } = await openRequest(shown, {
    [statusPath]: ({ body }) => {
      const { status: next, response } = body as { status: Request['status']; response?: string };
      return { status: 200, body: { ...shown, status: next, response: response ?? null, allowedActions: [] } };
    },
  });
  // The citizen's actions are the desk's: the back office does not get them even when the rules allow them.
  expect(within(status).queryByRole('button', { name: 'Reiterar chamado' })).not.toBeInTheDocument();
  expect(within(status).queryByRole('button', { name: 'Cancelar solicitação' })).not.toBeInTheDocument();

  await user.click(within(controls).getByRole('button', { name: 'Finalizar' }));
  expect(within(controls).getByLabelText('Resposta ao cidadão')).toHaveAccessibleDescription(
    'Obrigatória para finalizar; o cidadão a recebe por e-mail. Escreva a resposta ao cidadão para finalizar.',
  );
  expect(server.calls(statusPath)).toHaveLength(0);

  await user.click(within(controls).getByRole('button', { name: 'Em andamento' }));
  expect(await within(status).findByText('Situação alterada para Em andamento.')).toBeInTheDocument();
  expect(server.calls(statusPath)[0].body).toEqual({ status: 'in_progress' });

  const taken = within(status).getByRole('region', { name: 'Retaguarda' });
  expect(within(taken).queryByRole('button', { name: 'Em andamento' })).not.toBeInTheDocument();
  await user.type(within(taken).getByLabelText('Resposta ao cidadão'), 'Buraco tapado em 12/03.');
  await user.click(within(taken).getByRole('button', { name: 'Finalizar' }));

  expect(await within(status).findByText('Situação alterada para Finalizada.')).toBeInTheDocument();
  expect(server.calls(statusPath)[1].body).toEqual({ status: 'finished', response: 'Buraco tapado em 12/03.' });
  expect(within(status).getByRole('region', { name: 'Resposta' })).toHaveTextContent('Buraco tapado em 12/03.');
  expect(within(status).getByRole('region', { name: 'Retaguarda' })).toHaveTextContent('não há mudança de situação a fazer');
});

test("the first of a group says its changes reach the whole group, and the server's refusal is shown", async () => {
  const first = request({
    id: groupFirstId,
    protocol: groupFirstProtocol,
    groupOf: null,
    group: [
      { id: groupFirstId, protocol: groupFirstProtocol, status: 'open' },
      { id: requestId, protocol: '20260056781', status: 'open' },
    ],
  });
  const { user, status, controls } = await openRequest(first, {
    [`POST /api/requests/${groupFirstId}/status`]: apiError(422, 'BUSINESS_RULE', 'Esta solicitação já foi finalizada por outro usuário.'),
  });

  expect(controls).toHaveTextContent('Esta é a primeira solicitação de um grupo de 2: a mudança de situação e a resposta valem para todo o grupo.');
  expect(within(status).getByRole('list', { name: 'Solicitações do grupo' })).toHaveTextContent('2026.005678-1');

  await user.click(within(controls).getByRole('button', { name: 'Em andamento' }));
  expect(await within(controls).findByRole('alert')).toHaveTextContent('Esta solicitação já foi finalizada por outro usuário.');
});
