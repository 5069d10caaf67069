/**
 * The Content-Security-Policy of the server's pages in the app: scripts, styles and connections
 * only from the server (HTTP and its Socket.IO WebSocket), no plugins, no framing, no eval.
 */
export function contentSecurityPolicy(serverUrl: string): string {
  const server = new URL(serverUrl);
  const socket = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // data: for the page's inline favicon; blob: for files fetched with the token (PDFs, downloads).
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${server.origin} ${socket}`,
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
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
