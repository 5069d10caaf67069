import type { Locator, Page } from 'playwright-core';
import type { IssuedPassword } from '@receptivo/shared';
import { axeViolations } from '../support/accessibility';
import { CALL_CENTER_SCREEN, withPage } from '../support/browser';
import { type CtiDeskFixture, startCtiDesk, transcript } from '../support/cti-fixture';
import { signedInApi } from '../support/server-api';

/**
 * The Receptivo at the call center's usual 1366×768: the attendance (summary, customer search and
 * knowledge search) fills the first screen with the notice boards folded into a strip, and the view
 * lands there with the cursor in the right field after [Iniciar atendimento], a CTI answer and a reload.
 */
describe('the desk-first Receptivo in Chromium at 1366×768', () => {
  let desk: CtiDeskFixture;

  beforeAll(async () => {
    desk = await startCtiDesk();
  });
  afterAll(async () => {
    await desk?.close();
  });

  const summary = (page: Page) => page.getByRole('region', { name: 'Resumo do atendimento' });
  const customerSearch = (page: Page) => page.getByRole('search', { name: 'Pesquisar clientes' });
  const knowledgeSearch = (page: Page) =>
    page.getByRole('search', { name: 'Pesquisar na base de conhecimento' }).getByRole('searchbox', { name: 'Busca' });

  /** Wholly inside the first screen, without scrolling. */
  async function expectOnFirstScreen(page: Page, ...targets: Locator[]) {
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    for (const target of targets) {
      const box = await target.evaluate((element) => {
        const { top, bottom, left, right } = element.getBoundingClientRect();
        return { top, bottom, left, right };
      });
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(CALL_CENTER_SCREEN.height);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(CALL_CENTER_SCREEN.width);
    }
  }

  const hasFocus = (target: Locator) => target.evaluate((element) => element === document.activeElement);

  async function signIn(page: Page) {
    await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
    await page.getByRole('group', { name: 'Telefonia' }).getByText('Telefonia conectada').waitFor();
  }

  async function finish(page: Page) {
    await page.getByRole('button', { name: 'Finalizar' }).click();
    const dialog = page.getByRole('dialog', { name: 'Finalizar atendimento' });
    await dialog.getByRole('button', { name: 'Finalizar' }).click();
    await page.getByRole('button', { name: 'Iniciar atendimento' }).waitFor();
  }

  it('[Iniciar atendimento] and a reload land on the desk with the cursor in the customer search, then in the knowledge search once the caller is linked', async () => {
    await withPage(desk.browser, 'desk-first-manual', async (page) => {
      await signIn(page);
      const start = page.getByRole('form', { name: 'Novo atendimento' });
      await start.getByRole('button', { name: 'Iniciar atendimento' }).waitFor();
      await expectOnFirstScreen(page, start);

      // The strip: counts and titles, Ocorrências first to the eye; an open board lies over the desk.
      const strip = page.getByRole('region', { name: 'Quadros de avisos' });
      const incidents = strip.getByRole('button', { name: /^Ocorrências/ });
      await expect(incidents.isEnabled()).resolves.toBe(true);
      expect(await incidents.innerText()).toMatch(/Ocorrências\s+\d+/);
      const startBefore = await start.boundingBox();
      await incidents.click();
      await page.getByRole('region', { name: 'Ocorrências', exact: true }).getByRole('heading', { level: 3 }).first().waitFor();
      expect(await start.boundingBox()).toEqual(startBefore);
      await page.keyboard.press('Escape');
      await page.getByRole('region', { name: 'Ocorrências', exact: true }).waitFor({ state: 'detached' });

      await start.getByRole('button', { name: 'Iniciar atendimento' }).click();
      await summary(page).getByText(/^\d{4}\.\d{6}-\d$/).first().waitFor();
      const customerField = customerSearch(page).getByLabel('Busca', { exact: true });
      await expectOnFirstScreen(page, summary(page), customerField, knowledgeSearch(page));
      expect(await hasFocus(customerField)).toBe(true);

      await page.reload();
      await summary(page).getByText(/^\d{4}\.\d{6}-\d$/).first().waitFor();
      await page.waitForFunction(() => document.activeElement?.closest('[role="search"]')?.getAttribute('aria-label') === 'Pesquisar clientes');
      await expectOnFirstScreen(page, summary(page), customerField, knowledgeSearch(page));
      expect(await hasFocus(customerField)).toBe(true);

      await customerSearch(page).getByLabel('Telefone', { exact: true }).fill('(11) 98765-4321');
      await customerSearch(page).getByRole('button', { name: 'Pesquisar' }).click();
      await page.getByRole('row', { name: /Maria Silva/ }).getByRole('button', { name: 'Vincular' }).click();
      await page.getByText('Cliente vinculado.').waitFor();

      await page.reload();
      await summary(page).getByText('Maria Silva').waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
      await expectOnFirstScreen(page, summary(page), knowledgeSearch(page));
      expect(await hasFocus(knowledgeSearch(page))).toBe(true);
      await finish(page);
    }, CALL_CENTER_SCREEN);
  });

  it('a CTI answer lands on the desk with the caller looked up; a customer chosen on the pop with [Vincular ao atender] is linked on the answer; the pop never covers the header actions', async () => {
    await withPage(desk.browser, 'desk-first-cti', async (page) => {
      await signIn(page);
      await page.getByRole('button', { name: 'Iniciar atendimento' }).waitFor();

      // Recorded pace: AgentCalled at +1.5 s, answered two seconds later.
      let replayed = desk.ami.replay(transcript('inbound-answered'), 1);
      const pop = page.getByRole('alertdialog', { name: 'Chamada chegando' });
      await pop.getByRole('list', { name: 'Clientes encontrados' }).getByText('Maria Silva').waitFor();
      const popBox = (await pop.boundingBox())!;
      const header = page.getByRole('banner');
      for (const action of [
        page.getByRole('button', { name: 'Script de Atendimento' }),
        header.getByRole('button', { name: 'Pausar' }),
        header.getByRole('button', { name: 'Sair' }),
      ]) {
        const box = (await action.boundingBox())!;
        const overlaps = box.x < popBox.x + popBox.width && popBox.x < box.x + box.width && box.y < popBox.y + popBox.height && popBox.y < box.y + box.height;
        expect(overlaps).toBe(false);
      }

      await pop.waitFor({ state: 'detached' });
      await page.getByRole('region', { name: 'Chamada' }).waitFor();
      const vincular = page.getByRole('row', { name: /Maria Silva/ }).getByRole('button', { name: 'Vincular' });
      await vincular.waitFor();
      // The caller's number filled the search; the one customer found is one key away.
      expect(await customerSearch(page).getByLabel('Telefone', { exact: true }).inputValue()).toBe('(11) 98765-4321');
      await expectOnFirstScreen(page, summary(page), customerSearch(page).getByLabel('Telefone', { exact: true }), knowledgeSearch(page), vincular);
      expect(await hasFocus(vincular)).toBe(true);
      await replayed;
      await finish(page);

      // A second caller (a seeded customer), chosen on the pop before answering.
      replayed = desk.ami.replay(transcript('ura-data'), 1);
      const fernanda = pop.getByRole('listitem').filter({ hasText: 'Fernanda Rocha' });
      await fernanda.waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await fernanda.getByRole('button', { name: 'Vincular ao atender' }).click();
      await fernanda.getByText('Será vinculado ao atender').waitFor();

      await page.getByText('Cliente Fernanda Rocha vinculado.').waitFor();
      await summary(page).getByText('Fernanda Rocha').waitFor();
      await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
      await expectOnFirstScreen(page, summary(page), knowledgeSearch(page));
      expect(await hasFocus(knowledgeSearch(page))).toBe(true);
      await replayed;
    }, CALL_CENTER_SCREEN);
  });

  it('the full name of the user is read in the header, not cut', async () => {
    const api = await signedInApi(desk.server.url, desk.credentials.admin);
    const fullName = 'Maria Aparecida dos Santos Figueiredo de Albuquerque';
    const created = await api<IssuedPassword>('POST', '/api/users', { username: 'maria.albuquerque', name: fullName, role: 'admin' });

    await withPage(desk.browser, 'desk-first-header-name', async (page) => {
      await desk.signIn(page, 'maria.albuquerque', created.password);
      const header = page.getByRole('banner');
      const name = header.getByText(fullName, { exact: true });
      await name.waitFor();
      // Nothing of it hidden: not clipped, wholly on screen, the header's actions still there.
      expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth && element.scrollHeight <= element.clientHeight)).toBe(true);
      const box = (await name.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(CALL_CENTER_SCREEN.width);
      for (const action of ['Alterar senha', 'Sair']) {
        const button = (await header.getByRole('button', { name: action }).boundingBox())!;
        expect(button.x + button.width).toBeLessThanOrEqual(CALL_CENTER_SCREEN.width);
      }
      expect((await header.boundingBox())!.height).toBeLessThanOrEqual(90);
    }, CALL_CENTER_SCREEN);
  });
});
