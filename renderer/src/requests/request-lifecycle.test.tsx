import { screen, waitFor, within } from '@testing-library/react';
import type { Request, RequestEvent, Role } from '@receptivo/shared';
import { request, requestId } from '../attendances/test-fixtures';
import { apiError, fakeServer, loginResponse, sessionUser, storeSession } from '../testing/fake-server';
import { renderApp } from '../testing/render-app';
import { formatDateTime } from '../ui/format';

beforeEach(() => localStorage.clear());
afterEach(() => jest.restoreAllMocks());

type Routes = Parameters<typeof fakeServer>[0];

const path = (suffix = '') => `/api/requests/${requestId}${suffix}`;
const ana = { id: '6f1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f01', name: 'Ana Atendente' };

function event(overrides: Partial<RequestEvent> & Pick<RequestEvent, 'id' | 'kind'>): RequestEvent {
  return { description: '', actor: ana, viaPortal: false, at: '2026-03-11T10:00:00.000Z', attachments: [], ...overrides };
}

const registered = request().timeline[0];

/** /solicitacoes/:id of a signed-in user; answers the Status Solicitação region. */
async function openRequest(shown: Request, routes: Routes = {}, role: Role = 'attendant') {
  storeSession(loginResponse(role));
  const server = fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser(role) },
    [`GET ${path()}`]: { status: 200, body: shown },
    ...routes,
  });
  const user = renderApp(`/solicitacoes/${shown.id}`);
  const status = await screen.findByRole('region', { name: 'Status Solicitação' });
  return { server, user, status };
}

/** The value of one fact of the details list, e.g. Situação. */
const fact = (region: HTMLElement, term: string) => within(region).getByText(term, { selector: 'dt' }).nextElementSibling;
const buttonNames = (region: HTMLElement) => within(region).getAllByRole('button').map((button) => button.textContent);

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

describe('actions offered', () => {
  test('only the actions the server allows are offered, beside the fixed ones', async () => {
    // The deadline has passed on this machine's clock, but the server did not allow a complaint.
    const { status } = await openRequest(request({ deadline: '2020-01-01T00:00:00.000Z', allowedActions: ['reiterate', 'cancel'] }));

    expect(buttonNames(status)).toEqual([
      'Reiterar chamado',
      'Cancelar solicitação',
      'Mostrar Formulário',
      'Imprimir',
      'Reenviar Email',
      'Fechar',
    ]);
    expect(within(status).getByRole('link', { name: 'Baixar PDF' })).toHaveAttribute('href', path('/pdf'));
  });

  test('a finished request within its restart window offers Reiniciar chamado only', async () => {
    const finished = await openRequest(request({ status: 'finished', allowedActions: ['restart'] }));
    expect(within(finished.status).getByRole('button', { name: 'Reiniciar chamado' })).toBeInTheDocument();
    expect(within(finished.status).queryByRole('button', { name: 'Reiterar chamado' })).not.toBeInTheDocument();
    expect(within(finished.status).queryByRole('button', { name: 'Cancelar solicitação' })).not.toBeInTheDocument();
    expect(within(finished.status).queryByRole('button', { name: 'Reclamação' })).not.toBeInTheDocument();
  });

  test('Reclamação appears when the server allows it', async () => {
    const { status } = await openRequest(request({ allowedActions: ['reiterate', 'complaint', 'cancel'] }));
    expect(buttonNames(status).slice(0, 3)).toEqual(['Reiterar chamado', 'Reclamação', 'Cancelar solicitação']);
  });
});

