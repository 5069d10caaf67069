import { screen, waitFor, within } from '@testing-library/react';
import { iptu, iptuId, noNotices, notice, result, scripts, topic } from '../knowledge/test-fixtures';
import { openDesk } from '../testing/desk';
import { apiError, type FakeRoutes } from '../testing/fake-server';
import { formatDateTime } from '../ui/format';

beforeEach(() => localStorage.clear());

/** The Receptivo of a signed-in attendant, with every piece answering unless a test says otherwise. */
const openReceptivo = (routes: FakeRoutes = {}) => openDesk({ [`GET /api/informations/${iptuId}`]: { status: 200, body: iptu }, ...routes });

const strip = () => screen.getByRole('region', { name: 'Quadros de avisos' });
const boardButton = (label: string) => within(strip()).getByRole('button', { name: new RegExp(`^${label}`) });
const board = (name: string) => screen.getByRole('region', { name });

describe('notice boards', () => {
  test('a strip of counts and titles; a board opens with its notices and validity, one at a time, and closes with Esc', async () => {
    const until = '2025-12-31T21:00:00.000Z';
    const { user } = openReceptivo({
      'GET /api/notices/current': {
        status: 200,
        body: {
          notice: [notice({ id: 'n1', kind: 'notice', title: 'Sistema de IPTU lento', body: '<p>Avise o cidadão.</p>' })],
          incident: [
            notice({ id: 'n2', kind: 'incident', title: 'Falta de água no Centro', validUntil: until }),
            notice({ id: 'n3', kind: 'incident', title: 'Semáforos apagados na Av. Brasil' }),
          ],
          event: [],
        },
      },
    });

    await waitFor(() => expect(boardButton('Avisos')).toBeEnabled());
    // Counts and titles at a glance, nothing of the bodies until a board is opened.
    expect(boardButton('Avisos')).toHaveAccessibleName('Avisos 1 Sistema de IPTU lento');
    expect(boardButton('Ocorrências')).toHaveAccessibleName('Ocorrências 2 Falta de água no Centro · Semáforos apagados na Av. Brasil');
    expect(boardButton('Eventos')).toHaveAccessibleName('Eventos 0 Nenhum evento no momento.');
    expect(screen.queryByText('Avise o cidadão.')).not.toBeInTheDocument();
    expect(boardButton('Ocorrências')).toHaveAttribute('aria-expanded', 'false');

    await user.click(boardButton('Ocorrências'));
    expect(boardButton('Ocorrências')).toHaveAttribute('aria-expanded', 'true');
    const incidents = board('Ocorrências');
    expect(boardButton('Ocorrências')).toHaveAttribute('aria-controls', incidents.id);
    expect(within(incidents).getByRole('heading', { name: 'Falta de água no Centro' })).toBeInTheDocument();
    expect(within(incidents).getByText(`até ${formatDateTime(until)}`)).toBeInTheDocument();

    await user.click(boardButton('Avisos'));
    expect(screen.queryByRole('region', { name: 'Ocorrências' })).not.toBeInTheDocument();
    expect(within(board('Avisos')).getByText('Avise o cidadão.')).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Avisos' })).not.toBeInTheDocument();
    expect(boardButton('Avisos')).toHaveAttribute('aria-expanded', 'false');

    await user.click(boardButton('Eventos'));
    expect(within(board('Eventos')).getByText('Nenhum evento no momento.')).toBeInTheDocument();
    await user.click(within(board('Eventos')).getByRole('button', { name: 'Fechar' }));
    expect(screen.queryByRole('region', { name: 'Eventos' })).not.toBeInTheDocument();

    expect(screen.getByRole('heading', { level: 1, name: 'Receptivo' })).toBeInTheDocument();
    expect(screen.getByText(/Olá, Ana Atendente\./)).toBeInTheDocument();
  });

  test('empty boards say so each in its own words', async () => {
    const { server } = openReceptivo();

    await waitFor(() => expect(boardButton('Avisos')).toHaveAccessibleName('Avisos 0 Nenhum aviso no momento.'));
    expect(boardButton('Ocorrências')).toHaveAccessibleName('Ocorrências 0 Nenhuma ocorrência no momento.');
    expect(boardButton('Eventos')).toHaveAccessibleName('Eventos 0 Nenhum evento no momento.');
    // One request per piece on entry: the script is already loaded when the call needs it.
    await screen.findByRole('button', { name: 'Tributos' });
    expect(server.calls('GET /api/notices/current')).toHaveLength(1);
    expect(server.calls('GET /api/scripts')).toHaveLength(1);
    expect(server.calls('GET /api/categories')).toHaveLength(1);
  });

  test('boards that fail to load leave the rest of the page working, and can be asked again', async () => {
    let fail = true;
    const { user } = openReceptivo({
      'GET /api/notices/current': () =>
        fail ? apiError(503, 'INTERNAL_ERROR', 'Serviço indisponível.') : { status: 200, body: noNotices },
    });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Não foi possível carregar os quadros de avisos. Serviço indisponível.',
    );
    expect(await screen.findByRole('button', { name: 'Tributos' })).toBeInTheDocument();

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Tentar novamente' }));
    await waitFor(() => expect(boardButton('Avisos')).toHaveAccessibleName('Avisos 0 Nenhum aviso no momento.'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('Script de Atendimento', () => {
  test('opens with the topics, shows the content of the one clicked, and closes', async () => {
    const { user } = openReceptivo({
      'GET /api/scripts': {
        status: 200,
        body: scripts(
          topic('t1', 'Saudação', '<p>Central 156, bom dia! Com quem eu falo?</p>'),
          topic('t2', 'Encerramento', '<p>A Prefeitura agradece o seu contato.</p>', 1),
        ),
      },
    });

    await user.click(screen.getByRole('button', { name: 'Script de Atendimento' }));
    const dialog = screen.getByRole('dialog', { name: 'Script de Atendimento' });
    expect(await within(dialog).findByText('Central 156, bom dia! Com quem eu falo?')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('tab', { name: 'Encerramento' }));
    expect(within(dialog).getByText('A Prefeitura agradece o seu contato.')).toBeInTheDocument();
    expect(within(dialog).queryByText('Central 156, bom dia! Com quem eu falo?')).not.toBeInTheDocument();
    expect(within(dialog).getByRole('tab', { name: 'Encerramento' })).toHaveAttribute('aria-selected', 'true');

    await user.click(within(dialog).getByRole('button', { name: 'Fechar' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Script de Atendimento' })).toHaveFocus();
  });

  test('the arrow keys go through the topics, each showing its text; the topics are one tab stop', async () => {
    const { user } = openReceptivo({
      'GET /api/scripts': {
        status: 200,
        body: scripts(
          topic('t1', 'Saudação', '<p>Central 156, bom dia!</p>'),
          topic('t2', 'Identificação', '<p>Qual o seu CPF?</p>', 1),
          topic('t3', 'Encerramento', '<p>A Prefeitura agradece o seu contato.</p>', 2),
        ),
      },
    });

    await user.click(screen.getByRole('button', { name: 'Script de Atendimento' }));
    const dialog = screen.getByRole('dialog', { name: 'Script de Atendimento' });
    const topics = await within(dialog).findByRole('tablist', { name: 'Tópicos' });
    expect(topics).toHaveAttribute('aria-orientation', 'vertical');
    const greeting = within(topics).getByRole('tab', { name: 'Saudação' });
    expect(greeting).toHaveFocus();

    await user.keyboard('{ArrowDown}');
    const identification = within(topics).getByRole('tab', { name: 'Identificação' });
    expect(identification).toHaveFocus();
    expect(identification).toHaveAttribute('aria-selected', 'true');
    expect(within(dialog).getByRole('tabpanel', { name: 'Identificação' })).toHaveTextContent('Qual o seu CPF?');

    await user.keyboard('{End}');
    expect(within(topics).getByRole('tab', { name: 'Encerramento' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(greeting).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(within(dialog).getByRole('tabpanel', { name: 'Encerramento' })).toHaveTextContent('A Prefeitura agradece');

    // Tab leaves the topics for the next control instead of walking through each of them.
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Fechar' })).toHaveFocus();
  });

  test('a script that failed to load says so in the dialog', async () => {
    const { user } = openReceptivo({ 'GET /api/scripts': apiError(500, 'INTERNAL_ERROR', 'Falha interna.') });

    await user.click(screen.getByRole('button', { name: 'Script de Atendimento' }));

    const dialog = screen.getByRole('dialog', { name: 'Script de Atendimento' });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Não foi possível carregar o script de atendimento. Falha interna.',
    );
  });
});

describe('sessões', () => {
  test('a sessão opens to its informations; an information shows its text, Solução Proposta and keywords', async () => {
    const { server, user } = openReceptivo();

    const tributos = await screen.findByRole('button', { name: 'Tributos' });
    expect(tributos).toHaveAttribute('aria-expanded', 'false');
    await user.click(tributos);
    expect(tributos).toHaveAttribute('aria-expanded', 'true');

    const informations = screen.getByRole('list', { name: 'Informações' });
    const item = within(informations).getByRole('button', { name: iptu.title });
    expect(within(item).getByTitle('Informação')).toHaveClass('icon-information');
    await user.click(item);

    const detail = await screen.findByRole('article', { name: iptu.title });
    expect(within(detail).getByText(/é emitida no portal/)).toBeInTheDocument();
    const solution = within(detail).getByRole('region', { name: 'Solução Proposta' });
    expect(solution).toHaveTextContent('Oriente o cidadão a acessar o portal.');
    expect(within(solution).getByRole('link', { name: 'o portal' })).toHaveAttribute('target', '_blank');
    expect(within(solution).getByRole('link', { name: 'o portal' })).toHaveAttribute('rel', 'noopener noreferrer');
    const keywords = within(detail).getByRole('list', { name: 'Palavras-chave' });
    expect(within(keywords).getAllByRole('listitem').map((tag) => tag.textContent)).toEqual(['iptu', 'carnê']);
    expect(server.calls(`GET /api/informations/${iptuId}`)).toHaveLength(1);

    await user.click(within(detail).getByRole('button', { name: 'Voltar' }));
    expect(screen.getByRole('button', { name: iptu.title })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Tributos' })).toHaveAttribute('aria-expanded', 'true');
  });

  test('a request type shows organ, deadline and Orientação ao Operador, and says registering needs an attendance', async () => {
    const { user } = openReceptivo();

    await user.click(await screen.findByRole('button', { name: 'Vias públicas' }));
    const requests = screen.getByRole('list', { name: 'Solicitações' });
    const item = within(requests).getByRole('button', { name: 'Tapa-buraco' });
    expect(within(item).getByTitle('Solicitação')).toHaveClass('icon-request');
    await user.click(item);

    const detail = screen.getByRole('article', { name: 'Tapa-buraco' });
    expect(within(detail).getByText('Órgão: Secretaria de Obras')).toBeInTheDocument();
    expect(within(detail).getByText('Prazo: 48 horas')).toBeInTheDocument();
    expect(within(detail).getByText('Reinício: até 72 horas após a finalização')).toBeInTheDocument();
    expect(within(detail).getByRole('region', { name: 'Orientação ao Operador' })).toHaveTextContent(
      'Pergunte o tamanho do buraco.',
    );
    expect(within(detail).getByText(/O registro de solicitações é feito dentro de um atendimento/)).toBeInTheDocument();
    expect(within(detail).getByText('Ponto de referência')).toBeInTheDocument();
    expect(within(detail).queryByRole('button', { name: /Registrar/ })).not.toBeInTheDocument();
  });

  test('sessões that fail to load show the reason', async () => {
    openReceptivo({ 'GET /api/categories': apiError(403, 'FORBIDDEN', 'Acesso negado.') });

    expect(await screen.findByRole('alert')).toHaveTextContent('Não foi possível carregar as sessões. Acesso negado.');
    expect(screen.queryByRole('button', { name: 'Tentar novamente' })).not.toBeInTheDocument();
  });
});

describe('search', () => {
  test('Busca geral shows results with highlighted words, and opens an information', async () => {
    const { server, user } = openReceptivo({
      'GET /api/search': {
        status: 200,
        body: {
          items: [
            result({ id: iptuId, title: iptu.title, snippet: 'A segunda via do <mark>IPTU</mark> é emitida no portal.' }),
            result({
              id: '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c99',
              kind: 'request',
              title: 'Protocolo 2025.000123-4',
              context: 'Secretaria de Obras',
              snippet: 'Buraco na rua do <mark>IPTU</mark>',
            }),
          ],
        },
      },
    });

    await user.type(screen.getByLabelText('Busca'), 'iptu');
    await user.click(screen.getByRole('button', { name: 'Lupa' }));

    const results = await screen.findByRole('list', { name: 'Resultados da busca' });
    expect(server.calls('GET /api/search')[0].query).toEqual({ q: 'iptu' });
    const [first, second] = within(results).getAllByRole('listitem');
    expect(within(first).getByText('Informação')).toBeInTheDocument();
    expect(within(first).getByText('Tributos')).toBeInTheDocument();
    const marks = first.querySelectorAll('mark');
    expect(Array.from(marks, (mark) => mark.textContent)).toEqual(['IPTU']);
    expect(within(second).getByText('Solicitação')).toBeInTheDocument();
    expect(within(second).getByText('Secretaria de Obras')).toBeInTheDocument();
    expect(screen.getByText('2 resultados para “iptu”')).toBeInTheDocument();

    await user.click(within(first).getByRole('button', { name: iptu.title }));
    const detail = await screen.findByRole('article', { name: iptu.title });
    expect(within(detail).getByRole('heading', { name: 'Solução Proposta' })).toBeInTheDocument();

    await user.click(within(detail).getByRole('button', { name: 'Voltar' }));
    expect(screen.getByRole('list', { name: 'Resultados da busca' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: iptu.title })).toHaveFocus();
  });

  test('markup in a snippet other than <mark> stays text', async () => {
    const { user } = openReceptivo({
      'GET /api/search': {
        status: 200,
        body: { items: [result({ id: iptuId, title: 'Teste', snippet: '<img src=x onerror=alert(1)> e <mark>água</mark>' })] },
      },
    });

    await user.type(screen.getByLabelText('Busca'), 'água{Enter}');

    const results = await screen.findByRole('list', { name: 'Resultados da busca' });
    expect(results.querySelector('img')).toBeNull();
    expect(within(results).getByText('<img src=x onerror=alert(1)> e', { exact: false })).toBeInTheDocument();
    expect(results.querySelector('mark')).toHaveTextContent('água');
  });

  test('Palavra-chave searches by keyword', async () => {
    const { server, user } = openReceptivo({ 'GET /api/search': { status: 200, body: { items: [] } } });

    await user.click(screen.getByRole('radio', { name: 'Palavra-chave' }));
    expect(within(screen.getByRole('radiogroup', { name: 'Tipo de busca' })).getByRole('radio', { name: 'Palavra-chave' })).toBeChecked();
    await user.type(screen.getByLabelText('Busca'), '  carnê  ');
    await user.click(screen.getByRole('button', { name: 'Lupa' }));

    expect(await screen.findByText('Nenhum resultado para “carnê”.')).toBeInTheDocument();
    expect(server.calls('GET /api/search')[0].query).toEqual({ keyword: 'carnê' });

    await user.click(screen.getByRole('button', { name: 'Voltar às sessões' }));
    expect(screen.getByRole('button', { name: 'Tributos' })).toBeInTheDocument();
  });

  test('an empty search asks for the text without calling the server', async () => {
    const { server, user } = openReceptivo();

    await user.click(screen.getByRole('button', { name: 'Lupa' }));

    expect(screen.getByLabelText('Busca')).toHaveAccessibleDescription(/Informe o texto da busca\./);
    expect(screen.getByLabelText('Busca')).toHaveFocus();
    expect(server.calls('GET /api/search')).toHaveLength(0);
  });

  test('a failed search shows the reason and can be run again', async () => {
    let fail = true;
    const { server, user } = openReceptivo({
      'GET /api/search': () =>
        fail ? apiError(500, 'INTERNAL_ERROR', 'Falha interna na busca.') : { status: 200, body: { items: [] } },
    });

    await user.type(screen.getByLabelText('Busca'), 'iptu{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Falha interna na busca.');

    fail = false;
    await user.click(screen.getByRole('button', { name: 'Tentar novamente' }));
    expect(await screen.findByText('Nenhum resultado para “iptu”.')).toBeInTheDocument();
    await waitFor(() => expect(server.calls('GET /api/search')).toHaveLength(2));
  });
});
