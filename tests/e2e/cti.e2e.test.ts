import { axeViolations } from '../support/accessibility';
import { withPage } from '../support/browser';
import { signedInApi } from '../support/server-api';
import { type CtiDeskFixture, startCtiDesk, transcript } from '../support/cti-fixture';

/** A recorded Asterisk call, replayed over TCP into the built server, pops in Chromium. */
describe('CTI in Chromium', () => {
  let desk: CtiDeskFixture;

  beforeAll(async () => {
    desk = await startCtiDesk();
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('the call rings with the caller found and its URA route named, then the attendance opens by itself with the search run and the route\'s sessão open', async () => {
    // The telephony admin routes URA option 2 (inbound-answered's) to Iluminação pública.
    const admin = await signedInApi(desk.server.url, desk.credentials.admin);
    const { items } = await admin<{ items: { id: string; name: string }[] }>('GET', '/api/categories');
    await admin('PUT', '/api/cti/ura-routes', { routes: [{ option: '2', categoryId: items.find((category) => category.name === 'Iluminação pública')!.id }] });
    await withPage(desk.browser, 'cti-screen-pop', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      const telephony = page.getByRole('group', { name: 'Telefonia' });
      await telephony.getByText('Telefonia conectada').waitFor();
      await telephony.getByText('Disponível').waitFor();

      // Recorded pace: AgentCalled at +1.5 s, answered two seconds later, hung up after five.
      const replayed = desk.ami.replay(transcript('inbound-answered'), 1);
      const pop = page.getByRole('alertdialog', { name: 'Chamada chegando' });
      await pop.waitFor();
      expect(await pop.innerText()).toMatch(/\(11\) 98765-4321/);
      await pop.getByRole('list', { name: 'Clientes encontrados' }).getByText('Maria Silva').waitFor();
      expect(await pop.getByText('12345678909').or(pop.getByText('123.456.789-09')).count()).toBeGreaterThan(0);
      await pop.getByText('Opção 2 — Iluminação pública').waitFor();
      await telephony.getByText('Chamando').waitFor();

      const call = page.getByRole('region', { name: 'Chamada' });
      await call.waitFor();
      await pop.waitFor({ state: 'detached' });
      const vincular = page.getByRole('row', { name: /Maria Silva/ }).getByRole('button', { name: 'Vincular' });
      await vincular.waitFor();
      expect(await vincular.evaluate((button) => button === document.activeElement)).toBe(true);
      await telephony.getByText('Em ligação').waitFor();

      const knowledge = page.getByRole('region', { name: 'Base de conhecimento' });
      expect(await knowledge.getByRole('button', { name: 'Iluminação pública' }).getAttribute('aria-expanded')).toBe('true');
      await knowledge.getByRole('button', { name: 'Lâmpada apagada em via pública' }).waitFor();
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

  it('the telephony admin checks the PBX wiring: the extension no user has is named with its fix, the rest passed', async () => {
    await withPage(desk.browser, 'cti-wiring-check', async (page) => {
      await desk.signIn(page, desk.credentials.admin.username, desk.credentials.admin.password);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administração' }).click();
      await page.getByRole('tab', { name: 'Telefonia' }).click();
      const check = page.getByRole('region', { name: 'Verificação da central' });
      await check.getByRole('button', { name: 'Verificar configuração da central' }).click();
      // agent-pause-status's queue has 1001 (Ana Atendente) and 1002, which no user has.
      await check.getByRole('status').getByText(/^1 problema encontrado/).waitFor();
      const finding = check.getByRole('list', { name: 'Problemas encontrados' }).getByRole('listitem');
      expect(await finding.innerText()).toContain('O ramal 1002 está numa fila, mas nenhum usuário ativo tem esse ramal.');
      await check.getByText('Conexão com o AMI').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('an admin resets the password of a signed-in attendant: the desk asks to sign in again and keeps what was typed (issue 15)', async () => {
    const api = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
      const response = await fetch(`${desk.server.url}${path}`, {
        method: init.method ?? 'GET',
        headers: { 'Content-Type': 'application/json', ...(init.token && { Authorization: `Bearer ${init.token}` }) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      expect(response.ok).toBe(true);
      return response.json();
    };
    const admin = (await api('/api/auth/login', { method: 'POST', body: desk.credentials.admin })).token as string;
    const created = await api('/api/users', { method: 'POST', token: admin, body: { username: 'tereza', name: 'Tereza Ramal 1002', role: 'attendant', extension: '1002' } });

    await withPage(desk.browser, 'cti-session-ended', async (page) => {
      await desk.signIn(page, 'tereza', created.password);
      const telephony = page.getByRole('group', { name: 'Telefonia' });
      await telephony.getByText('Telefonia conectada').waitFor();
      // `includeHidden`: read beneath the sign-in dialog too, which keeps the page inert.
      const search = page
        .getByRole('search', { name: 'Pesquisar na base de conhecimento', includeHidden: true })
        .getByRole('searchbox', { name: 'Busca', includeHidden: true });
      await search.fill('segunda via do IPTU');

      const reset = await api(`/api/users/${created.user.id}/reset-password`, { method: 'POST', token: admin });
      const dialog = page.getByRole('dialog', { name: 'Entre novamente' });
      await dialog.getByText('Sua sessão foi encerrada. Entre novamente.').waitFor();
      expect(await search.inputValue()).toBe('segunda via do IPTU');

      await dialog.getByLabel('Usuário').fill('tereza');
      await dialog.getByLabel('Senha').fill(reset.password);
      await dialog.getByRole('button', { name: 'Entrar' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await search.inputValue()).toBe('segunda via do IPTU');
      await telephony.getByText('Telefonia conectada').waitFor();
    });
  });
});
