import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { type CategoryTree, type Request, attendanceSchema, formatProtocol, requestSchema } from '@receptivo/shared';
import { mailedPortalPassword } from '../../server/src/testing/portal-citizen';
import { address, validForm } from '../../server/src/testing/request-fixtures';
import { type SmtpListener, startSmtpListener } from '../../server/src/testing/smtp-listener';
import { axeViolations } from '../support/accessibility';
import { watchPageProblems, withPage } from '../support/browser';
import { signedInApi } from '../support/server-api';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

/** A small phone: every portal screen must work at this size without scrolling sideways. */
const PHONE = { width: 360, height: 640 };

type StaffApi = Awaited<ReturnType<typeof signedInApi>>;

interface Citizen {
  name: string;
  document: string;
  email: string;
  customerId: string;
  /** The request the desk registered for them (Buraco na via, at their street). */
  request: Request;
  street: string;
}

/**
 * Autoatendimento in Chromium on a phone: a customer registered at the desk gets the portal's
 * e-mail (a real SMTP listener), signs in with the temporary password, is made to change it, follows
 * the request the desk registered and reiterates it with a PDF, corrects their data and sees who at
 * the call center looked at it; another citizen's request is never reachable. Every screen passes
 * axe-core, fits 360 px and raises no CSP violation.
 */