describe('Reiterar chamado', () => {
  test('sends the description and the files as multipart, then shows the new history entry', async () => {
    const reiterated = request({
      timeline: [
        registered,
        event({
          id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c32',
          kind: 'reiterated',
          description: 'O buraco aumentou.',
          attachments: [
            { id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c41', fileName: 'foto.png', contentType: 'image/png', size: 2048 },
            { id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c42', fileName: 'laudo.pdf', contentType: 'application/pdf', size: 1_572_864 },
          ],
        }),
      ],
    });
    const { server, user, status } = await openRequest(request(), { [`POST ${path('/reiterate')}`]: { status: 200, body: reiterated } });

    await user.click(within(status).getByRole('button', { name: 'Reiterar chamado' }));
    const dialog = screen.getByRole('dialog', { name: 'Reiterar chamado' });
    expect(within(dialog).getByLabelText('Anexo')).toHaveAccessibleDescription(
      'Opcional. Até 5 arquivos de até 10 MB cada: PDF, PNG, JPG, GIF, WEBP ou TXT.',
    );
    await user.type(within(dialog).getByLabelText('Descrição'), 'O buraco aumentou.');
    const photo = new File(['png-bytes'], 'foto.png', { type: 'image/png' });
    const report = new File(['%PDF-1.4'], 'laudo.pdf', { type: 'application/pdf' });
    await user.upload(within(dialog).getByLabelText('Anexo'), [photo, report]);
    expect(within(dialog).getByRole('list', { name: 'Arquivos escolhidos' })).toHaveTextContent('foto.png (1 KB)laudo.pdf (1 KB)');
    await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));

    expect(await within(status).findByText('Reiteração registrada.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const [sent] = server.calls(`POST ${path('/reiterate')}`);
    expect(sent.body).toBeInstanceOf(FormData);
    const form = sent.body as FormData;
    expect(form.get('description')).toBe('O buraco aumentou.');
    expect((form.getAll('files') as File[]).map((file) => file.name)).toEqual(['foto.png', 'laudo.pdf']);
    // The browser writes the multipart Content-Type with its boundary; a JSON one would break the upload.
    expect(sent.headers['Content-Type']).toBeUndefined();

    const entries = Array.from(within(status).getByRole('list', { name: 'Histórico' }).children) as HTMLElement[];
    expect(entries).toHaveLength(2);
    expect(entries[1]).toHaveTextContent(`Reiteração${formatDateTime('2026-03-11T10:00:00.000Z')}Ana AtendenteO buraco aumentou.`);
    expect(within(entries[1]).getByRole('link', { name: 'foto.png' })).toBeInTheDocument();
    expect(within(entries[1]).getByRole('link', { name: 'laudo.pdf' })).toBeInTheDocument();
    expect(entries[1]).toHaveTextContent('laudo.pdf (1,5 MB)');
  });

  test('too many or too large files are refused before anything is sent', async () => {
    const { server, user, status } = await openRequest(request());

    await user.click(within(status).getByRole('button', { name: 'Reiterar chamado' }));
    const dialog = screen.getByRole('dialog', { name: 'Reiterar chamado' });
    await user.type(within(dialog).getByLabelText('Descrição'), 'Ainda sem conserto.');
    const six = Array.from({ length: 6 }, (_, index) => new File(['x'], `foto-${index + 1}.png`, { type: 'image/png' }));
    await user.upload(within(dialog).getByLabelText('Anexo'), six);
    await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));

    expect(within(dialog).getByLabelText('Anexo')).toHaveAccessibleDescription(
      expect.stringContaining('Anexe no máximo 5 arquivos; foram escolhidos 6.'),
    );

    const big = new File(['x'], 'video.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 12 * 1024 * 1024 });
    await user.upload(within(dialog).getByLabelText('Anexo'), [big]);
    await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));

    expect(within(dialog).getByText('O arquivo video.pdf tem 12 MB; o limite é 10 MB por arquivo.')).toBeInTheDocument();
    expect(server.calls(`POST ${path('/reiterate')}`)).toHaveLength(0);
  });

  test('a description is required, and a refusal by the server is shown as it names the rule', async () => {
    const rule = 'Só é possível reiterar uma solicitação aberta ou em andamento; esta está finalizada.';
    const { server, user, status } = await openRequest(request(), {
      [`POST ${path('/reiterate')}`]: apiError(422, 'BUSINESS_RULE', rule),
    });

    await user.click(within(status).getByRole('button', { name: 'Reiterar chamado' }));
    const dialog = screen.getByRole('dialog', { name: 'Reiterar chamado' });
    await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    expect(within(dialog).getByLabelText('Descrição')).toHaveAccessibleDescription('Descreva a reiteração.');
    expect(server.calls(`POST ${path('/reiterate')}`)).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Descrição'), 'Ainda sem conserto.');
    await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(rule);
    expect(server.calls(`POST ${path('/reiterate')}`)).toHaveLength(1);
  });
});

