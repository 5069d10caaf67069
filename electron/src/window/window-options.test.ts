import { createWindowOptions, decideNavigation } from './window-options';

describe('window options', () => {
  it('isolates the renderer and loads the given preload', () => {
    const { webPreferences, icon } = createWindowOptions('/app/dist/preload.js', '/app/static/icon.png');
    expect(icon).toBe('/app/static/icon.png');
    expect(webPreferences).toMatchObject({
      preload: '/app/dist/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('decideNavigation', () => {
  const server = 'http://10.0.0.5:3000/receptivo/';

  it.each([
    'http://10.0.0.5:3000/',
    'http://10.0.0.5:3000/atendimentos/42?aba=solicitacoes',
    'http://10.0.0.5:3000/receptivo/#/login',
  ])('keeps the server pages in the app: %s', (url) => {
    expect(decideNavigation(url, server)).toBe('allow');
  });

  it.each([
    'https://10.0.0.5:3000/',
    'http://10.0.0.5:8080/',
    'https://www.gov.br/receitafederal',
    'http://maps.example/?q=Rua+A',
  ])('opens other web pages in the system browser: %s', (url) => {
    expect(decideNavigation(url, server)).toBe('open-external');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'mailto:cidadao@example.com',
    'ms-settings:privacy',
    'about:blank',
    '',
    'not a url',
  ])('denies anything else: %s', (url) => {
    expect(decideNavigation(url, server)).toBe('deny');
  });
});
