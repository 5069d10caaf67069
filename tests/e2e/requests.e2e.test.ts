import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CategoryTree, type CustomerList, type Request, attendanceSchema, formatProtocol, requestSchema } from '@receptivo/shared';
import { address, pdfText, validForm } from '../../server/src/testing/request-fixtures';
import { withPage } from '../support/browser';
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

  async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${desk.server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** What an attendant did on an earlier call: Maria Silva's pothole, registered and the attendance finished. */
  async function registeredPothole(): Promise<{ customerId: string; request: Request; slaHours: number }> {
    const login = await fetch(`${desk.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(desk.credentials.attendant),
    }).then((response) => response.json() as Promise<{ token: string }>);
    const token = login.token;
    const maria = (await api<CustomerList>(token, 'GET', '/api/customers?phone=11987654321')).items[0];
    const type = (await api<CategoryTree>(token, 'GET', '/api/categories')).items
      .flatMap((category) => category.requestTypes)
      .find((candidate) => candidate.name === 'Buraco na via')!;
    const attendance = attendanceSchema.parse(await api(token, 'POST', '/api/attendances', { channel: 'phone' }));
    await api(token, 'PUT', `/api/attendances/${attendance.id}/customer`, { customerId: maria.id });
    const request = requestSchema.parse(
      await api(token, 'POST', `/api/attendances/${attendance.id}/requests`, {
        requestTypeId: type.id,
        form: validForm(type.formSchema),
        address: address('Rua Augusta', '900'),
      }),
    );
    await api(token, 'POST', `/api/attendances/${attendance.id}/finish`, { sendScript: false });
    return { customerId: maria.id, request, slaHours: type.slaHours };
  }

  it('from the history: reiterate with an attachment, complain once the deadline passed, cancel, and print the PDF', async () => {
    const { customerId, request, slaHours } = await registeredPothole();
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
});