describe('Reclamação and Reiniciar chamado', () => {
  test('Reclamação asks for its description, then sends it', async () => {
    const { server, user, status } = await openRequest(request({ allowedActions: ['complaint'] }), {
      [`POST ${path('/complaint')}`]: { status: 200, body: request({ allowedActions: ['complaint'] }) },
    });

    await user.click(within(status).getByRole('button', { name: 'Reclamação' }));
    const dialog = screen.getByRole('dialog', { name: 'Reclamação' });
    await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    expect(within(dialog).getByLabelText('Descrição da reclamação')).toHaveAccessibleDescription('Descreva a reclamação.');
    expect(server.calls(`POST ${path('/complaint')}`)).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Descrição da reclamação'), 'Prazo vencido há dias.');
    await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));

    expect(await within(status).findByText('Reclamação registrada.')).toBeInTheDocument();
    expect(server.calls(`POST ${path('/complaint')}`)[0].body).toEqual({ description: 'Prazo vencido há dias.' });
  });

  test('Reiniciar chamado asks for the reason, then shows the request open again with its new deadline', async () => {
    const finished = request({ status: 'finished', finishedAt: '2026-03-11T09:00:00.000Z', allowedActions: ['restart'] });
    const reopened = request({ status: 'open', deadline: '2026-03-14T12:00:00.000Z', allowedActions: ['reiterate', 'cancel'] });
    const { server, user, status } = await openRequest(finished, { [`POST ${path('/restart')}`]: { status: 200, body: reopened } });
    expect(within(status).getByText('Finalizada em')).toBeInTheDocument();

    await user.click(within(status).getByRole('button', { name: 'Reiniciar chamado' }));
    const dialog = screen.getByRole('dialog', { name: 'Reiniciar chamado' });
    await user.type(within(dialog).getByLabelText('Motivo do reinício'), '   ');
    await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));
    expect(within(dialog).getByLabelText('Motivo do reinício')).toHaveAccessibleDescription('Informe o motivo do reinício.');

    await user.type(within(dialog).getByLabelText('Motivo do reinício'), 'O buraco voltou.');
    await user.click(within(dialog).getByRole('button', { name: 'Salvar' }));

    expect(
      await within(status).findByText(`Solicitação reiniciada. Novo prazo: ${formatDateTime('2026-03-14T12:00:00.000Z')}.`),
    ).toBeInTheDocument();
    expect(server.calls(`POST ${path('/restart')}`)[0].body).toEqual({ reason: 'O buraco voltou.' });
    expect(fact(status, 'Situação')).toHaveTextContent('Aberta');
    expect(within(status).getByRole('button', { name: 'Reiterar chamado' })).toBeInTheDocument();
    expect(within(status).queryByRole('button', { name: 'Reiniciar chamado' })).not.toBeInTheDocument();
  });
});

test('Cancelar solicitação asks first, then says so and shows the request cancelled', async () => {
  const cancelled = request({ status: 'cancelled', allowedActions: [] });
  const { server, user, status } = await openRequest(request(), { [`POST ${path('/cancel')}`]: { status: 200, body: cancelled } });

  // A danger, not the main action: the actions that keep the request going stay the primary ones.
  const cancel = within(status).getByRole('button', { name: 'Cancelar solicitação' });
  expect(cancel).toHaveClass('button--danger-secondary');
  expect(cancel).not.toHaveClass('button--primary');
  expect(within(status).getByRole('button', { name: 'Reiterar chamado' })).toHaveClass('button--primary');

  await user.click(cancel);
  const dialog = screen.getByRole('dialog', { name: 'Cancelar solicitação' });
  expect(dialog).toHaveTextContent('A solicitação 2026.005678-1 será cancelada.');
  expect(within(dialog).getByRole('button', { name: 'Confirmar cancelamento' })).toHaveClass('button--danger');
  await user.click(within(dialog).getByRole('button', { name: 'Voltar' }));
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(server.calls(`POST ${path('/cancel')}`)).toHaveLength(0);
  expect(fact(status, 'Situação')).toHaveTextContent('Aberta');

  await user.click(within(status).getByRole('button', { name: 'Cancelar solicitação' }));
  await user.click(within(screen.getByRole('dialog', { name: 'Cancelar solicitação' })).getByRole('button', { name: 'Confirmar cancelamento' }));

  expect(await within(status).findByRole('status')).toHaveTextContent('Cancelamento realizado com sucesso');
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  expect(server.calls(`POST ${path('/cancel')}`)[0].body).toEqual({});
  expect(fact(status, 'Situação')).toHaveTextContent('Cancelada');
  expect(within(status).queryByRole('button', { name: 'Cancelar solicitação' })).not.toBeInTheDocument();
  expect(within(status).queryByRole('button', { name: 'Reiterar chamado' })).not.toBeInTheDocument();
});

