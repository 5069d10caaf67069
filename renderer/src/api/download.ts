import type { ApiClient } from './client';

/**
 * Saves a file the API serves. A plain link cannot carry the session's token, so the file is fetched
 * by the client and handed to the browser (or Electron's download handler) through an object URL.
 */
export async function downloadFile(api: ApiClient, path: string, fileName: string): Promise<void> {
  saveFile(await api.download(path), fileName);
}

/** Hands a file made or fetched here to the browser's (or Electron's) download. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the URL after the click's task; freeing it at once could cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
