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

  it('the supervisor sees the attendant pause and resume, the caller wait and leave the queue, and the attendant go on the call', async () => {
    await withPage(desk.browser, 'supervision-live', async (page) => {
      // The queues' frames the supervisor's page receives: the whole board once, then deltas.
      const frames = { snapshot: 0, delta: 0 };
      page.on('websocket', (socket) =>
        socket.on('framereceived', ({ payload }) => {
          const text = String(payload);
          if (text.startsWith('42/cti,["queues:snapshot"')) frames.snapshot += 1;
          else if (text.startsWith('42/cti,["queues:delta"')) frames.delta += 1;
        }),
      );
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

        // A pause from the desk, with its reason, then back.
        const telephony = deskPage.getByRole('group', { name: 'Telefonia' });
        await telephony.getByRole('button', { name: 'Pausar' }).click();
        const dialog = deskPage.getByRole('dialog', { name: 'Pausar atendimento' });
        await dialog.getByLabel('Motivo da pausa').selectOption('Almoço');
        await dialog.getByRole('button', { name: 'Pausar' }).click();
        await attendant.getByText('Em pausa').waitFor();
        await attendant.getByText('Almoço').waitFor();
        await telephony.getByRole('button', { name: 'Retomar' }).click();
        await attendant.getByText('Disponível').waitFor();

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
      // All of it came as deltas after the one whole board: none was missed, none asked for again.
      expect(frames.snapshot).toBe(1);
      expect(frames.delta).toBeGreaterThanOrEqual(5);
    });
  });
});
