import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import type { Report } from '@receptivo/shared';
import { SessionProvider } from '../auth/SessionProvider';
import { formatDateTime } from '../ui/format';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { ReportsPanel } from './ReportsPanel';

beforeEach(() => localStorage.clear());

const LIGHTING = { organId: '7a1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f01', organName: 'Departamento de Iluminação Pública' };
const TRAFFIC = { organId: '7a1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f02', organName: 'Secretaria de Mobilidade; Trânsito' };
const none = { open: 0, in_progress: 0, finished: 0, cancelled: 0 };
const noOutcome = { met: 0, finished_late: 0, overdue: 0, pending: 0, cancelled: 0 };

const report: Report = {
  from: '2026-03-02',
  to: '2026-03-03',
  groupBy: 'day',
  generatedAt: '2026-03-06T15:00:00.000Z',
  attendances: {
    total: 6,
    byChannel: { phone: 3, walk_in: 1, email: 1, chat: 1, web: 0 },
    perPeriod: [
      { from: '2026-03-02', to: '2026-03-02', total: 3, byChannel: { phone: 2, walk_in: 1, email: 0, chat: 0, web: 0 } },
      { from: '2026-03-03', to: '2026-03-03', total: 3, byChannel: { phone: 1, walk_in: 0, email: 1, chat: 1, web: 0 } },
    ],
    byOrgan: [
      { ...LIGHTING, attendances: 2 },
      { ...TRAFFIC, attendances: 1 },
    ],
    withoutRequest: 3,
    byCategory: [{ categoryId: '7a1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f11', categoryName: 'Iluminação pública', attendances: 2 }],
    withoutRegistration: 1,
  },
  requests: {
    total: 3,
    byStatus: { open: 0, in_progress: 1, finished: 2, cancelled: 0 },
    byDeadline: { met: 1, finished_late: 1, overdue: 1, pending: 0, cancelled: 0 },
    byOrgan: [
      { ...LIGHTING, total: 2, byStatus: { ...none, in_progress: 1, finished: 1 }, byDeadline: { ...noOutcome, met: 1, overdue: 1 } },
      { ...TRAFFIC, total: 1, byStatus: { ...none, finished: 1 }, byDeadline: { ...noOutcome, finished_late: 1 } },
    ],
  },
  handlingTime: {
    overall: { finished: 5, averageSeconds: 396, withCall: 2, averageTalkSeconds: 370 },
    perPeriod: [
      { from: '2026-03-02', to: '2026-03-02', finished: 3, averageSeconds: 420, withCall: 1, averageTalkSeconds: 240 },
      { from: '2026-03-03', to: '2026-03-03', finished: 2, averageSeconds: 3725, withCall: 0, averageTalkSeconds: null },
    ],
  },
};

function openPanel(routes: Parameters<typeof fakeServer>[0] = {}) {
  storeSession(loginResponse('supervisor'));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('supervisor') },
    'GET /api/reports': { status: 200, body: report },
    ...routes,
  });
  const user = userEvent.setup();
  render(
    <SessionProvider>
      <MemoryRouter>
        <ReportsPanel />
      </MemoryRouter>
    </SessionProvider>,
  );
  return { server, user };
}

/** Types the period as a user does, dd/mm/aaaa (digits only: the field puts the slashes). */
async function typePeriod(user: ReturnType<typeof userEvent.setup>, from: string, to: string) {
  for (const [label, value] of [
    ['De', from],
    ['Até', to],
  ]) {
    const input = screen.getByLabelText(label);
    await user.clear(input);
    if (value) await user.type(input, value.replaceAll('/', ''));
  }
}

async function generate(user: ReturnType<typeof userEvent.setup>, from: string, to: string) {
  await typePeriod(user, from, to);
  await user.click(screen.getByRole('button', { name: 'Gerar relatório' }));
}

/** Every row of a table (head, body, foot) as its cells' text. */
const cells = (name: string) =>
  within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent));

/** jsdom's Blob has no arrayBuffer(); its FileReader reads one. */
const bytesOf = (blob: Blob) =>
  new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });

