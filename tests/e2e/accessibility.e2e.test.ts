import { type KnowledgeGaps, type Role, menuFor } from '@receptivo/shared';
import type { Page } from 'playwright-core';
import { until } from '../../server/src/testing/until';
import { axeViolations } from '../support/accessibility';
import { CALL_CENTER_SCREEN, withPage } from '../support/browser';
import { earlierPotholeOfMaria } from '../support/earlier-request';
import { signedInApi } from '../support/server-api';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

/**
 * axe-core over every screen of the desk, at the call center's usual 1366×768: the sign-in page and,
 * for each role, every section of its menu (from the same list the menu is built from, so a new
 * section is checked without touching this test) and every tab of each section (Administração,
 * Supervisão).
 */
describe('every screen passes axe-core', () => {
  let desk: DeskFixture;
  const roles: { role: Role; credentials: 'attendant' | 'supervisor' | 'admin' | 'backoffice' }[] = [
    { role: 'attendant', credentials: 'attendant' },
    { role: 'supervisor', credentials: 'supervisor' },
    { role: 'admin', credentials: 'admin' },
    { role: 'backoffice', credentials: 'backoffice' },
  ];

  beforeAll(async () => {
    desk = await startDesk();
    // A knowledge search that finds nothing, so Administração › Lacunas da base shows its table.
    const attendant = await signedInApi(desk.server.url, desk.credentials.attendant);
    await attendant('GET', `/api/search?${new URLSearchParams({ q: 'zabumba xilofonica' })}`);
    const supervisor = await signedInApi(desk.server.url, desk.credentials.supervisor);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());
    await until(
      async () => (await supervisor<KnowledgeGaps>('GET', `/api/knowledge/gaps?from=${today}&to=${today}`)).items.length > 0,
      'the search to be recorded',
    );
  });
  afterAll(() => desk?.close());

  /** The screen once its data has arrived: no "Carregando…" left. */
  const settled = async (page: Page) => {
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByText(/^Carregando/).first().waitFor({ state: 'detached' });
  };

  it('the sign-in page', async () => {
    await withPage(desk.browser, 'axe-sign-in', async (page) => {
      await page.goto(desk.server.url);
      await page.getByRole('button', { name: 'Entrar' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    }, CALL_CENTER_SCREEN);
  });

  it('the desk at work: an open attendance with search results and a linked customer, and a customer record', async () => {
    // An open request of the caller, for the desk to list beside them (with its status badges).
    await earlierPotholeOfMaria(desk.server.url, desk.credentials.attendant);
    await withPage(desk.browser, 'axe-desk-at-work', async (page) => {
      const { username, password } = desk.credentials.attendant;
      await desk.signIn(page, username, password);
      const found: Record<string, string[]> = {};
      await page.getByLabel('Meio de comunicação').selectOption({ label: 'Telefone' });
      await page.getByRole('button', { name: 'Iniciar atendimento' }).click();
      const summary = page.getByRole('region', { name: 'Resumo do atendimento' });
      await summary.getByText(/^\d{4}\.\d{6}-\d$/).first().waitFor();
      const search = page.getByRole('search', { name: 'Pesquisar clientes' });
      await search.getByLabel('Telefone', { exact: true }).fill('(11) 98765-4321');
      await search.getByRole('button', { name: 'Pesquisar' }).click();
      const maria = page.getByRole('row', { name: /Maria Silva/ });
      await maria.waitFor();
      found['Receptivo, search results'] = await axeViolations(page);
      await page.getByRole('region', { name: 'Quadros de avisos' }).getByRole('button', { name: /^Ocorrências/ }).click();
      await page.getByRole('region', { name: 'Ocorrências', exact: true }).waitFor();
      found['Receptivo, a notice board open'] = await axeViolations(page);
      await page.keyboard.press('Escape');
      await maria.getByRole('button', { name: 'Vincular' }).click();
      await summary.getByText('Maria Silva').waitFor();
      // With the caller's history loaded beside them (open requests, earlier attendances).
      await page.getByRole('table', { name: 'Solicitações em aberto' }).getByText('Buraco na via').waitFor();
      found['Receptivo, customer linked'] = await axeViolations(page);

      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Clientes' }).click();
      const customers = page.getByRole('search', { name: 'Pesquisar clientes' });
      await customers.getByLabel('Busca', { exact: true }).fill('maria silva');
      await customers.getByRole('button', { name: 'Pesquisar' }).click();
      await page.getByRole('row').filter({ hasText: 'Maria Silva' }).getByRole('link', { name: 'Editar' }).click();
      await page.getByRole('heading', { name: 'Maria Silva', level: 1 }).waitFor();
      await settled(page);
      found['Clientes, the record'] = await axeViolations(page);
      expect(Object.entries(found).filter(([, violations]) => violations.length > 0)).toEqual([]);
    }, CALL_CENTER_SCREEN);
  });

  it.each(roles)('every screen of the $role', async ({ role, credentials }) => {
    await withPage(desk.browser, `axe-${role}`, async (page) => {
      const { username, password } = desk.credentials[credentials];
      await desk.signIn(page, username, password);
      const found: Record<string, string[]> = {};
      for (const section of menuFor(role)) {
        await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: section.label }).click();
        await page.waitForURL((url) => url.pathname.startsWith(section.path));
        await settled(page);
        found[section.label] = await axeViolations(page);
        for (const tab of await page.getByRole('tab').allInnerTexts()) {
          await page.getByRole('tab', { name: tab }).click();
          await settled(page);
          found[`${section.label} › ${tab}`] = await axeViolations(page);
        }
      }
      expect(Object.entries(found).filter(([, violations]) => violations.length > 0)).toEqual([]);
      expect(Object.keys(found).length).toBeGreaterThanOrEqual(menuFor(role).length);
    }, CALL_CENTER_SCREEN);
  });
});
