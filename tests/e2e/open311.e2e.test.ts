import type { Page } from 'playwright-core';
import { axeViolations } from '../support/accessibility';
import { CALL_CENTER_SCREEN, withPage } from '../support/browser';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

/**
 * The admin registers an Open311 application in Chromium and hands its key over; an application
 * posts a report with it to the built server, as FixMyStreet would (form-urlencoded, XML back);
 * deactivated in the panel, the same key is refused.
 */
describe('Open311 applications, from the admin panel to a posted report', () => {
  let desk: DeskFixture;

  beforeAll(async () => {
    desk = await startDesk();
  });
  afterAll(() => desk?.close());

  /** The report an application posts: a dark lamp post at a structured address. */
  async function postReport(apiKey: string): Promise<{ status: number; text: string }> {
    const services = (await (await fetch(`${desk.server.url}/open311/v2/services.json`)).json()) as { service_code: string; service_name: string }[];
    const lamp = services.find((service) => service.service_name === 'Lâmpada apagada')!;
    const response = await fetch(`${desk.server.url}/open311/v2/requests.xml`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: apiKey,
        service_code: lamp.service_code,
        'attribute[periodo]': 'Apagada só à noite',
        'attribute[endereco_cep]': '01310-100',
        'attribute[endereco_logradouro]': 'Avenida Paulista',
        'attribute[endereco_numero]': '1578',
        'attribute[endereco_bairro]': 'Bela Vista',
        'attribute[endereco_cidade]': 'São Paulo',
        'attribute[endereco_uf]': 'SP',
        description: 'Poste em frente ao museu, apagado há uma semana.',
      }),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, text: await response.text() };
  }

  const row = (page: Page, name: string) => page.getByRole('table', { name: 'Aplicativos Open311 cadastrados' }).getByRole('row').filter({ hasText: name });

  it('registers an application whose key, shown once, posts a report until the application is deactivated', async () => {
    await withPage(
      desk.browser,
      'open311-applications',
      async (page) => {
        const { username, password } = desk.credentials.admin;
        await desk.signIn(page, username, password);
        await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administração' }).click();
        await page.getByRole('tab', { name: 'Aplicativos Open311' }).click();
        await page.getByText('Nenhum aplicativo cadastrado.').waitFor();

        await page.getByRole('button', { name: 'Novo aplicativo' }).click();
        const form = page.getByRole('dialog', { name: 'Novo aplicativo Open311' });
        await form.getByLabel('Nome do aplicativo').fill('FixMyStreet da Prefeitura');
        await form.getByRole('button', { name: 'Cadastrar' }).click();
        const shown = page.getByRole('dialog', { name: 'Aplicativo cadastrado' });
        const apiKey = (await shown.getByTestId('issued-api-key').textContent())!.trim();
        expect(apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(await axeViolations(page)).toEqual([]);
        await shown.getByRole('button', { name: 'Concluir' }).click();
        await row(page, 'FixMyStreet da Prefeitura').getByText('Nunca').waitFor();
        expect(await page.getByText(apiKey).count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);

        const posted = await postReport(apiKey);
        expect(posted.status).toBe(201);
        expect(posted.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><service_requests><request><service_request_id>\d{4}\.\d{6}-\d<\/service_request_id>/);

        // The panel says when the application last posted.
        await page.reload();
        await page.getByRole('tab', { name: 'Aplicativos Open311' }).click();
        await row(page, 'FixMyStreet da Prefeitura').getByText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).waitFor();

        await row(page, 'FixMyStreet da Prefeitura').getByRole('button', { name: 'Desativar' }).click();
        const confirm = page.getByRole('dialog', { name: 'Desativar FixMyStreet da Prefeitura?' });
        expect(await axeViolations(page)).toEqual([]);
        await confirm.getByRole('button', { name: 'Desativar' }).click();
        await row(page, 'FixMyStreet da Prefeitura').getByText('Inativo').waitFor();
        const refused = await postReport(apiKey);
        expect(refused.status).toBe(403);
        expect(refused.text).toContain('<errors><error><code>403</code>');
      },
      CALL_CENTER_SCREEN,
    );
  });
});