describe('history, response and files', () => {
  test('the history lists every step with who and when, the response shows when there is one', async () => {
    const answered = request({
      status: 'finished',
      response: 'Buraco tapado em 12/03.',
      allowedActions: [],
      timeline: [
        registered,
        event({ id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c34', kind: 'reiterated', description: 'Continua apagada.', actor: null, viaPortal: true }),
        event({ id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c33', kind: 'status_changed', description: 'Aberta → Finalizada', actor: null }),
      ],
    });
    const { status } = await openRequest(answered);

    expect(within(status).getByRole('region', { name: 'Resposta' })).toHaveTextContent('Buraco tapado em 12/03.');
    const history = within(status).getByRole('list', { name: 'Histórico' });
    const entries = Array.from(history.children);
    expect(entries.map((entry) => entry.textContent)).toEqual([
      `Registrada${formatDateTime(registered.at)}Ana AtendenteSolicitação registrada no atendimento.`,
      `Reiteração${formatDateTime('2026-03-11T10:00:00.000Z')}Cidadão, pelo AutoatendimentoContinua apagada.`,
      `Mudança de situação${formatDateTime('2026-03-11T10:00:00.000Z')}SistemaAberta → Finalizada`,
    ]);
    expect(within(status).queryByRole('button', { name: /Reiterar|Reclamação|Reiniciar|Cancelar/ })).not.toBeInTheDocument();
  });

  test('an attachment and the PDF are fetched with the session and saved under their names', async () => {
    const saved = captureDownloads();
    const attachmentId = '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c41';
    const withFile = request({
      timeline: [
        registered,
        event({
          id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c32',
          kind: 'reiterated',
          description: 'Foto nova.',
          attachments: [{ id: attachmentId, fileName: 'foto.png', contentType: 'image/png', size: 2048 }],
        }),
      ],
    });
    const png = new Blob(['png-bytes'], { type: 'image/png' });
    const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    const { server, user, status } = await openRequest(withFile, {
      [`GET ${path(`/attachments/${attachmentId}`)}`]: { status: 200, body: png },
      [`GET ${path('/pdf')}`]: { status: 200, body: pdf },
    });

    await user.click(within(status).getByRole('link', { name: 'foto.png' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    await user.click(within(status).getByRole('link', { name: 'Baixar PDF' }));
    await waitFor(() => expect(saved).toHaveLength(2));

    expect(saved).toEqual([
      { name: 'foto.png', blob: png },
      { name: 'solicitacao-2026.005678-1.pdf', blob: pdf },
    ]);
    expect(server.calls(`GET ${path('/pdf')}`)[0].headers.Authorization).toBe('Bearer token-attendant');
    expect(server.calls(`GET ${path(`/attachments/${attachmentId}`)}`)[0].headers.Authorization).toBe('Bearer token-attendant');
  });

  test('a download the server refuses says why beside the link', async () => {
    captureDownloads();
    const { user, status } = await openRequest(request(), {
      [`GET ${path('/pdf')}`]: apiError(404, 'NOT_FOUND', 'Solicitação não encontrada.'),
    });

    await user.click(within(status).getByRole('link', { name: 'Baixar PDF' }));

    expect(await within(status).findByRole('alert')).toHaveTextContent(
      'Não foi possível baixar solicitacao-2026.005678-1.pdf. Solicitação não encontrada.',
    );
  });
});

describe('Reenviar Email', () => {
  test('resends and says to whom; a refusal is shown as the server words it', async () => {
    let refuse = false;
    const { server, user, status } = await openRequest(request(), {
      [`POST ${path('/resend-email')}`]: () =>
        refuse ? apiError(422, 'BUSINESS_RULE', 'O cliente não tem e-mail cadastrado.') : { status: 200, body: request() },
    });

    await user.click(within(status).getByRole('button', { name: 'Reenviar Email' }));
    expect(await within(status).findByText('E-mail reenviado para maria@example.com.')).toBeInTheDocument();
    expect(server.calls(`POST ${path('/resend-email')}`)[0].body).toBeUndefined();

    refuse = true;
    await user.click(within(status).getByRole('button', { name: 'Reenviar Email' }));
    expect(await within(status).findByRole('alert')).toHaveTextContent('O cliente não tem e-mail cadastrado.');
  });
});

test('the print page adds the response and the history, and links the PDF', async () => {
  storeSession(loginResponse('attendant'));
  fakeServer({
    'GET /api/auth/me': { status: 200, body: sessionUser('attendant') },
    [`GET ${path()}`]: { status: 200, body: request({ status: 'finished', response: 'Buraco tapado.', allowedActions: [] }) },
  });
  renderApp(`/solicitacoes/${requestId}/imprimir`);

  const receipt = await screen.findByRole('article', { name: 'Solicitação 2026.005678-1' });
  expect(within(receipt).getByRole('region', { name: 'Resposta' })).toHaveTextContent('Buraco tapado.');
  expect(within(receipt).getByRole('list', { name: 'Histórico' })).toHaveTextContent('Solicitação registrada no atendimento.');
  expect(within(receipt).getByRole('link', { name: 'Baixar PDF' })).toHaveAttribute('href', path('/pdf'));
  expect(within(receipt).getByRole('link', { name: 'Voltar à solicitação' })).toHaveAttribute('href', `/solicitacoes/${requestId}`);
});
