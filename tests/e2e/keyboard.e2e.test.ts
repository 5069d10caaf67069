import { type Locator, type Page, errors } from 'playwright-core';
import { axeViolations } from '../support/accessibility';
import { CALL_CENTER_SCREEN, withPage } from '../support/browser';
import { type DeskFixture, startDesk } from '../support/shell-fixture';

/**
 * Navigation keys (Tab, arrows, Enter, shortcuts) the manual's attendance takes from [Iniciar
 * atendimento] to "finalizado", measured (70, of which 15 go to a request first saved without a
 * required answer) and rounded up a little: more means a step got slower for the attendant. Typed
 * text is counted apart: it is what the caller says, not navigation.
 */
const navigationBudget = 75;

/** Counts every key the test sends; the page is driven by the keyboard alone (no click, no fill). */
function keyboardOf(page: Page) {
  const count = { navigation: 0, typed: 0 };
  // The focused control's name (its label, its aria-label or its text), computed in the page; given
  // `expected`, false unless it is that name (a predicate for waitForFunction: the page's CSP
  // refuses one given as a string).
  const focusedName = (expected?: string): string | false => {
    const element = document.activeElement as HTMLElement | null;
    const input = element as HTMLInputElement | null;
    const name = element ? (input?.labels?.[0]?.textContent ?? element.getAttribute('aria-label') ?? element.textContent ?? '').trim() : '';
    return expected === undefined || name === expected ? name : false;
  };
  const focused = async () => (await page.evaluate(focusedName, undefined)) as string;
  const keyboard = {
    count,
    focused,
    async press(key: string) {
      count.navigation++;
      await page.keyboard.press(key);
    },
    async type(text: string) {
      count.typed += text.length;
      await page.keyboard.type(text);
    },
    /** The focused control's name once it is `name`, or what has the focus after 3 s (focus follows a render). */
    async focusedOnceIs(name: string) {
      await page.waitForFunction(focusedName, name, { timeout: 3000 }).catch(unlessTimedOut);
      return focused();
    },
    /** Presses `key` until the focused control is `name`, a required mark after it aside (at most 30 times). */
    async until(key: string, name: string) {
      const named = async () => (await focused()).replace(/\s*(\(obrigatório\))?\s*\*?$/, '');
      for (let step = 0; step < 30 && (await named()) !== name; step++) await keyboard.press(key);
      expect(await named()).toBe(name);
    },
  };
  return keyboard;
}

