import { contentSecurityPolicy, withContentSecurityPolicy } from './content-security-policy';

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));

describe('content security policy', () => {
  it('lets the page connect to its server over HTTP and the Socket.IO WebSocket', () => {
    expect(directives(contentSecurityPolicy('http://10.0.0.5:3000'))['connect-src']).toEqual(["'self'", 'http://10.0.0.5:3000', 'ws://10.0.0.5:3000']);
    expect(directives(contentSecurityPolicy('https://receptivo.prefeitura.example/app/'))['connect-src']).toEqual([
      "'self'",
      'https://receptivo.prefeitura.example',
      'wss://receptivo.prefeitura.example',
    ]);
  });

  it('allows scripts and styles from the server only, and no plugins, framing or eval', () => {
    const policy = directives(contentSecurityPolicy('http://10.0.0.5:3000'));
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(contentSecurityPolicy('http://10.0.0.5:3000')).not.toMatch(/unsafe/);
  });
});

describe('withContentSecurityPolicy', () => {
  const server = 'http://10.0.0.5:3000';

  it('sets the policy on the server responses, replacing one the server sent in any case', () => {
    const headers = withContentSecurityPolicy(
      'http://10.0.0.5:3000/atendimentos',
      { 'content-type': ['text/html'], 'content-security-policy': ["default-src *"], 'CONTENT-SECURITY-POLICY': ['x'] },
      server,
    );
    expect(headers).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy(server)] });
    expect(withContentSecurityPolicy('http://10.0.0.5:3000/', undefined, server)).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy(server)] });
  });

  it.each(['https://www.gov.br/', 'http://10.0.0.5:3001/', 'devtools://devtools/bundled/x.html', 'not a url'])('leaves other responses alone: %s', (url) => {
    const headers = { 'content-type': ['text/html'] };
    expect(withContentSecurityPolicy(url, headers, server)).toBe(headers);
  });
});
