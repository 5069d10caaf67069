import { join } from 'node:path';
import { type AmiReplayServer, startAmiReplayServer } from '../../server/src/cti/replay/ami-replay-server';
import { snapshotFromTranscript } from '../../server/src/cti/replay/ami-transcript';
import { withPage } from '../support/browser';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

const FIXTURES = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'ami');
const transcript = (name: string) => join(FIXTURES, `${name}.ami`);
const credentials = { username: 'receptivo', secret: 'e2e-secret' };

/** A recorded Asterisk call, replayed over TCP into the built server, pops in Chromium. */
describe('CTI in Chromium', () => {
  let ami: AmiReplayServer;
  let desk: DeskFixture;

  beforeAll(async () => {
    ami = await startAmiReplayServer({ ...credentials, refusalDelayMs: 0, snapshot: snapshotFromTranscript(transcript('agent-pause-status')) });
    desk = await startDesk({ AMI_HOST: '127.0.0.1', AMI_PORT: String(ami.port), AMI_USER: credentials.username, AMI_SECRET: credentials.secret });
  });
  afterAll(async () => {
    await desk?.close();
    await ami?.close();
  });

  it('the call rings with the caller found, then the attendance opens by itself with the search already run', async () => {
    await withPage(desk.browser, 'cti-screen-pop', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      const telephony = page.getByRole('group', { name: 'Telefonia' });
      await telephony.getByText('Telefonia conectada').waitFor();
      await telephony.getByText('Disponível').waitFor();

      // Recorded pace: AgentCalled at +1.5 s, answered two seconds later, hung up after five.
      const replayed = ami.replay(transcript('inbound-answered'), 1);
      const pop = page.getByRole('alertdialog', { name: 'Chamada chegando' });
      await pop.waitFor();
      expect(await pop.innerText()).toMatch(/\(11\) 98765-4321/);
      await pop.getByRole('list', { name: 'Clientes encontrados' }).getByText('Maria Silva').waitFor();
      expect(await pop.getByText('12345678909').or(pop.getByText('123.456.789-09')).count()).toBeGreaterThan(0);
      await telephony.getByText('Chamando').waitFor();

      const call = page.getByRole('region', { name: 'Chamada' });
      await call.waitFor();
      await pop.waitFor({ state: 'detached' });
      const vincular = page.getByRole('row', { name: /Maria Silva/ }).getByRole('button', { name: 'Vincular' });
      await vincular.waitFor();
      expect(await vincular.evaluate((button) => button === document.activeElement)).toBe(true);
      await telephony.getByText('Em ligação').waitFor();

      await vincular.click();
      await page.getByText('Cliente vinculado.').waitFor();
      await page.getByRole('region', { name: 'Resumo do atendimento' }).getByText('Maria Silva').waitFor();

      await replayed;
      await call.getByText('Chamada encerrada').waitFor();
      await telephony.getByText('Pós-atendimento').waitFor();
      // The attendance stays open for the attendant to finish.
      await page.getByRole('button', { name: 'Finalizar' }).waitFor();
    });
  });
});
