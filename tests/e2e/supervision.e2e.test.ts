import { withPage } from '../support/browser';
import { type CtiDeskFixture, startCtiDesk, transcript } from '../support/cti-fixture';

/** A recorded Asterisk call, replayed over TCP into the built server, watched live by a supervisor in Chromium. */
describe('Supervisão ao vivo in Chromium', () => {
  let desk: CtiDeskFixture;

  beforeAll(async () => {
    desk = await startCtiDesk();
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('the supervisor sees the caller wait and leave the queue, and the attendant go on the call', async () => {
    await withPage(desk.browser, 'supervision-live', async (page) => {
      await desk.signIn(page, desk.credentials.supervisor.username, desk.credentials.supervisor.password);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Supervisão' }).click();
      await page.getByRole('tab', { name: 'Ao vivo', selected: true }).waitFor();
      const panel = page.getByRole('tabpanel');
      await panel.getByText('Telefonia conectada').waitFor();

      const queue = panel.getByRole('table', { name: 'Filas' }).getByRole('row', { name: /atendimento/ });
      const waiting = queue.locator('td').first();
      await waiting.filter({ hasText: /^0$/ }).waitFor();
      const attendant = panel.getByRole('table', { name: 'Atendentes' }).getByRole('row', { name: /1001/ });
      // Nobody has the attendant's desk open yet.
      await attendant.getByText('Desconectado').waitFor();

      await withPage(desk.browser, 'supervision-live-attendant', async (deskPage) => {
        await desk.signIn(deskPage, desk.credentials.attendant.username, desk.credentials.attendant.password);
        await deskPage.getByRole('group', { name: 'Telefonia' }).getByText('Disponível').waitFor();
        await attendant.getByText('Disponível').waitFor();
        expect(await attendant.innerText()).toMatch(/Ana Atendente/);

        // Recorded pace: the caller joins at +1.5 s, is answered two seconds later, talks for five.
        const replayed = desk.ami.replay(transcript('inbound-answered'), 1);
        await waiting.filter({ hasText: /^1$/ }).waitFor();
        await attendant.getByText('Chamando').waitFor();
        await attendant.getByText('Em ligação').waitFor();
        await waiting.filter({ hasText: /^0$/ }).waitFor();
        expect(await attendant.innerText()).toMatch(/Maria Silva · 11987654321/);
        expect(await queue.locator('td').nth(2).innerText()).toBe('1');

        await replayed;
        await attendant.getByText('Pós-atendimento').waitFor();
        expect(await queue.locator('td').nth(4).innerText()).toBe('100%');
      });
      // The attendant closed the desk.
      await attendant.getByText('Desconectado').waitFor();
    });
  });
});