describe('the keyboard alone, at 1366×768', () => {
  let desk: DeskFixture;

  beforeAll(async () => {
    desk = await startDesk();
  });
  afterAll(() => desk?.close());

  it("does the manual's attendance: start, find and link the caller, register an information and a request, finish", async () => {
    await withPage(
      desk.browser,
      'keyboard-attendance',
      async (page) => {
        await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
        await page.getByRole('button', { name: 'Iniciar atendimento' }).waitFor();
        const keys = keyboardOf(page);
        const summary = page.getByRole('region', { name: 'Resumo do atendimento' });

        // Start: the cursor lands in the customer search.
        await keys.press('Alt+N');
        await summary.waitFor();
        const customerSearch = page.getByRole('search', { name: 'Pesquisar clientes' }).getByRole('searchbox', { name: 'Busca' });
        await expect(isFocused(page, customerSearch)).resolves.toBe(true);

        // The caller by phone, linked with Alt+V: the cursor goes on to the knowledge search.
        await keys.type('11987654321');
        await keys.press('Enter');
        await page.getByRole('row', { name: /Maria Silva/ }).waitFor();
        await keys.press('Alt+V');
        await page.getByText('Cliente vinculado.').waitFor();
        await summary.getByText('Maria Silva').waitFor();
        const knowledgeSearch = page.getByRole('search', { name: 'Pesquisar na base de conhecimento' }).getByRole('searchbox');
        await expect(isFocused(page, knowledgeSearch)).resolves.toBe(true);

        // An information: down into the sessões, open one, [Registrar] just above the title.
        await keys.press('ArrowDown');
        await keys.until('ArrowDown', 'Iluminação pública');
        await keys.press('Enter');
        await keys.press('ArrowDown');
        const information = await keys.focused();
        await keys.press('Enter');
        const detail = page.getByRole('article', { name: information });
        await detail.waitFor();
        await keys.press('Shift+Tab');
        expect(await keys.focused()).toBe('Registrar');
        await keys.press('Enter');
        await page.getByText('Registrada neste atendimento').waitFor();
        expect(await keys.focusedOnceIs('Registrada neste atendimento')).toBe('Registrada neste atendimento');

        // A request: back to the sessões, the request type, its form opened with the cursor in it.
        await keys.press('Shift+Tab');
        await keys.press('Enter');
        await keys.until('ArrowDown', 'Zeladoria urbana');
        await keys.press('Enter');
        await keys.until('ArrowDown', 'Buraco na via');
        await keys.press('Enter');
        await page.getByRole('article', { name: 'Buraco na via', exact: true }).waitFor();
        await keys.press('Shift+Tab');
        expect(await keys.focused()).toBe('Registrar solicitação');
        await keys.press('Enter');
        const form = page.getByRole('region', { name: 'Nova solicitação' });
        await form.waitFor();
        expect(await keys.focusedOnceIs('Pequeno (até 30 cm)')).toBe('Pequeno (até 30 cm)');
        // The size is left for later, to see the refusal of a required radio group. With none of its
        // radios checked, Chromium may stop on each of them: Tab until the next field.
        await keys.until('Tab', 'Posição na via');
        await keys.press('ArrowDown');
        await keys.until('Tab', 'Ponto de referência');
        await keys.type('Em frente à padaria');
        await keys.until('Tab', 'CEP');
        await keys.type('01310100');
        await keys.press('Tab');
        await keys.type('Avenida Paulista');
        await keys.press('Tab');
        await keys.type('1578');
        await keys.until('Tab', 'Bairro');
        await keys.type('Bela Vista');
        await keys.press('Tab');
        await keys.type('São Paulo');
        await keys.press('Tab');
        await keys.type('SP');
        await keys.until('Tab', 'Salvar');
        await keys.press('Enter');
        // Refused: the message beside the group, its first radio focused, the group on screen.
        const size = form.getByRole('radiogroup', { name: 'Tamanho aproximado' });
        await size.getByText('Campo obrigatório.').waitFor();
        expect(await keys.focusedOnceIs('Pequeno (até 30 cm)')).toBe('Pequeno (até 30 cm)');
        const box = (await size.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(CALL_CENTER_SCREEN.height);
        await keys.press('ArrowDown');
        await keys.until('Tab', 'Salvar');
        await keys.press('Enter');
        const status = page.getByRole('region', { name: 'Status Solicitação' });
        await status.getByText(/Protocolo \d{4}\.\d{6}-\d/).waitFor();
        expect(await form.count()).toBe(0);

        // Finish with the script e-mailed.
        await keys.press('Alt+F');
        const finish = page.getByRole('dialog', { name: 'Finalizar atendimento' });
        await finish.waitFor();
        await keys.until('Tab', 'Enviar script de atendimento');
        await keys.press('Space');
        await keys.until('Tab', 'Finalizar');
        await keys.press('Enter');
        await page.getByText(/^Atendimento \d{4}\.\d{6}-\d finalizado\.$/).waitFor();

        expect(await summaryText(page)).toBeNull();
        // The figure to update when a step changes on purpose.
        console.info(`Keyboard attendance: ${keys.count.navigation} navigation keys, ${keys.count.typed} characters typed.`);
        expect(keys.count.navigation).toBeLessThanOrEqual(navigationBudget);
      },
      CALL_CENTER_SCREEN,
    );
  });

  it('the shortcuts help and the question before discarding a filled dialog are axe-clean', async () => {
    await withPage(
      desk.browser,
      'keyboard-dialogs-axe',
      async (page) => {
        await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
        await page.getByRole('button', { name: 'Iniciar atendimento' }).waitFor();

        await page.keyboard.press('F1');
        const help = page.getByRole('dialog', { name: 'Atalhos de teclado' });
        await help.waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await help.waitFor({ state: 'detached' });

        await page.keyboard.press('Alt+N');
        await page.getByRole('region', { name: 'Resumo do atendimento' }).waitFor();
        await page.keyboard.type('Ninguém Cadastrado Com Este Nome');
        await page.keyboard.press('Enter');
        await page.getByRole('button', { name: 'Cadastrar novo cliente' }).click();
        const dialog = page.getByRole('dialog', { name: 'Cadastrar novo cliente' });
        await dialog.getByLabel('Nome completo').fill('Fulano de Tal');
        await page.keyboard.press('Escape');
        const question = page.getByRole('alertdialog', { name: 'Descartar as alterações?' });
        await question.waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await question.waitFor({ state: 'detached' });
        expect(await dialog.getByLabel('Nome completo').inputValue()).toBe('Fulano de Tal');
      },
      CALL_CENTER_SCREEN,
    );
  });
});

/** Whether `locator`'s element has the focus, or gets it within 3 s (focus follows a render). */
async function isFocused(page: Page, locator: Locator): Promise<boolean> {
  const element = await locator.elementHandle();
  try {
    await page.waitForFunction((target) => target === document.activeElement, element, { timeout: 3000 });
    return true;
  } catch (error) {
    unlessTimedOut(error);
    return false;
  }
}

/** A wait that timed out is an answer (the focus went elsewhere); any other error is rethrown. */
function unlessTimedOut(error: unknown): void {
  if (!(error instanceof errors.TimeoutError)) throw error;
}

/** The attendance summary's text, or null once the attendance is over. */
async function summaryText(page: Page): Promise<string | null> {
  const summary = page.getByRole('region', { name: 'Resumo do atendimento' });
  return (await summary.count()) === 0 ? null : summary.innerText();
}
