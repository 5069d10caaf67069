import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type ConsoleMessage, type Page, chromium } from 'playwright-core';
import { ROOT } from './server-process';

export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The call center's usual screen, which the desk must fit without scrolling sideways. */
export const CALL_CENTER_SCREEN = { width: 1366, height: 768 };

/** Runs a scenario in a fresh page (1280×800 unless told); on failure keeps a screenshot under tests/artifacts. */
export async function withPage(
  browser: Browser,
  name: string,
  scenario: (page: Page) => Promise<void>,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<void> {
  const context = await browser.newContext({ viewport, locale: 'pt-BR' });
  const page = await context.newPage();
  try {
    await scenario(page);
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

/**
 * The Content-Security-Policy violations and script errors of a page from now on (the list fills as
 * they happen): the browser reports a blocked load as a console message and a
 * `securitypolicyviolation` event, which an init script turns into one.
 */
export async function watchPageProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`Refused to load ${event.blockedURI} (${event.violatedDirective})`));
  });
  return problems;
}
