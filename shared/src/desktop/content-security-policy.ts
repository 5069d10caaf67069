/**
 * The Content-Security-Policy of the desk's pages, one list for both places that set it: the server
 * (helmet, for browsers) and the desktop app (on the server's responses). Scripts, styles and
 * connections only from the server, no plugins, no framing, no eval. `connectSrc` is what each adds
 * for the Socket.IO connection; `styleSrc` is widened only for the server's API docs page.
 */
export function deskCspDirectives({ connectSrc = [], styleSrc = [] }: { connectSrc?: string[]; styleSrc?: string[] } = {}): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", ...styleSrc],
    // data: for the page's inline favicon; blob: for files fetched with the token (PDFs, downloads).
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...connectSrc],
    'frame-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}
