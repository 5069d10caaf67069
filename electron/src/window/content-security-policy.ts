import { deskCspDirectives } from '@receptivo/shared';

/**
 * The Content-Security-Policy of the server's pages in the app (the desk's, shared with the server),
 * with the server's own origin and its WebSocket allowed to connect.
 */
export function contentSecurityPolicy(serverUrl: string): string {
  const server = new URL(serverUrl);
  const socket = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`;
  return Object.entries(deskCspDirectives({ connectSrc: [server.origin, socket] }))
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

export type ResponseHeaders = Record<string, string | string[]>;

/**
 * Response headers with the policy set on the server's responses (replacing any policy the
 * server sent, in whatever case); responses from elsewhere pass unchanged. Set as a header
 * rather than a meta tag so it covers every page and cannot be removed by the page itself.
 */
export function withContentSecurityPolicy(url: string, headers: ResponseHeaders | undefined, serverUrl: string): ResponseHeaders | undefined {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return headers;
  }
  if (origin !== new URL(serverUrl).origin) return headers;
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [contentSecurityPolicy(serverUrl)] };
}
