import { screen, waitFor, within } from '@testing-library/react';
import type { Information, KnowledgeGap } from '@receptivo/shared';
import { todayInBrasilia } from '../../reports/report-format';
import type { FakeRequest } from '../../testing/fake-server';
import { category, dialog, information, list, openTab } from './test-support';

beforeEach(() => localStorage.clear());

const taxes = category(1, { name: 'Tributos' });
const lighting = category(2, { name: 'Iluminação pública' });

const gap = (term: string, overrides: Partial<KnowledgeGap> = {}): KnowledgeGap => ({
  term,
  searches: 12,
  noResults: 9,
  noInformationRegistered: 2,
  lastSearchedAt: '2026-03-02T13:45:00.000Z',
  sampleKind: 'general',
  ...overrides,
});

const gapsOf = (items: KnowledgeGap[]) => (request: FakeRequest) => ({
  status: 200,
  body: { items, from: request.query.from, to: request.query.to },
});

function daysBefore(isoDay: string, days: number): string {
  return new Date(Date.parse(isoDay) - days * 86_400_000).toISOString().slice(0, 10);
}

const routes = (items: KnowledgeGap[]) => ({
  'GET /api/knowledge/categories': list([taxes, lighting]),
  'GET /api/knowledge/gaps': gapsOf(items),
});

test('Lacunas da base lists the terms of the last 30 days, the most gaps first', async () => {
  const { server } = await openTab('Lacunas da base', routes([gap('marquise caida'), gap('taxa de poda', { searches: 3, noResults: 0, noInformationRegistered: 3, sampleKind: 'keyword' })]));

  const table = await screen.findByRole('table', { name: /Termos sem resposta na base/ });
  expect(within(table).getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
    'Termo',
    'Buscas',
    'Sem resultado',
    'Sem informação registrada',
    'Última busca',
    'Ações',
  ]);
  const rows = within(table).getAllByRole('row').slice(1);
  expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['marquise caidaBusca geral', 'taxa de podaPalavra-chave']);
  expect(within(rows[1]).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
    '3',
    '0',
    '3',
    expect.stringMatching(/^02\/03\/2026 \d{2}:45$/),
    'Criar informação sobre “taxa de poda”',
  ]);
  expect(screen.getByText('2 termos, os com mais lacunas primeiro.')).toBeInTheDocument();

  const today = todayInBrasilia();
  expect(server.calls('GET /api/knowledge/gaps')[0].query).toEqual({ from: daysBefore(today, 29), to: today, limit: '50' });
  expect(screen.getByLabelText('De')).toHaveValue(daysBefore(today, 29).split('-').reverse().join('/'));
});

test('the period and the origin are asked again; a reversed period is refused beside the field without asking', async () => {
  const { server, user } = await openTab('Lacunas da base', routes([]));
  expect(await screen.findByText('Nenhuma lacuna no período')).toBeInTheDocument();

  await user.clear(screen.getByLabelText('De'));
  await user.type(screen.getByLabelText('De'), '10/03/2026');
  await user.clear(screen.getByLabelText('Até'));
  await user.type(screen.getByLabelText('Até'), '01/03/2026');
  await user.click(screen.getByRole('button', { name: 'Pesquisar' }));
  expect(await screen.findByText('A data final é anterior à inicial.')).toBeInTheDocument();
  expect(server.calls('GET /api/knowledge/gaps')).toHaveLength(1);

  await user.clear(screen.getByLabelText('De'));
  await user.type(screen.getByLabelText('De'), '01/02/2026');
  await user.selectOptions(screen.getByRole('combobox', { name: 'Origem' }), 'Autoatendimento');
  await user.click(screen.getByRole('button', { name: 'Pesquisar' }));

  await waitFor(() => expect(server.calls('GET /api/knowledge/gaps')).toHaveLength(2));
  expect(server.calls('GET /api/knowledge/gaps')[1].query).toEqual({ from: '2026-02-01', to: '2026-03-01', source: 'portal', limit: '50' });
  expect(await screen.findByText('Nenhum termo buscado de 01/02/2026 a 01/03/2026 ficou sem resposta na base.')).toBeInTheDocument();
  expect(screen.queryByText('A data final é anterior à inicial.')).not.toBeInTheDocument();
});

test('[Criar informação] opens the new information with the term as its title, in the sessão chosen', async () => {
  const { server, user } = await openTab('Lacunas da base', {
    ...routes([gap('marquise caida')]),
    'POST /api/knowledge/informations': (request) => ({ status: 201, body: information(9, { ...(request.body as Partial<Information>) }) }),
  });

  await user.click(await screen.findByRole('button', { name: 'Criar informação sobre “marquise caida”' }));
  const form = dialog('Nova informação');
  expect(within(form).getByLabelText('Título')).toHaveValue('marquise caida');
  expect(within(form).getByLabelText('Sessão')).toHaveDisplayValue('Selecione…');

  await user.click(within(form).getByRole('textbox', { name: 'Texto' }));
  await user.paste('A Defesa Civil vistoria.');
  await user.click(within(form).getByRole('textbox', { name: 'Solução Proposta' }));
  await user.paste('Registre a solicitação.');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));
  expect(await within(form).findByText('Escolha a sessão.')).toBeInTheDocument();
  expect(server.calls('POST /api/knowledge/informations')).toHaveLength(0);

  await user.selectOptions(within(form).getByLabelText('Sessão'), 'Iluminação pública');
  await user.clear(within(form).getByLabelText('Título'));
  await user.type(within(form).getByLabelText('Título'), 'Marquise caída');
  await user.click(within(form).getByRole('button', { name: 'Salvar' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  expect(server.calls('POST /api/knowledge/informations')[0].body).toMatchObject({
    categoryId: lighting.id,
    title: 'Marquise caída',
    body: '<p>A Defesa Civil vistoria.</p>',
    proposedSolution: '<p>Registre a solicitação.</p>',
  });
  expect(screen.getByRole('status')).toHaveTextContent('Informação “Marquise caída” criada. Ela está na aba Informações, na sua sessão.');
  expect(screen.getByRole('button', { name: 'Criar informação sobre “marquise caida”' })).toHaveFocus();
});
