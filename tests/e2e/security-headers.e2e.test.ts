import { contentSecurityPolicy } from '../../electron/src/window/content-security-policy';
import { watchPageProblems, withPage } from '../support/browser';
import { type CtiDeskFixture, startCtiDesk } from '../support/cti-fixture';

/** A policy as directive → sources, to compare two policies written differently. */
const directives = (policy: string) =>
  Object.fromEntries(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources.join(' ')]),
  );

/** The server's Content-Security-Policy in Chromium: the desk loads, signs in and opens its socket with nothing refused. */
describe('security headers in Chromium', () => {
  let desk: CtiDeskFixture;

  beforeAll(async () => {
    desk = await startCtiDesk();
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('the desk page loads under its policy, signs in and connects its socket, with no CSP violation', async () => {
    await withPage(desk.browser, 'csp-desk', async (page) => {
      const problems = await watchPageProblems(page);

      const answer = await page.goto(desk.server.url);
      // The desktop app's policy for the same server, but for connect-src: the app names the server's
      // origin and websocket, the server says 'self' (it cannot know the address the browser used).
      const served = directives(answer?.headers()['content-security-policy'] ?? '');
      const desktop = directives(contentSecurityPolicy(desk.server.url));
      expect(served['connect-src']).toBe("'self'");
      expect({ ...served, 'connect-src': desktop['connect-src'] }).toEqual(desktop);
      const socket = page.waitForEvent('websocket', (webSocket) => webSocket.url().includes('/socket.io/'));
      await desk.signIn(page, desk.credentials.attendant.username, desk.credentials.attendant.password);
      await page.getByRole('heading', { name: 'Receptivo', level: 1 }).waitFor();
      await (await socket).waitForEvent('framereceived');
      await page.getByRole('group', { name: 'Telefonia' }).getByText('Telefonia conectada').waitFor();
      // The stylesheet applied: the layout's font is not the browser's default serif.
      expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toMatch(/^"?Times/);
      expect(problems).toEqual([]);
    });
  });
});
