import type { Page } from 'playwright-core';
import { type SmtpListener, startSmtpListener } from '../../server/src/testing/smtp-listener';
import { withPage } from '../support/browser';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

/** An attendant works two calls in Chromium: the second request at the same place joins the first. */
describe('the attendance in Chromium', () => {
  let smtp: SmtpListener;
  let desk: DeskFixture;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    desk = await startDesk({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await desk?.close();
    await smtp?.close();
  });

  const summary = (page: Page) => page.getByRole('region', { name: 'Resumo do atendimento' });

  async function startAndLinkMaria(page: Page): Promise<string> {
    await page.getByLabel('Meio de comunicação').selectOption({ label: 'Telefone' });
    await page.getByRole('button', { name: 'Iniciar atendimento' }).click();
    const protocol = (await summary(page).getByText(/^\d{4}\.\d{6}-\d$/).first().innerText()).trim();
    const search = page.getByRole('search', { name: 'Pesquisar clientes' });
    await search.getByLabel('Telefone', { exact: true }).fill('(11) 98765-4321');
    await search.getByRole('button', { name: 'Pesquisar' }).click();
    await page.getByRole('row', { name: /Maria Silva/ }).getByRole('button', { name: 'Vincular' }).click();
    await page.getByText('Cliente vinculado.').waitFor();
    await summary(page).getByText('Maria Silva').waitFor();
    return protocol;
  }

  async function registerPothole(page: Page) {
    await page.getByRole('button', { name: 'Zeladoria urbana' }).click();
    await page.getByRole('list', { name: 'Solicitações' }).getByRole('button', { name: 'Buraco na via', exact: true }).click();
    await page.getByRole('button', { name: 'Registrar solicitação' }).click();
    const form = page.getByRole('region', { name: 'Nova solicitação' });
    await form.getByRole('radio', { name: 'Médio (30 cm a 1 m)' }).check();
    await form.getByLabel('Posição na via').selectOption({ index: 1 });
    await form.getByLabel('Ponto de referência').fill('Em frente à padaria');
    const address = form.getByRole('group', { name: /Endereço da solicitação/ });
    await address.getByLabel('CEP').fill('01310-100');
    await address.getByLabel('Logradouro').fill('Avenida Paulista');
    await address.getByLabel('Número').fill('1578');
    await address.getByLabel('Bairro').fill('Bela Vista');
    await address.getByLabel('Cidade').fill('São Paulo');
    await address.getByLabel('UF').selectOption('SP');
    await form.getByRole('button', { name: 'Salvar' }).click();
    const status = page.getByRole('region', { name: 'Status Solicitação' });
    await status.getByText(/Protocolo \d{4}\.\d{6}-\d/).waitFor();
    return status;
  }

  it('starts, links the caller found by phone, registers two informations and a request, and finishes with the script e-mailed; a second call at the same address is grouped', async () => {
    let firstRequestProtocol = '';
    await withPage(desk.browser, 'attendance-first', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      const protocol = await startAndLinkMaria(page);

      await page.getByRole('button', { name: 'Iluminação pública' }).click();
      for (const index of [0, 1]) {
        const item = page.getByRole('list', { name: 'Informações' }).getByRole('button').nth(index);
        const title = (await item.innerText()).trim();
        await item.click();
        await page.getByRole('article', { name: title }).getByRole('button', { name: 'Registrar', exact: true }).click();
        await page.getByText('Registrada neste atendimento').waitFor();
        await page.getByRole('button', { name: 'Voltar' }).click();
      }
      expect(await summary(page).getByRole('list', { name: 'Informações registradas' }).getByRole('listitem').count()).toBe(2);

      const status = await registerPothole(page);
      firstRequestProtocol = /Protocolo (\S+)/.exec(await status.innerText())![1];
      await status.getByRole('button', { name: 'Mostrar Formulário' }).click();
      const form = status.getByRole('region', { name: 'Formulário' });
      await form.waitFor();
      expect(await form.innerText()).toContain('Em frente à padaria');
      await status.getByRole('button', { name: 'Fechar' }).click();

      await summary(page).getByRole('button', { name: 'Finalizar' }).click();
      const dialog = page.getByRole('dialog', { name: 'Finalizar atendimento' });
      await dialog.getByRole('checkbox', { name: 'Enviar script de atendimento' }).check();
      await dialog.getByRole('button', { name: 'Finalizar' }).click();
      await page.getByText(`Atendimento ${protocol} finalizado.`).waitFor();
      await page.getByText('Script enviado para maria.silva@example.com.').waitFor();

      const mail = await smtp.waitFor((message) => message.subject === `Atendimento ${protocol} — resumo e orientações`);
      expect(mail.text).toContain('Olá, Maria Silva.');
      expect(mail.text).toContain(firstRequestProtocol);
    });

    await withPage(desk.browser, 'attendance-second-grouped', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      await startAndLinkMaria(page);
      const status = await registerPothole(page);
      await status.getByText(`Agrupada com a solicitação ${firstRequestProtocol}`, { exact: true }).waitFor();
    });
  });
});
