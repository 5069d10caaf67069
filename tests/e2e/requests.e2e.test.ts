import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customerAccessListSchema, formatProtocol } from '@receptivo/shared';
import { pdfText } from '../../server/src/testing/request-fixtures';
import { CALL_CENTER_SCREEN, withPage } from '../support/browser';
import { earlierPotholeOfMaria } from '../support/earlier-request';
import { serverApi } from '../support/server-api';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

const HOUR = 3_600_000;

/** A request's life in Chromium: found from the customer's history, reiterated, complained about, cancelled, printed. */
describe('the request lifecycle in Chromium', () => {
  let desk: DeskFixture;
  let clockDir: string;
  let clockFile: string;

  beforeAll(async () => {
    clockDir = await mkdtemp(join(tmpdir(), 'receptivo-clock-'));
    clockFile = join(clockDir, 'offset-ms');
    desk = await startDesk({ TEST_CLOCK_FILE: clockFile });
  });
  afterAll(async () => {
    await desk?.close();
    await rm(clockDir, { recursive: true, force: true });
  });

  it('from the history: reiterate with an attachment, complain once the deadline passed, cancel, and print the PDF', async () => {
    const { customerId, request, slaHours } = await earlierPotholeOfMaria(desk.server.url, desk.credentials.attendant);
    await withPage(desk.browser, 'request-lifecycle', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      await page.goto(`${desk.server.url}/clientes/${customerId}`);
      await page.getByRole('tab', { name: 'Histórico' }).click();
      await page.getByRole('table', { name: 'Histórico de Solicitação' }).getByRole('link', { name: formatProtocol(request.protocol) }).click();

      const status = page.getByRole('region', { name: 'Status Solicitação' });
      await status.getByRole('button', { name: 'Reiterar chamado' }).waitFor();
      expect(await status.getByRole('button', { name: 'Reclamação' }).count()).toBe(0);

      await status.getByRole('button', { name: 'Reiterar chamado' }).click();
      const reiterate = page.getByRole('dialog', { name: 'Reiterar chamado' });
      await reiterate.getByLabel('Descrição').fill('O buraco aumentou e já derrubou um motociclista.');
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
      await reiterate.getByLabel('Anexo').setInputFiles({ name: 'foto-do-local.pdf', mimeType: 'application/pdf', buffer: pdf });
      await reiterate.getByRole('button', { name: 'Salvar' }).click();
      await status.getByText('Reiteração registrada.').waitFor();
      const history = status.getByRole('list', { name: 'Histórico' });
      await history.getByText('O buraco aumentou e já derrubou um motociclista.').waitFor();
      const attachment = history.getByRole('link', { name: 'foto-do-local.pdf' });
      await attachment.waitFor();

      // Past the type's deadline, the complaint is offered.
      await writeFile(clockFile, String((slaHours + 1) * HOUR));
      await page.reload();
      await status.getByRole('button', { name: 'Reclamação' }).click();
      const complaint = page.getByRole('dialog', { name: 'Reclamação' });
      await complaint.getByLabel('Descrição da reclamação').fill('Passou o prazo e ninguém apareceu.');
      await complaint.getByRole('button', { name: 'Salvar' }).click();
      await status.getByText('Reclamação registrada.').waitFor();
      await history.getByText('Passou o prazo e ninguém apareceu.').waitFor();

      await status.getByRole('button', { name: 'Cancelar solicitação' }).click();
      await page.getByRole('dialog', { name: 'Cancelar solicitação' }).getByRole('button', { name: 'Confirmar cancelamento' }).click();
      await page.getByText('Cancelamento realizado com sucesso').waitFor();
      await status.getByText('Cancelada', { exact: true }).first().waitFor();
      expect(await status.getByRole('button', { name: 'Reiterar chamado' }).count()).toBe(0);

      const download = page.waitForEvent('download');
      await status.getByRole('link', { name: 'Baixar PDF' }).click();
      const file = await (await download).path();
      const printed = await readFile(file);
      expect(printed.subarray(0, 5).toString()).toBe('%PDF-');
      expect(await pdfText(printed)).toContain(formatProtocol(request.protocol));
    });
  });

  it('on the desk, the linked caller’s open request is one click from its Status Solicitação, with the address shown', async () => {
    const { customerId, request } = await earlierPotholeOfMaria(desk.server.url, desk.credentials.attendant);
    const protocol = formatProtocol(request.protocol);
    await withPage(
      desk.browser,
      'request-from-desk-history',
      async (page) => {
        await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
        await page.goto(`${desk.server.url}/receptivo`);
        await page.getByRole('button', { name: 'Iniciar atendimento' }).click();
        const summary = page.getByRole('region', { name: 'Resumo do atendimento' });
        const attendanceProtocol = (await summary.getByText(/^\d{4}\.\d{6}-\d$/).first().innerText()).trim();
        const search = page.getByRole('search', { name: 'Pesquisar clientes' });
        await search.getByLabel('Telefone', { exact: true }).fill('(11) 98765-4321');
        await search.getByRole('button', { name: 'Pesquisar' }).click();
        await page.getByRole('row', { name: /Maria Silva/ }).getByRole('button', { name: 'Vincular' }).click();

        const openRequests = page.getByRole('region', { name: 'Histórico do cliente' }).getByRole('table', { name: 'Solicitações em aberto' });
        const row = openRequests.getByRole('row').filter({ hasText: protocol });
        expect(await row.innerText()).toContain('Buraco na via');
        await row.getByRole('button', { name: `Ver solicitação ${protocol}` }).click();

        const status = page.getByRole('region', { name: 'Status Solicitação' });
        await status.getByText(`Protocolo ${protocol}`).waitFor();
        // The address without asking for the form; the form itself stays folded.
        await status.getByText('Rua Augusta, 900 — Bela Vista — São Paulo/SP — CEP 01310-100').waitFor();
        expect(await status.getByRole('region', { name: 'Formulário' }).count()).toBe(0);
        // The attendance is still the one on the desk, on the same page.
        expect(new URL(page.url()).pathname).toBe('/receptivo');
        expect(await summary.getByText(attendanceProtocol).count()).toBe(1);
      },
      CALL_CENTER_SCREEN,
    );

    // The desk's read of the history went to the access audit, naming the desk as the screen.
    const api = serverApi(desk.server.url);
    const admin = await api.signIn(desk.credentials.admin);
    const accesses = customerAccessListSchema.parse((await api.get(`/api/customer-access?customerId=${customerId}`, admin)).body);
    expect(accesses.items.filter((access) => access.route === 'GET /api/customers/:id/history').map((access) => access.screen)).toContain(
      '/receptivo',
    );
  });
});
