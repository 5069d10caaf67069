import type { Request } from '@receptivo/shared';
import { axeViolations } from '../support/accessibility';
import { CALL_CENTER_SCREEN, withPage } from '../support/browser';
import { earlierPotholeOfMaria } from '../support/earlier-request';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

const DAY_MS = 86_400_000;

/** Today in Brasília as an ISO date, and that date as typed in the desk (dd/mm/aaaa). */
const todayInBrasilia = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());
const typed = (isoDay: string) => isoDay.split('-').reverse().join('/');

/** Reports and printed records in Chromium, at the call center's 1366×768. */
describe('reports and print in Chromium', () => {
  let desk: DeskFixture;
  let request: Request;

  beforeAll(async () => {
    desk = await startDesk();
    // Maria Silva's pothole of today, finished: something for the report to count.
    ({ request } = await earlierPotholeOfMaria(desk.server.url, desk.credentials.attendant));
  });
  afterAll(() => desk?.close());

  it('a one-year report is grouped by month, its wide tables scroll inside their panels and the page never sideways', async () => {
    await withPage(desk.browser, 'reports-one-year', async (page) => {
      await desk.signIn(page, desk.credentials.supervisor.username, desk.credentials.supervisor.password);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Supervisão' }).click();
      await page.getByRole('tab', { name: 'Relatórios' }).click();

      const today = todayInBrasilia();
      const yearAgo = new Date(Date.parse(today) - 364 * DAY_MS).toISOString().slice(0, 10);
      await page.getByLabel('De', { exact: true }).fill(typed(yearAgo));
      await page.getByLabel('Até', { exact: true }).fill(typed(today));
      await page.getByRole('combobox', { name: 'Agrupar por' }).getByRole('option', { name: 'Automático (mês)' }).waitFor({ state: 'attached' });
      await page.getByRole('button', { name: 'Gerar relatório' }).click();

      const overTime = page.getByRole('table', { name: 'Atendimentos por mês e meio de comunicação' });
      await overTime.waitFor();
      // 365 days touch 12 or 13 calendar months: a row each, not a row a day.
      const months = await overTime.locator('tbody tr').count();
      expect(months).toBeGreaterThanOrEqual(12);
      expect(months).toBeLessThanOrEqual(13);
      expect(await overTime.locator('tbody tr').last().locator('td').last().innerText()).toBe('1');
      await page.getByText('1 atendimento iniciado no período.').waitFor();

      // The widest table is wider than the screen: it scrolls in its own panel, which the keyboard reaches.
      const byOrgan = page.getByRole('region', { name: 'Solicitações por órgão' });
      const panel = await byOrgan.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth, tabIndex: (element as HTMLElement).tabIndex }));
      expect(panel.scrollWidth).toBeGreaterThan(panel.clientWidth);
      expect(panel.tabIndex).toBe(0);
      const whole = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
      expect(whole.scrollWidth).toBeLessThanOrEqual(whole.innerWidth);
      expect(await axeViolations(page)).toEqual([]);

      // Weeks on request: at most 53 rows for 365 days.
      await page.getByRole('combobox', { name: 'Agrupar por' }).selectOption({ label: 'Semana' });
      await page.getByRole('button', { name: 'Gerar relatório' }).click();
      const weekly = page.getByRole('table', { name: 'Atendimentos por semana e meio de comunicação' });
      await weekly.waitFor();
      expect(await weekly.locator('tbody tr').count()).toBe(53);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
    }, CALL_CENTER_SCREEN);
  });

  it('printing a request keeps every protocol on one line, even in a narrow column', async () => {
    await withPage(desk.browser, 'print-protocol', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      await page.goto(`${desk.server.url}/solicitacoes/${request.id}/imprimir`);
      const sheet = page.getByRole('article', { name: /^Solicitação / });
      await sheet.waitFor();
      await page.emulateMedia({ media: 'print' });
      // Paper: the toolbar is gone.
      await sheet.getByRole('button', { name: 'Imprimir' }).waitFor({ state: 'hidden' });
      // A column narrower than "Solicitação 2026.000001-2" in the title's size: where a protocol would break at its "-".
      await sheet.evaluate((element) => {
        (element as HTMLElement).style.width = '10rem';
      });
      const protocols = await sheet.locator('.protocol').evaluateAll((elements) =>
        elements.map((element) => ({ text: element.textContent, lines: element.getClientRects().length })),
      );
      // The title, Protocolo, Atendimento, and the history's "registrada no atendimento …".
      expect(protocols.length).toBeGreaterThanOrEqual(4);
      expect(protocols.filter((protocol) => protocol.lines !== 1)).toEqual([]);
    }, CALL_CENTER_SCREEN);
  });
});
