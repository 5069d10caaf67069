import type { Page } from 'playwright-core';
import { axeViolations } from '../support/accessibility';
import { CALL_CENTER_SCREEN, withPage } from '../support/browser';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

/** What Chromium refused under the server's real Content-Security-Policy, as it logs it. */
function cspRefusals(page: Page): string[] {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) refusals.push(message.text());
  });
  return refusals;
}

/**
 * A supervisor edits the knowledge base in Chromium, with the rich text editor and the form
 * builder (no HTML, no JSON typed), and the attendant's desk shows the result.
 */
describe('knowledge administration in Chromium', () => {
  let desk: DeskFixture;

  beforeAll(async () => {
    desk = await startDesk();
  });
  afterAll(() => desk?.close());

  it('creates a formatted information and a request type with a required radio field; the desk shows both', async () => {
    await withPage(desk.browser, 'knowledge-admin', async (page) => {
      const refusals = cspRefusals(page);
      await desk.signIn(page, desk.credentials.supervisor.username, desk.credentials.supervisor.password);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administração' }).click();

      await page.getByRole('tab', { name: 'Informações' }).click();
      await page.getByRole('button', { name: 'Nova informação' }).click();
      const information = page.getByRole('dialog', { name: 'Nova informação' });
      await information.getByLabel('Sessão').selectOption({ label: 'Meio ambiente' });
      await information.getByLabel('Título').fill('Coleta de óleo de cozinha usado');
      const body = information.getByRole('textbox', { name: 'Texto', exact: true });
      const toolbar = information.getByRole('group', { name: 'Formatação: Texto', exact: true });
      // tiptap gives the focus back to the text on a later frame after a toolbar button: what is typed
      // before that is lost (on a busy machine, often), so each click waits for the focus to be back.
      const bodyHandle = await body.elementHandle();
      const focusBack = () => page.waitForFunction((editor) => editor !== null && editor.contains(document.activeElement), bodyHandle);
      await body.click();
      await toolbar.getByRole('button', { name: 'Negrito' }).click();
      expect(await toolbar.getByRole('button', { name: 'Negrito' }).getAttribute('aria-pressed')).toBe('true');
      await focusBack();
      await page.keyboard.type('Ecopontos');
      await toolbar.getByRole('button', { name: 'Negrito' }).click();
      await toolbar.getByRole('button', { name: 'Negrito', pressed: false }).waitFor();
      await focusBack();
      await page.keyboard.type(' recebem óleo usado:');
      await page.keyboard.press('Enter');
      await toolbar.getByRole('button', { name: 'Lista', exact: true }).click();
      await focusBack();
      await page.keyboard.type('em garrafa PET fechada;');
      await page.keyboard.press('Enter');
      await page.keyboard.type('frio, sem água.');
      await body.locator('ul > li').nth(1).waitFor();
      await information.getByRole('textbox', { name: 'Solução Proposta', exact: true }).click();
      await page.keyboard.type('Levar o óleo frio em garrafa fechada ao ecoponto mais próximo.');
      await information.getByLabel('Palavras-chave').fill('óleo, ecoponto');
      expect(await axeViolations(page)).toEqual([]);
      await information.getByRole('button', { name: 'Salvar' }).click();
      await page.getByRole('status').filter({ hasText: 'Informação “Coleta de óleo de cozinha usado” criada' }).waitFor();

      await page.getByRole('tab', { name: 'Tipos de solicitação' }).click();
      await page.getByRole('button', { name: 'Novo tipo de solicitação' }).click();
      const type = page.getByRole('dialog', { name: 'Novo tipo de solicitação' });
      await type.getByLabel('Sessão').selectOption({ label: 'Meio ambiente' });
      await type.getByLabel('Órgão').selectOption({ index: 1 });
      await type.getByLabel('Nome').fill('Retirada de óleo em condomínio');
      await type.getByLabel('Prazo (horas)').fill('120');
      await type.getByLabel('Janela de reinício').selectOption({ label: '72 horas' });
      await type.getByRole('textbox', { name: 'Orientação ao Operador', exact: true }).click();
      await page.keyboard.type('Confirme o volume aproximado.');

      // The advanced view still takes JSON, and the server still judges it.
      await type.getByRole('button', { name: 'JSON Schema (avançado)' }).click();
      const schemaField = type.getByLabel('Esquema do formulário (JSON Schema)');
      const starter = await schemaField.inputValue();
      await schemaField.fill(JSON.stringify({ type: 'object', properties: { litros: { type: 'integr', title: 'Litros' } } }));
      await type.getByRole('button', { name: 'Validar' }).click();
      await type.getByText(/Esquema inválido: o campo "litros" tem tipo "integr"/).first().waitFor();
      await schemaField.fill(starter);
      await type.getByRole('button', { name: 'JSON Schema (avançado)' }).click();

      await type.getByRole('button', { name: 'Adicionar campo' }).click();
      const litres = type.getByRole('group', { name: /^Campo 1/ });
      await litres.getByLabel('Rótulo').fill('Litros aproximados');
      await litres.getByLabel('Tipo').selectOption({ label: 'Número' });
      await litres.getByLabel('Só números inteiros').check();
      await litres.getByLabel('Mínimo').fill('1');
      await type.getByRole('button', { name: 'Adicionar campo' }).click();
      const block = type.getByRole('group', { name: /^Campo 2/ });
      await block.getByLabel('Rótulo').fill('Bloco ou torre');
      await block.getByLabel('Tipo').selectOption({ label: 'Seleção única' });
      await block.getByLabel('Opções').fill('A\nB\nC');
      await block.getByLabel('Apresentação').selectOption({ label: 'Botões de opção (rádio)' });
      await block.getByLabel('Obrigatório').check();
      await block.getByRole('button', { name: 'Subir o campo Bloco ou torre' }).click();

      const preview = type.getByRole('region', { name: 'Pré-visualização' });
      const previewRadios = preview.getByRole('radiogroup', { name: 'Bloco ou torre' });
      expect(await previewRadios.getAttribute('aria-required')).toBe('true');
      await preview.getByRole('spinbutton', { name: /Litros aproximados/ }).waitFor();
      expect(await preview.locator('legend, label').first().innerText()).toContain('Bloco ou torre');
      expect(await axeViolations(page)).toEqual([]);
      await type.getByRole('button', { name: 'Salvar' }).click();
      await page.getByRole('status').filter({ hasText: 'Tipo de solicitação “Retirada de óleo em condomínio” criado' }).waitFor();
      expect(refusals).toEqual([]);
    }, CALL_CENTER_SCREEN);

    await withPage(desk.browser, 'knowledge-admin-desk', async (page) => {
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      const search = page.getByRole('search', { name: 'Pesquisar na base de conhecimento' });
      await search.getByLabel('Busca', { exact: true }).fill('oleo cozinha');
      await search.getByRole('button', { name: 'Lupa' }).click();
      await page.getByRole('list', { name: 'Resultados da busca' }).getByRole('button', { name: /Coleta de óleo de cozinha usado/ }).first().click();
      const detail = page.getByRole('article', { name: 'Coleta de óleo de cozinha usado' });
      expect(await detail.locator('.rich-text strong').first().innerText()).toBe('Ecopontos');
      expect(await detail.locator('.rich-text ul li').allInnerTexts()).toEqual(['em garrafa PET fechada;', 'frio, sem água.']);
      await detail.getByRole('button', { name: 'Voltar' }).click();
      await page.getByRole('button', { name: 'Voltar às sessões' }).click();

      await page.getByLabel('Meio de comunicação').selectOption({ label: 'Telefone' });
      await page.getByRole('button', { name: 'Iniciar atendimento' }).click();
      await page.getByRole('region', { name: 'Resumo do atendimento' }).getByText(/^\d{4}\.\d{6}-\d$/).first().waitFor();
      await page.getByRole('button', { name: 'Meio ambiente' }).click();
      await page.getByRole('list', { name: 'Solicitações' }).getByRole('button', { name: 'Retirada de óleo em condomínio' }).click();
      await page.getByText('Prazo: 120 horas').waitFor();
      await page.getByRole('button', { name: 'Registrar solicitação' }).click();
      const form = page.getByRole('region', { name: 'Nova solicitação' });
      const radios = form.getByRole('radiogroup', { name: 'Bloco ou torre' });
      expect(await radios.getAttribute('aria-required')).toBe('true');
      expect(await radios.getByRole('radio').count()).toBe(3);
    }, CALL_CENTER_SCREEN);
  });
});
