import { screen, waitFor, within } from '@testing-library/react';
import type { Information } from '@receptivo/shared';
import { apiError, type FakeRequest } from '../../testing/fake-server';
import { category, dialog, information, list, openTab, requestType, rowOf } from './test-support';

beforeEach(() => localStorage.clear());

const lighting = category(1, { name: 'Iluminação' });
const roads = category(2, { name: 'Vias' });
const lamp = requestType(1, { name: 'Lâmpada apagada', categoryId: lighting.id });
const pole = requestType(2, { name: 'Poste danificado', categoryId: lighting.id, active: false });
const pothole = requestType(3, { name: 'Buraco na via', categoryId: roads.id });
const dark = information(1, { title: 'Rua escura', categoryId: lighting.id, requestTypeIds: [pothole.id] });

const routes = {
  'GET /api/knowledge/categories': list([lighting, roads]),
  'GET /api/knowledge/informations': list([dark]),
  'GET /api/knowledge/request-types': list([lamp, pole, pothole]),
};

test('an information names its related request types, picked by sessão, and sends them in the lists’ order', async () => {
  const { server, user } = await openTab('Informações', {
    ...routes,
    [`PATCH /api/knowledge/informations/${dark.id}`]: (request: FakeRequest) => ({
      status: 200,
      body: { ...dark, ...(request.body as Partial<Information>) },
    }),
  });

  await user.click(within(await rowOf('Rua escura')).getByRole('button', { name: 'Editar' }));
  const form = dialog('Editar informação Rua escura');
  const related = within(form).getByRole('group', { name: 'Solicitações relacionadas' });
  const lightingGroup = await within(related).findByRole('group', { name: 'Iluminação' });
  expect(within(lightingGroup).getAllByRole('checkbox').map((box) => box.parentElement?.textContent)).toEqual([
    'Lâmpada apagada',
    'Poste danificado (inativo)',
  ]);
  expect(within(related).getByRole('checkbox', { name: 'Buraco na via' })).toBeChecked();

  await user.click(within(lightingGroup).getByRole('checkbox', { name: 'Lâmpada apagada' }));
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(server.calls(`PATCH /api/knowledge/informations/${dark.id}`)).toHaveLength(1));
  expect(server.calls(`PATCH /api/knowledge/informations/${dark.id}`)[0].body).toEqual({ requestTypeIds: [lamp.id, pothole.id] });
});

test('a request type the server refuses is said beside the related types, and the choice stays', async () => {
  const { user } = await openTab('Informações', {
    ...routes,
    [`PATCH /api/knowledge/informations/${dark.id}`]: apiError(400, 'VALIDATION_FAILED', 'Tipo de solicitação não encontrado.', {
      requestTypeIds: 'Tipo de solicitação não encontrado.',
    }),
  });

  await user.click(within(await rowOf('Rua escura')).getByRole('button', { name: 'Editar' }));
  const form = dialog('Editar informação Rua escura');
  await user.click(await within(form).findByRole('checkbox', { name: 'Lâmpada apagada' }));
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  const related = within(form).getByRole('group', { name: 'Solicitações relacionadas' });
  await waitFor(() => expect(related).toHaveAccessibleDescription(expect.stringContaining('Tipo de solicitação não encontrado.')));
  expect(within(related).getByRole('checkbox', { name: 'Lâmpada apagada' })).toBeChecked();
  expect(screen.getByRole('dialog', { name: 'Editar informação Rua escura' })).toBeInTheDocument();
});
