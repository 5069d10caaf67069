import { screen, waitFor, within } from '@testing-library/react';
import type { ScriptTopic } from '@receptivo/shared';
import { apiError } from '../../testing/fake-server';
import { category, cellTexts, dialog, list, openTab, rowOf, scriptTopic } from './test-support';

beforeEach(() => localStorage.clear());

const taxes = category(1, { name: 'Tributos', description: 'IPTU, ISS, ITBI' });
const health = category(2, { name: 'Saúde' });
const transit = category(3, { name: 'Trânsito', active: false });

const firstColumn = () => screen.getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[0].textContent);

test('moving a category down sends every category id in the new order', async () => {
  const { server, user } = await openTab('Sessões', {
    'GET /api/knowledge/categories': list([taxes, health, transit]),
    'POST /api/knowledge/categories/order': { status: 204 },
  });

  expect(cellTexts(await rowOf('Tributos'))).toEqual([
    'Tributos',
    'IPTU, ISS, ITBI',
    'Ativo',
    'SubirDescerEditarDesativarExcluir',
  ]);
  await user.click(within(await rowOf('Tributos')).getByRole('button', { name: 'Descer' }));

  await waitFor(() => expect(firstColumn()).toEqual(['Saúde', 'Tributos', 'Trânsito']));
  expect(server.calls('POST /api/knowledge/categories/order')[0].body).toEqual({ ids: [health.id, taxes.id, transit.id] });
  expect(screen.getByRole('status')).toHaveTextContent('Sessão “Tributos” movida para a posição 2 de 3.');
});

test('deleting a category with informations shows the refusal and, for an inactive one, nothing to deactivate', async () => {
  const refusal = 'A sessão Trânsito tem informações e tipos de solicitação e não pode ser excluída.';
  const { user } = await openTab('Sessões', {
    'GET /api/knowledge/categories': list([taxes, health, transit]),
    [`DELETE /api/knowledge/categories/${transit.id}`]: apiError(409, 'CONFLICT', refusal),
  });

  await user.click(within(await rowOf('Trânsito')).getByRole('button', { name: 'Excluir' }));
  const confirm = dialog('Excluir sessão');
  await user.click(within(confirm).getByRole('button', { name: 'Excluir' }));

  expect(await within(confirm).findByRole('alert')).toHaveTextContent(refusal);
  expect(confirm).toHaveTextContent('“Trânsito” já está inativa e não é oferecida aos atendentes.');
  expect(within(confirm).queryByRole('button', { name: 'Desativar' })).not.toBeInTheDocument();
  await user.click(within(confirm).getByRole('button', { name: 'Fechar' }));
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
});

test('creating a script topic sends its title and content, and it goes last', async () => {
  const opening = scriptTopic(1, { title: 'Abertura' });
  const closing = scriptTopic(2, { title: 'Encerramento' });
  const { server, user } = await openTab('Script', {
    'GET /api/knowledge/script-topics': list([opening, closing]),
    'POST /api/knowledge/script-topics': (request) => ({
      status: 201,
      body: scriptTopic(3, request.body as Partial<ScriptTopic>),
    }),
    'POST /api/knowledge/script-topics/order': { status: 204 },
  });
  await rowOf('Abertura');

  await user.click(screen.getByRole('button', { name: 'Novo tópico' }));
  const form = dialog('Novo tópico do script');
  await user.type(within(form).getByLabelText('Título'), 'Pesquisa de satisfação');
  await user.click(within(form).getByRole('textbox', { name: 'Conteúdo' }));
  await user.paste('Posso fazer uma pergunta rápida?');
  await user.click(within(form).getByLabelText('Ativo'));
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(server.calls('POST /api/knowledge/script-topics')[0].body).toEqual({
    title: 'Pesquisa de satisfação',
    content: '<p>Posso fazer uma pergunta rápida?</p>',
    active: false,
  });
  await waitFor(() => expect(firstColumn()).toEqual(['Abertura', 'Encerramento', 'Pesquisa de satisfação']));

  await user.click(within(await rowOf('Pesquisa de satisfação')).getByRole('button', { name: 'Subir' }));

  await waitFor(() => expect(firstColumn()).toEqual(['Abertura', 'Pesquisa de satisfação', 'Encerramento']));
  expect(server.calls('POST /api/knowledge/script-topics/order')[0].body).toEqual({
    ids: [opening.id, scriptTopic(3).id, closing.id],
  });
});
