import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Notice } from '@receptivo/shared';
import { formatDateTime } from '../../ui/format';
import { cellTexts, dialog, list, notice, openTab, rowOf } from './test-support';

beforeEach(() => localStorage.clear());

const day = 24 * 60 * 60 * 1000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

const current = notice(1, { title: 'Sistema de IPTU fora do ar', kind: 'incident', validFrom: at(-day), validUntil: at(day) });
const scheduled = notice(2, { title: 'Mutirão de vacinação', kind: 'event', validFrom: at(2 * day), validUntil: null });
const past = notice(3, { title: 'Feriado municipal', validFrom: at(-3 * day), validUntil: at(-2 * day) });
const hidden = notice(4, { title: 'Rascunho', validFrom: at(-day), active: false });

test('the notices table shows each board, validity and whether it is showing now', async () => {
  await openTab('Quadros de avisos', { 'GET /api/knowledge/notices': list([current, scheduled, past, hidden]) });

  expect(cellTexts(await rowOf('Sistema de IPTU fora do ar'))).toEqual([
    'Ocorrências',
    'Sistema de IPTU fora do ar',
    `${formatDateTime(current.validFrom)} até ${formatDateTime(current.validUntil as string)}`,
    'Exibindo agora',
    'Ativo',
    'EditarDesativarExcluir',
  ]);
  expect(cellTexts(await rowOf('Mutirão de vacinação')).slice(0, 4)).toEqual([
    'Eventos',
    'Mutirão de vacinação',
    `A partir de ${formatDateTime(scheduled.validFrom)}, sem fim`,
    'Agendado',
  ]);
  expect(within(await rowOf('Feriado municipal')).getByText('Encerrado')).toBeInTheDocument();
  expect(within(await rowOf('Rascunho')).getByText('Oculto (inativo)')).toBeInTheDocument();
  expect(within(await rowOf('Rascunho')).getByText('Inativo')).toBeInTheDocument();
});

test('creating a notice sends the local dates as ISO instants with the browser offset', async () => {
  const { server, user } = await openTab('Quadros de avisos', {
    'GET /api/knowledge/notices': list([current]),
    'POST /api/knowledge/notices': (request) => ({
      status: 201,
      body: notice(9, { ...(request.body as Partial<Notice>) }),
    }),
  });
  await rowOf('Sistema de IPTU fora do ar');

  await user.click(screen.getByRole('button', { name: 'Novo aviso' }));
  const form = dialog('Novo aviso');
  await user.selectOptions(within(form).getByLabelText('Quadro'), 'Eventos');
  await user.type(within(form).getByLabelText('Título'), 'Feira de adoção');
  await user.click(within(form).getByRole('textbox', { name: 'Texto' }));
  await user.paste('No parque, das 9h às 16h.');
  fireEvent.change(within(form).getByLabelText('Válido de'), { target: { value: '2030-04-01T08:00' } });
  fireEvent.change(within(form).getByLabelText('Válido até'), { target: { value: '2030-04-01T18:30' } });
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  const body = server.calls('POST /api/knowledge/notices')[0].body as Record<string, string>;
  expect(body).toEqual({
    kind: 'event',
    title: 'Feira de adoção',
    body: '<p>No parque, das 9h às 16h.</p>',
    validFrom: expect.stringMatching(/^2030-04-01T08:00:00[+-]\d{2}:\d{2}$/),
    validUntil: expect.stringMatching(/^2030-04-01T18:30:00[+-]\d{2}:\d{2}$/),
    active: true,
  });
  expect(Date.parse(body.validFrom)).toBe(new Date(2030, 3, 1, 8, 0).getTime());
  expect(within(await rowOf('Feira de adoção')).getByText('Agendado')).toBeInTheDocument();
});

test('an end before the start is refused beside "Válido até"', async () => {
  const { server, user } = await openTab('Quadros de avisos', { 'GET /api/knowledge/notices': list([current]) });
  await rowOf('Sistema de IPTU fora do ar');

  await user.click(screen.getByRole('button', { name: 'Novo aviso' }));
  const form = dialog('Novo aviso');
  await user.type(within(form).getByLabelText('Título'), 'Aviso');
  fireEvent.change(within(form).getByLabelText('Válido de'), { target: { value: '2030-04-02T08:00' } });
  fireEvent.change(within(form).getByLabelText('Válido até'), { target: { value: '2030-04-01T08:00' } });
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  expect(within(form).getByLabelText('Válido até')).toHaveAccessibleDescription(
    expect.stringContaining('O fim da validade deve ser depois do início.'),
  );
  expect(server.calls('POST /api/knowledge/notices')).toHaveLength(0);
});

test('editing keeps untouched dates as stored', async () => {
  const { server, user } = await openTab('Quadros de avisos', {
    'GET /api/knowledge/notices': list([current]),
    [`PATCH /api/knowledge/notices/${current.id}`]: (request) => ({
      status: 200,
      body: { ...current, ...(request.body as object) },
    }),
  });

  await user.click(within(await rowOf('Sistema de IPTU fora do ar')).getByRole('button', { name: 'Editar' }));
  const form = dialog('Editar aviso Sistema de IPTU fora do ar');
  expect(within(form).getByLabelText('Quadro')).toHaveDisplayValue('Ocorrências');
  await user.type(within(form).getByLabelText('Título'), ' (normalizado às 14h)');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(server.calls(`PATCH /api/knowledge/notices/${current.id}`)[0].body).toEqual({
    title: 'Sistema de IPTU fora do ar (normalizado às 14h)',
  });
});
