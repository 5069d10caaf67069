import type { DesktopBridge } from '@receptivo/shared';

declare global {
  interface Window {
    /** Present only inside the Electron shell (preload script). */
    receptivoDesktop?: DesktopBridge;
  }
}

/**
 * Origin of the API. In a browser the page is served by the API server itself, so paths stay
 * relative; in Electron the page comes from a local protocol and the server is the configured one.
 * Read on every call so a server address saved in the desktop settings applies immediately.
 */
export async function serverBaseUrl(): Promise<string> {
  const desktop = window.receptivoDesktop;
  if (!desktop) return '';
  const { serverUrl } = await desktop.getSettings();
  return serverUrl.replace(/\/+$/, '');
}
