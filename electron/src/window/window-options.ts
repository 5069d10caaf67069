import type { BrowserWindowConstructorOptions } from 'electron';

export function createWindowOptions(preloadPath: string, iconPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Receptivo',
    // Linux shows it in the task switcher; Windows takes the executable's icon.
    icon: iconPath,
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    // Shown at once (an unreachable server can take a minute to fail), in the page's colour.
    backgroundColor: '#eef2f7',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  };
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** Where a link or window.open may go: the server's own pages stay in the app, the web opens in the browser. */
export function decideNavigation(targetUrl: string, serverUrl: string): NavigationDecision {
  let target: URL;
  try {
    target = new URL(targetUrl);
  } catch {
    return 'deny';
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return 'deny';
  return target.origin === new URL(serverUrl).origin ? 'allow' : 'open-external';
}