describe('the self-service portal in Chromium at 360×640', () => {
  let smtp: SmtpListener;
  let desk: DeskFixture;
  let staff: StaffApi;
  let files: string;
  let helena: Citizen;
  let otavio: Citizen;
  /** Helena's password once she chose it on the portal. */
  const helenaPassword = 'Ipê amarelo em flor na praça';

  beforeAll(async () => {
    smtp = await startSmtpListener();
    desk = await startDesk({ SMTP_URL: smtp.url });
    staff = await signedInApi(desk.server.url, desk.credentials.attendant);
    files = await mkdtemp(join(tmpdir(), 'receptivo-portal-'));
    helena = await registeredAtTheDesk({ name: 'Helena Brandão', document: '068.443.616-70', email: 'helena.portal@example.com', street: 'Rua Harmonia' });
    otavio = await registeredAtTheDesk({ name: 'Otávio Reis', document: '177.104.780-18', email: 'otavio.portal@example.com', street: 'Rua Girassol' });
  });
  afterAll(async () => {
    await desk?.close();
    await smtp?.close();
    if (files) await rm(files, { recursive: true, force: true });
  });

  /** What the attendant does: the customer's record, a pothole at their street and the portal access. */
  async function registeredAtTheDesk(person: { name: string; document: string; email: string; street: string }): Promise<Citizen> {
    const customer = await staff<{ id: string }>('POST', '/api/customers', {
      type: 'person',
      name: person.name,
      document: person.document,
      email: person.email,
      phones: [{ number: '11 97654-3210' }],
      addresses: [address(person.street, '77')],
    });
    const pothole = (await staff<CategoryTree>('GET', '/api/categories')).items
      .flatMap((category) => category.requestTypes)
      .find((type) => type.name === 'Buraco na via')!;
    const attendance = attendanceSchema.parse(await staff('POST', '/api/attendances', { channel: 'phone' }));
    await staff('PUT', `/api/attendances/${attendance.id}/customer`, { customerId: customer.id });
    const request = requestSchema.parse(
      await staff('POST', `/api/attendances/${attendance.id}/requests`, {
        requestTypeId: pothole.id,
        form: validForm(pothole.formSchema),
        address: address(person.street, '77'),
      }),
    );
    await staff('POST', `/api/attendances/${attendance.id}/finish`, { sendScript: false });
    await staff('POST', `/api/customers/${customer.id}/portal-account`);
    return { ...person, customerId: customer.id, request };
  }

  const portal = (path = '') => `${desk.server.url}/autoatendimento${path}`;

  /** Runs a citizen's scenario on a phone, failing on any CSP violation or page error it caused. */
  async function onPhone(name: string, scenario: (page: Page) => Promise<void>): Promise<void> {
    await withPage(
      desk.browser,
      name,
      async (page) => {
        const problems = await watchPageProblems(page);
        await scenario(page);
        expect(problems).toEqual([]);
      },
      PHONE,
    );
  }

  /** The screen as it is: axe-core finds nothing, and nothing is wider than the phone (else the widest offenders are named). */
  async function expectFine(page: Page, screen: string): Promise<void> {
    await page.getByText(/^Carregando/).first().waitFor({ state: 'detached' });
    const sideways = await page.evaluate((width) => {
      if (document.documentElement.scrollWidth <= width) return [];
      return Array.from(document.querySelectorAll('body *'))
        .filter((element) => element.getBoundingClientRect().right > width)
        .slice(-3)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').slice(0, 40)}"`);
    }, PHONE.width);
    expect({ screen, violations: await axeViolations(page), sideways }).toEqual({ screen, violations: [], sideways: [] });
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  async function signIn(page: Page, login: string, password: string): Promise<void> {
    await page.getByLabel('CPF, CNPJ ou e-mail').fill(login);
    await page.getByLabel('Senha', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Entrar' }).click();
  }

  async function signedInAsHelena(page: Page): Promise<void> {
    await page.goto(portal());
    await heading(page, 'Entrar').waitFor();
    await signIn(page, helena.document, helenaPassword);
    await heading(page, 'Meus protocolos').waitFor();
  }

  it('first sign-in with the e-mailed password: the change is forced, a weak or the same password is refused, then Meus protocolos shows the desk’s request', async () => {
    const temporary = await mailedPortalPassword(smtp, helena.email);
    await onPhone('portal-first-sign-in', async (page) => {
      // A page of the citizen's own asks to sign in first, and comes back after. The portal's page
      // has the desk's policy: no eval, scripts and styles from the server only.
      const answer = await page.goto(portal('/meus-dados'));
      expect(answer?.headers()['content-security-policy']).toMatch(/script-src 'self';.*style-src 'self';/);
      await heading(page, 'Entrar').waitFor();
      await expectFine(page, 'Entrar');

      await signIn(page, helena.document, 'senha errada de propósito');
      await page.getByRole('alert').getByText('CPF/CNPJ, e-mail ou senha inválidos.').waitFor();
      expect(await page.getByLabel('Senha', { exact: true }).inputValue()).toBe('');
      await signIn(page, helena.document.replace(/\D/g, ''), temporary);

      await heading(page, 'Troca de senha obrigatória').waitFor();
      // The menu of the citizen's pages waits for the new password too.
      expect(await page.getByRole('navigation', { name: 'Menu do Autoatendimento' }).count()).toBe(0);
      await expectFine(page, 'Troca de senha obrigatória');
      const form = page.getByRole('form', { name: 'Trocar a senha temporária' });
      await form.getByLabel('Senha temporária').fill(temporary);
      await form.getByLabel('Nova senha', { exact: true }).fill('curta');
      await form.getByLabel('Confirme a nova senha').fill('curta');
      await form.getByRole('button', { name: 'Salvar nova senha' }).click();
      await form.getByText('A senha deve ter pelo menos 10 caracteres.').waitFor();
      expect(await form.getByLabel('Nova senha', { exact: true }).evaluate((input) => input === document.activeElement)).toBe(true);
      await form.getByLabel('Nova senha', { exact: true }).fill(temporary);
      await form.getByLabel('Confirme a nova senha').fill(temporary);
      await form.getByRole('button', { name: 'Salvar nova senha' }).click();
      await form.getByText('A nova senha deve ser diferente da atual.').waitFor();
      // Nothing typed is lost to a refusal.
      expect(await form.getByLabel('Senha temporária').inputValue()).toBe(temporary);
      await form.getByLabel('Nova senha', { exact: true }).fill(helenaPassword);
      await form.getByLabel('Confirme a nova senha').fill(`${helenaPassword}!`);
      await form.getByRole('button', { name: 'Salvar nova senha' }).click();
      await form.getByText('A confirmação não confere com a nova senha.').waitFor();
      await form.getByLabel('Confirme a nova senha').fill(helenaPassword);
      await form.getByRole('button', { name: 'Salvar nova senha' }).click();

      // Back where she was going, with the password saved.
      await heading(page, 'Meus dados').waitFor();
      await page.getByRole('status').getByText('Senha alterada.', { exact: false }).waitFor();
      await page.getByRole('navigation', { name: 'Menu do Autoatendimento' }).getByRole('link', { name: 'Meus protocolos' }).click();
      await heading(page, 'Meus protocolos').waitFor();
      const requests = page.getByRole('list', { name: 'Solicitações' });
      const pothole = requests.getByRole('listitem').filter({ hasText: formatProtocol(helena.request.protocol) });
      await pothole.getByRole('link', { name: 'Buraco na via' }).waitFor();
      expect(await pothole.innerText()).toContain('Aberta');
      expect(await pothole.innerText()).toContain('Secretaria Municipal das Subprefeituras');
      const attendances = page.getByRole('list', { name: 'Atendimentos' });
      expect(await attendances.getByRole('listitem').first().innerText()).toMatch(/Telefone[\s\S]*Buraco na via/);
      // Otávio's request is nowhere on Helena's list.
      expect(await page.getByText(formatProtocol(otavio.request.protocol)).count()).toBe(0);
      await expectFine(page, 'Meus protocolos');
    });
  });

  it('reiterates the desk’s request with a PDF: the timeline shows it as done by the citizen, and the desk gets the file', async () => {
    const pdf = join(files, 'foto-do-buraco.pdf');
    await writeFile(pdf, smallPdf());
    await onPhone('portal-reiterate', async (page) => {
      await signedInAsHelena(page);
      await page.getByRole('link', { name: 'Buraco na via' }).click();
      await heading(page, `Solicitação ${formatProtocol(helena.request.protocol)}`).waitFor();
      await page.getByText('Rua Harmonia, 77 — Bela Vista — São Paulo/SP').waitFor();
      await expectFine(page, 'Solicitação');
      // Only what the desk's rules allow now: an open request within its deadline.
      expect(await page.getByRole('button', { name: 'Reclamação' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Reiniciar chamado' }).count()).toBe(0);

      await page.getByRole('button', { name: 'Reiterar chamado' }).click();
      const dialog = page.getByRole('dialog', { name: 'Reiterar chamado' });
      await dialog.getByRole('button', { name: 'Salvar' }).click();
      await dialog.getByText('Descreva a reiteração.').waitFor();
      await dialog.getByLabel('Descrição').fill('O buraco aumentou depois da chuva.');
      await dialog.getByLabel('Anexo').setInputFiles(pdf);
      await dialog.getByText('foto-do-buraco.pdf').waitFor();
      await expectFine(page, 'Reiterar chamado');
      await dialog.getByRole('button', { name: 'Salvar' }).click();
      await page.getByRole('status').getByText('Reiteração registrada.').waitFor();
      const timeline = page.getByRole('list', { name: 'Histórico' });
      const entry = timeline.getByRole('listitem').last();
      expect(await entry.innerText()).toMatch(/Reiteração[\s\S]*Você, pelo Autoatendimento[\s\S]*O buraco aumentou depois da chuva\./);
      await expectFine(page, 'Solicitação reiterada');
    });
    const atDesk = requestSchema.parse(await staff('GET', `/api/requests/${helena.request.id}`));
    expect(atDesk.timeline.at(-1)).toMatchObject({
      kind: 'reiterated',
      viaPortal: true,
      actor: null,
      attachments: [expect.objectContaining({ fileName: 'foto-do-buraco.pdf', contentType: 'application/pdf' })],
    });
  });

  it('another citizen’s request is never reachable: not by its id, not by a guessed or malformed one, not on the lists', async () => {
    await onPhone('portal-other-citizen', async (page) => {
      await signedInAsHelena(page);
      for (const id of [otavio.request.id, '00000000-0000-4000-8000-000000000000', '123']) {
        await page.goto(portal(`/solicitacoes/${id}`));
        await heading(page, 'Solicitação não encontrada').waitFor();
        const text = await page.locator('main').innerText();
        for (const leak of [formatProtocol(otavio.request.protocol), otavio.request.protocol, 'Rua Girassol', 'Otávio']) expect({ id, leak, shown: text.includes(leak) }).toEqual({ id, leak, shown: false });
      }
      await expectFine(page, 'Solicitação não encontrada');
      await page.getByRole('link', { name: 'Voltar para Meus protocolos' }).click();
      await heading(page, 'Meus protocolos').waitFor();
      expect(await page.locator('main').innerText()).not.toContain(formatProtocol(otavio.request.protocol));
    });
  });

  it('Informações: the published knowledge is searchable without signing in, and its [Registrar solicitação] leads to the type’s form', async () => {
    await onPhone('portal-informations', async (page) => {
      await page.goto(portal('/informacoes'));
      await heading(page, 'Informações').waitFor();
      await page.getByRole('status').getByText(/\d+ informações publicadas\./).waitFor();
      await expectFine(page, 'Informações');
      const search = page.getByRole('search', { name: 'Buscar informações' });
      await search.getByLabel('O que você procura?').fill('tapa-buraco');
      await search.getByRole('button', { name: 'Buscar' }).click();
      await page.getByRole('status').getByText('1 informação encontrada para “tapa-buraco”.').waitFor();
      const article = page.getByRole('article', { name: 'Buraco na via e operação tapa-buraco' });
      await article.getByText('Solução proposta').waitFor();
      expect(await article.innerText()).toContain('operação tapa-buraco das subprefeituras');
      await expectFine(page, 'Informações, resultado');
      // A protocol is nobody's business here: the search knows only the published texts.
      await search.getByLabel('O que você procura?').fill(otavio.request.protocol);
      await search.getByRole('button', { name: 'Buscar' }).click();
      await page.getByRole('status').getByText(`0 informações encontradas para “${otavio.request.protocol}”.`).waitFor();
      expect(await page.locator('main').innerText()).not.toContain('Rua Girassol');

      await page.goBack();
      await article.getByRole('link', { name: 'Registrar solicitação: Buraco na via' }).click();
      // Signing in first, then straight to the type's form.
      await heading(page, 'Entrar').waitFor();
      await signIn(page, helena.document, helenaPassword);
      await heading(page, 'Nova solicitação').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Buraco na via' }).waitFor();
      expect(await page.getByLabel('Assunto').inputValue()).not.toBe('');
    });
  });

  it('Nova solicitação: category, type, the type’s form and the address; a refusal loses nothing, at the address of an open request of the same type it joins its group, and the citizen cancels it', async () => {
    await onPhone('portal-new-request', async (page) => {
      await signedInAsHelena(page);
      await page.getByRole('navigation', { name: 'Menu do Autoatendimento' }).getByRole('link', { name: 'Nova solicitação' }).click();
      await heading(page, 'Nova solicitação').waitFor();
      await expectFine(page, 'Nova solicitação');
      await page.getByLabel('Assunto').selectOption({ label: 'Zeladoria urbana' });
      await page.getByLabel('Tipo de solicitação').selectOption({ label: 'Buraco na via' });
      const form = page.getByRole('form', { name: 'Buraco na via' });
      await page.getByRole('region', { name: 'Buraco na via' }).getByText('168 horas').waitFor();
      await form.getByRole('radio', { name: 'Médio (30 cm a 1 m)' }).check();
      await form.getByLabel('Ponto de referência').fill('Em frente à padaria');
      const place = form.getByRole('group', { name: 'Endereço da solicitação' });
      await place.getByLabel('CEP').fill('0131');
      await form.getByRole('button', { name: 'Registrar solicitação' }).click();
      await form.getByText('CEP deve ter 8 dígitos.').waitFor();
      await form.getByText('Informe o logradouro.').waitFor();
      expect(await form.getByLabel('Ponto de referência').inputValue()).toBe('Em frente à padaria');
      await expectFine(page, 'Nova solicitação, recusada');

      await form.getByLabel('Posição na via').selectOption('No meio da pista');
      await place.getByLabel('CEP').fill('01310-100');
      await place.getByLabel('Logradouro').fill('Rua Harmonia');
      await place.getByLabel('Número').fill('77');
      await place.getByLabel('Bairro').fill('Bela Vista');
      await place.getByLabel('Cidade').fill('São Paulo');
      await place.getByLabel('UF').selectOption('SP');
      await form.getByRole('button', { name: 'Registrar solicitação' }).click();

      await heading(page, 'Solicitação registrada').waitFor();
      const protocol = (await page.locator('.portal-protocol .protocol').innerText()).trim();
      expect(protocol).toMatch(/^\d{4}\.\d{6}-\d$/);
      await page.getByText(`Acompanha a solicitação ${formatProtocol(helena.request.protocol)}`).waitFor();
      await expectFine(page, 'Solicitação registrada');
      await page.getByRole('link', { name: 'Ver a solicitação' }).click();
      await heading(page, `Solicitação ${protocol}`).waitFor();
      await page.getByText(`Acompanha a solicitação ${formatProtocol(helena.request.protocol)}`).waitFor();

      // Registered by mistake: cancelled, after confirming, and marked as hers in the timeline.
      await page.getByRole('button', { name: 'Cancelar solicitação' }).click();
      const cancelling = page.getByRole('dialog', { name: 'Cancelar solicitação' });
      await cancelling.getByText(`A solicitação ${protocol} será cancelada.`, { exact: false }).waitFor();
      await cancelling.getByLabel('Motivo do cancelamento (opcional)').fill('Registrei duas vezes.');
      await cancelling.getByRole('button', { name: 'Confirmar cancelamento' }).click();
      await page.getByRole('status').getByText('Cancelamento realizado com sucesso').waitFor();
      expect(await page.getByRole('list', { name: 'Histórico' }).getByRole('listitem').last().innerText()).toMatch(
        /Cancelamento[\s\S]*Você, pelo Autoatendimento[\s\S]*Registrei duas vezes\./,
      );
      await page.getByText('Cancelada', { exact: true }).waitFor();
      expect(await page.getByRole('button', { name: 'Reiterar chamado' }).count()).toBe(0);

      await page.getByRole('navigation', { name: 'Menu do Autoatendimento' }).getByRole('link', { name: 'Meus protocolos' }).click();
      const requests = page.getByRole('list', { name: 'Solicitações' });
      const joined = requests.getByRole('listitem').filter({ hasText: protocol });
      expect(await joined.innerText()).toMatch(new RegExp(`Cancelada[\\s\\S]*Acompanha a solicitação ${formatProtocol(helena.request.protocol).replace('.', '\\.')}`));
      // The attendance the portal opened for it: channel Web.
      expect(await page.getByRole('list', { name: 'Atendimentos' }).getByRole('listitem').first().innerText()).toMatch(/Web[\s\S]*Buraco na via/);
    });
  });

  it('Meus dados: corrects the e-mail, refuses a bad phone with the reason and adds a good one, and shows who at the call center opened the record; Sair ends the session', async () => {
    // The attendant opens Helena's record from the customer screen.
    const attendant = desk.credentials.attendant;
    const session = (await (await fetch(`${desk.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(attendant),
    })).json()) as { token: string; user: { name: string } };
    const read = await fetch(`${desk.server.url}/api/customers/${helena.customerId}`, {
      headers: { Authorization: `Bearer ${session.token}`, 'X-Receptivo-Screen': `/clientes/${helena.customerId}` },
    });
    expect(read.status).toBe(200);

    await onPhone('portal-my-data', async (page) => {
      await signedInAsHelena(page);
      await page.getByRole('navigation', { name: 'Menu do Autoatendimento' }).getByRole('link', { name: 'Meus dados' }).click();
      await heading(page, 'Meus dados').waitFor();
      await page.getByText('068.443.616-70').waitFor();
      await expectFine(page, 'Meus dados');

      const email = page.getByRole('form', { name: 'E-mail' });
      await email.getByLabel('E-mail').fill('helena@exemplo');
      await email.getByRole('button', { name: 'Salvar e-mail' }).click();
      await email.getByText('E-mail inválido.').waitFor();
      await email.getByLabel('E-mail').fill('Helena.Nova@Example.com');
      await email.getByRole('button', { name: 'Salvar e-mail' }).click();
      await page.getByRole('status').getByText('E-mail alterado para helena.nova@example.com.').waitFor();

      const phones = page.getByRole('list', { name: 'Telefones' });
      const adding = page.getByRole('form', { name: 'Adicionar telefone' });
      await adding.getByLabel('Novo telefone').fill('(00) 91234-5678');
      await adding.getByRole('button', { name: 'Adicionar telefone' }).click();
      await adding.getByText('DDD 00 não existe', { exact: false }).waitFor();
      expect(await adding.getByLabel('Novo telefone').inputValue()).toBe('(00) 91234-5678');
      expect(await phones.getByRole('listitem').count()).toBe(1);
      await adding.getByLabel('Novo telefone').fill('(21) 3456-7890');
      await adding.getByRole('button', { name: 'Adicionar telefone' }).click();
      await page.getByRole('status').getByText('Telefone adicionado.').waitFor();
      await phones.getByText('(21) 3456-7890', { exact: true }).waitFor();
      expect(await adding.getByLabel('Novo telefone').inputValue()).toBe('');

      const accesses = page.getByRole('list', { name: 'Quem acessou meus dados' });
      const access = accesses.getByRole('listitem').filter({ hasText: session.user.name }).first();
      expect(await access.innerText()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}[\s\S]*na tela cadastro de clientes/);
      await expectFine(page, 'Meus dados, alterados');

      await page.getByRole('button', { name: 'Sair' }).click();
      await heading(page, 'Entrar').waitFor();
      await page.getByText('Você saiu do Autoatendimento.').waitFor();
      await page.goto(portal('/meus-dados'));
      await heading(page, 'Entrar').waitFor();
    });
    const record = await staff<{ email: string; phones: { display: string }[] }>('GET', `/api/customers/${helena.customerId}`);
    expect(record.email).toBe('helena.nova@example.com');
    expect(record.phones.map((phone) => phone.display)).toContain('(21) 3456-7890');
  });

  it('Esqueci minha senha: the e-mailed link opens Redefinir senha, the new password signs the citizen in, and the link works once', async () => {
    await onPhone('portal-forgot-password', async (page) => {
      await page.goto(portal());
      await heading(page, 'Entrar').waitFor();
      await page.getByRole('link', { name: 'Esqueci minha senha' }).click();
      await heading(page, 'Esqueci minha senha').waitFor();
      await expectFine(page, 'Esqueci minha senha');
      const asking = page.getByRole('form', { name: 'Pedir o link de nova senha' });
      await asking.getByRole('button', { name: 'Enviar link por e-mail' }).click();
      await asking.getByText('Informe o CPF, o CNPJ ou o e-mail.').waitFor();
      await asking.getByLabel('CPF, CNPJ ou e-mail').fill(otavio.document);
      await asking.getByRole('button', { name: 'Enviar link por e-mail' }).click();
      await page.getByRole('status').getByText('enviamos para esse e-mail um link', { exact: false }).waitFor();
      await expectFine(page, 'Esqueci minha senha, enviado');

      const mail = await smtp.waitFor((message) => message.subject === 'Redefinição de senha do Autoatendimento' && JSON.stringify(message.to).includes(otavio.email));
      const link = /https?:\/\/\S+#token=\S+/.exec(mail.text ?? '')?.[0];
      expect(link?.startsWith(portal('/redefinir-senha#token='))).toBe(true);
      await page.goto(link!);
      await heading(page, 'Redefinir senha').waitFor();
      // The token leaves the address bar (and the history) once read.
      await page.waitForURL(portal('/redefinir-senha'));
      await expectFine(page, 'Redefinir senha');
      const choosing = page.getByRole('form', { name: 'Escolher a nova senha' });
      await choosing.getByLabel('Nova senha', { exact: true }).fill('123456789');
      await choosing.getByLabel('Confirme a nova senha').fill('123456789');
      await choosing.getByRole('button', { name: 'Salvar nova senha' }).click();
      await choosing.getByText('A senha deve ter pelo menos 10 caracteres.').waitFor();
      await choosing.getByLabel('Nova senha', { exact: true }).fill('Girassóis no quintal de casa');
      await choosing.getByLabel('Confirme a nova senha').fill('Girassóis no quintal de casa');
      await choosing.getByRole('button', { name: 'Salvar nova senha' }).click();

      // Signed in with it, past the temporary password the desk e-mailed him.
      await heading(page, 'Meus protocolos').waitFor();
      await page.getByRole('status').getByText('Senha redefinida.', { exact: false }).waitFor();
      await page.getByRole('list', { name: 'Solicitações' }).getByText(formatProtocol(otavio.request.protocol)).waitFor();

      // The link is spent.
      await page.goto(link!);
      const again = page.getByRole('form', { name: 'Escolher a nova senha' });
      await again.getByLabel('Nova senha', { exact: true }).fill('Outra senha qualquer de novo');
      await again.getByLabel('Confirme a nova senha').fill('Outra senha qualquer de novo');
      await again.getByRole('button', { name: 'Salvar nova senha' }).click();
      await page.getByRole('alert').getByText('Este link de redefinição de senha não vale mais', { exact: false }).waitFor();
      await page.getByRole('link', { name: 'Pedir um novo link' }).waitFor();
      await expectFine(page, 'Redefinir senha, link usado');

      await page.getByRole('button', { name: 'Sair' }).click();
      await heading(page, 'Entrar').waitFor();
      await signIn(page, otavio.document, 'Girassóis no quintal de casa');
      await heading(page, 'Meus protocolos').waitFor();
    });
  });

  it('a session the server no longer accepts returns to Entrar with the reason', async () => {
    await onPhone('portal-session-refused', async (page) => {
      await signedInAsHelena(page);
      await page.evaluate(() => {
        const key = 'receptivo.portal.session';
        const stored = JSON.parse(sessionStorage.getItem(key) ?? '{}');
        sessionStorage.setItem(key, JSON.stringify({ ...stored, token: `${stored.token}x` }));
      });
      await page.reload();
      await heading(page, 'Entrar').waitFor();
      await page.getByText('Sua sessão terminou. Entre novamente para continuar.').waitFor();
    });
  });
});

/** A real one-page PDF, as small as a valid one gets. */
function smallPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