/** jsdom has no object URLs nor downloads: record what would have been saved. */
function captureDownloads() {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = jest.fn((blob: Blob) => {
    const url = `blob:fake/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = jest.fn();
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.getAttribute('href') ?? '') as Blob });
  });
  return saved;
}

test('generates the report of the chosen period: charts, and tables with captions holding the same numbers', async () => {
  const { server, user } = openPanel();
  await generate(user, '02/03/2026', '03/03/2026');

  // Generation time in this machine's zone, as the desk shows every time.
  expect(await screen.findByText(`Relatório de 02/03/2026 a 03/03/2026, gerado em ${formatDateTime(report.generatedAt)}.`)).toBeInTheDocument();
  expect(server.calls('GET /api/reports').map((request) => request.query)).toEqual([{ from: '2026-03-02', to: '2026-03-03' }]);

  for (const title of ['Atendimentos', 'Solicitações', 'Tempo de atendimento']) {
    expect(screen.getByRole('region', { name: title })).toBeInTheDocument();
  }
  expect(screen.getByText('6 atendimentos iniciados no período.')).toBeInTheDocument();
  expect(screen.getByText('Atendimentos por dia, empilhados por meio de comunicação').closest('figure')?.querySelector('svg')).not.toBeNull();

  expect(cells('Atendimentos por dia e meio de comunicação')).toEqual([
    ['Dia', 'Telefone', 'Presencial', 'E-mail', 'Chat', 'Web', 'Total'],
    ['02/03/2026', '2', '1', '0', '0', '0', '3'],
    ['03/03/2026', '1', '0', '1', '1', '0', '3'],
    ['Total', '3', '1', '1', '1', '0', '6'],
  ]);
  expect(cells('Atendimentos por órgão')).toEqual([
    ['Órgão', 'Atendimentos'],
    [LIGHTING.organName, '2'],
    [TRAFFIC.organName, '1'],
    ['Sem solicitação registrada', '3'],
    ['Atendimentos no período', '6'],
  ]);
  expect(cells('Solicitações por prazo')).toEqual([
    ['Prazo', 'Solicitações', 'Participação'],
    ['Finalizada no prazo', '1', '33,3%'],
    ['Finalizada após o prazo', '1', '33,3%'],
    ['Em aberto com prazo vencido', '1', '33,3%'],
    ['Em aberto dentro do prazo', '0', '0,0%'],
    ['Cancelada', '0', '0,0%'],
    ['Total', '3', '100,0%'],
    ['Cumprimento do prazo', '—', '33,3%'],
  ]);
  expect(cells('Solicitações por órgão')[1]).toEqual([LIGHTING.organName, '2', '0', '1', '1', '0', '1', '0', '1', '0', '50,0%']);
  expect(cells('Tempo médio de atendimento por dia')).toEqual([
    ['Dia', 'Atendimentos finalizados', 'Tempo médio de atendimento', 'Com chamada', 'Tempo médio de conversa'],
    ['02/03/2026', '3', '7 min 00 s', '1', '4 min 00 s'],
    ['03/03/2026', '2', '1 h 02 min', '0', '—'],
    ['Período', '5', '6 min 36 s', '2', '6 min 10 s'],
  ]);
});

test('[Exportar CSV] saves the table shown, as Excel in pt-BR reads it', async () => {
  const saved = captureDownloads();
  const { server, user } = openPanel();
  await generate(user, '02/03/2026', '03/03/2026');

  await user.click(await screen.findByRole('button', { name: 'Exportar CSV: Solicitações por órgão' }));
  expect(saved).toHaveLength(1);
  expect(saved[0].name).toBe('relatorio-requests-by-organ-2026-03-02-a-2026-03-03.csv');
  expect(saved[0].blob.type).toBe('text/csv;charset=utf-8');
  // Read as bytes: decoding as text would drop the byte order mark Excel needs.
  const bytes = new Uint8Array(await bytesOf(saved[0].blob));
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\r\n')).toEqual([
    '\uFEFFÓrgão;Total;Aberta;Em andamento;Finalizada;Cancelada;Finalizada no prazo;Finalizada após o prazo;Em aberto com prazo vencido;Em aberto dentro do prazo;Cumprimento do prazo (%)',
    `${LIGHTING.organName};2;0;1;1;0;1;0;1;0;50,0`,
    `"${TRAFFIC.organName}";1;0;0;1;0;0;1;0;0;0,0`,
    'Total;3;0;1;2;0;1;1;1;0;33,3',
    '',
  ]);
  // The file is made from the report on screen, without asking the server again.
  expect(server.calls('GET /api/reports')).toHaveLength(1);
});

test('a reversed period is refused beside Até without asking the server', async () => {
  const { server, user } = openPanel();
  await generate(user, '04/03/2026', '02/03/2026');

  expect(screen.getByLabelText('Até')).toHaveAccessibleDescription(expect.stringContaining('A data final é anterior à inicial.'));
  expect(server.calls('GET /api/reports')).toHaveLength(0);

  await generate(user, '', '02/03/2026');
  expect(screen.getByLabelText('De')).toHaveAccessibleDescription('Informe a data inicial.');
});

test("the server's refusal of the period goes beside its field; a failure offers to try again", async () => {
  let answer = apiError(400, 'VALIDATION_FAILED', 'O período pode ter no máximo 366 dias.', { to: 'O período pode ter no máximo 366 dias.' });
  const { server, user } = openPanel({ 'GET /api/reports': () => answer });
  await generate(user, '01/01/2025', '31/12/2025');

  expect(await screen.findByText('O período pode ter no máximo 366 dias.')).toBeInTheDocument();
  expect(screen.getByLabelText('Até')).toHaveAccessibleDescription(expect.stringContaining('O período pode ter no máximo 366 dias.'));

  answer = apiError(500, 'INTERNAL_ERROR', 'Ocorreu um erro interno.');
  await user.click(screen.getByRole('button', { name: 'Gerar relatório' }));
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Não foi possível carregar o relatório. Ocorreu um erro interno.');

  answer = { status: 200, body: report };
  await user.click(within(alert).getByRole('button', { name: 'Tentar novamente' }));
  expect(await screen.findByRole('table', { name: 'Atendimentos por órgão' })).toBeInTheDocument();
  expect(server.calls('GET /api/reports').map((request) => request.query.to)).toEqual(['2025-12-31', '2025-12-31', '2025-12-31']);
});

test('says "1 atendimento" and "2 chamadas": every count agrees with its words', async () => {
  const one = {
    ...report,
    attendances: { ...report.attendances, total: 1 },
    requests: { ...report.requests, total: 1 },
    handlingTime: { ...report.handlingTime, overall: { finished: 1, averageSeconds: 60, withCall: 2, averageTalkSeconds: 30 } },
  };
  const { user } = openPanel({ 'GET /api/reports': { status: 200, body: one } });
  await generate(user, '02/03/2026', '03/03/2026');

  expect(await screen.findByText('1 atendimento iniciado no período.')).toBeInTheDocument();
  expect(screen.getByText('1 solicitação registrada no período; situação e prazo de agora.')).toBeInTheDocument();
  expect(screen.getByText('Tempo médio de atendimento 1 min 00 s em 1 atendimento finalizado; tempo médio de conversa 30 s em 2 chamadas.')).toBeInTheDocument();
});

test('groups a long period by week or month: automatic by its length, or as chosen', async () => {
  const monthly: Report = {
    ...report,
    from: '2026-01-01',
    to: '2026-03-15',
    groupBy: 'month',
    attendances: {
      ...report.attendances,
      perPeriod: [
        { from: '2026-01-01', to: '2026-01-31', total: 4, byChannel: { phone: 4, walk_in: 0, email: 0, chat: 0, web: 0 } },
        { from: '2026-02-01', to: '2026-02-28', total: 0, byChannel: { phone: 0, walk_in: 0, email: 0, chat: 0, web: 0 } },
        { from: '2026-03-01', to: '2026-03-15', total: 2, byChannel: { phone: 1, walk_in: 1, email: 0, chat: 0, web: 0 } },
      ],
    },
  };
  const { server, user } = openPanel({ 'GET /api/reports': { status: 200, body: monthly } });
  await typePeriod(user, '01/01/2026', '15/03/2026');
  const grouping = screen.getByRole('combobox', { name: 'Agrupar por' });
  // 74 days: the server would group by week; the user asks for months.
  expect(within(grouping).getAllByRole('option').map((option) => option.textContent)).toEqual(['Automático (semana)', 'Dia', 'Semana', 'Mês']);
  await user.selectOptions(grouping, 'Mês');
  await user.click(screen.getByRole('button', { name: 'Gerar relatório' }));

  expect(await screen.findByRole('table', { name: 'Atendimentos por mês e meio de comunicação' })).toBeInTheDocument();
  expect(server.calls('GET /api/reports').map((request) => request.query)).toEqual([{ from: '2026-01-01', to: '2026-03-15', groupBy: 'month' }]);
  expect(cells('Atendimentos por mês e meio de comunicação').map((row) => [row[0], row.at(-1)])).toEqual([
    ['Mês', 'Total'],
    ['janeiro de 2026', '4'],
    ['fevereiro de 2026', '0'],
    ['01/03 a 15/03/2026', '2'],
    ['Total', '6'],
  ]);
  expect(screen.getByText('Atendimentos por mês, empilhados por meio de comunicação')).toBeInTheDocument();
});

test('a date that does not exist is told precisely beside its field, kept as typed, and nothing is asked', async () => {
  const { server, user } = openPanel();
  await generate(user, '31/02/2026', '03/03/2026');

  const from = screen.getByLabelText('De');
  expect(from).toHaveValue('31/02/2026');
  expect(from).toHaveAccessibleDescription('31/02/2026 não existe: fevereiro de 2026 tem 28 dias.');
  expect(from).toHaveAttribute('aria-invalid', 'true');
  expect(server.calls('GET /api/reports')).toHaveLength(0);

  await user.clear(from);
  await user.type(from, '28022026');
  await user.click(screen.getByRole('button', { name: 'Gerar relatório' }));
  expect(await screen.findByRole('table', { name: 'Atendimentos por órgão' })).toBeInTheDocument();
  expect(server.calls('GET /api/reports').map((request) => request.query)).toEqual([{ from: '2026-02-28', to: '2026-03-03' }]);
});
