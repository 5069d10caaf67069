import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AgentState, CallRinging, DesktopSettings } from '@receptivo/shared';
import type { CacheApi } from '../cache/cache-service';
import type { ScreenPop } from '../screen-pop/notification-decision';
import { createSettingsStore, InvalidSettingsError } from '../settings/settings-store';
import { createIpcHandlers, InvalidPayloadError, isTrustedSender } from './ipc-handlers';

const SERVER = 'http://10.0.0.5:3000';

const ringing = (callId = '1764321000.42'): CallRinging => ({
  callId,
  callerNumber: '11987654321',
  callerE164: '+5511987654321',
  callerName: 'Maria da Silva',
  queue: 'atendimento',
  waitSeconds: 3,
  ura: {},
  matches: [],
  callerHistory: null,
  uraRoute: null,
});

describe('IPC handler table', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'receptivo-ipc-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function build() {
    const saved: DesktopSettings[] = [];
    const pops: ScreenPop[] = [];
    const states: AgentState[] = [];
    const cache = {
      setSession: jest.fn(async () => undefined),
      syncNow: jest.fn(),
      status: jest.fn(async () => ({ version: 7, lastSyncAt: null, informations: 3, syncing: false, error: null })),
      search: jest.fn(async () => ({ items: [] })),
      categories: jest.fn(async () => ({ items: [] })),
      information: jest.fn(async () => null),
      scripts: jest.fn(async () => ({ topics: [] })),
    } satisfies CacheApi;
    const handlers = createIpcHandlers({
      store: createSettingsStore(dir),
      appVersion: '0.1.0',
      settings: () => ({ serverUrl: SERVER, startAtLogin: true }),
      onSettingsSaved: (settings) => saved.push(settings),
      cache,
      screenPop: (pop) => pops.push(pop),
      onAgentState: (state) => states.push(state),
    });
    return { handlers, saved, pops, states, cache };
  }

  it('has exactly the channels of the shared map', () => {
    expect(Object.keys(build().handlers).sort()).toEqual([
      'agent:state',
      'app:version',
      'cache:categories',
      'cache:information',
      'cache:scripts',
      'cache:search',
      'cache:status',
      'call:ringing',
      'session:set',
      'settings:get',
      'settings:save',
    ]);
  });

  it('answers the app version', async () => {
    await expect(build().handlers['app:version']()).resolves.toBe('0.1.0');
  });

  it('gets the stored settings, defaults first', async () => {
    const { handlers } = build();
    await expect(handlers['settings:get']()).resolves.toEqual({ serverUrl: 'http://127.0.0.1:3000', startAtLogin: true });
    await handlers['settings:save']({ serverUrl: SERVER, startAtLogin: false });
    await expect(handlers['settings:get']()).resolves.toEqual({ serverUrl: SERVER, startAtLogin: false });
  });

  it('saves, replies with the normalized settings and tells main', async () => {
    const { handlers, saved } = build();
    await expect(handlers['settings:save']({ serverUrl: ` ${SERVER} `, startAtLogin: true })).resolves.toEqual({ serverUrl: SERVER, startAtLogin: true });
    expect(saved).toEqual([{ serverUrl: SERVER, startAtLogin: true }]);
  });

  it('refuses invalid settings without telling main', async () => {
    const { handlers, saved } = build();
    await expect(handlers['settings:save']({ serverUrl: 'javascript:alert(1)', startAtLogin: true })).rejects.toThrow(
      new InvalidSettingsError('O endereço deve começar com http:// ou https://'),
    );
    expect(saved).toEqual([]);
  });

  describe('session:set', () => {
    it('hands the session of the configured server to the cache, and the logout', async () => {
      const { handlers, cache } = build();
      await handlers['session:set']({ serverUrl: `${SERVER}/`, token: 'jwt' });
      await handlers['session:set'](null);
      expect(cache.setSession.mock.calls).toEqual([[{ serverUrl: `${SERVER}/`, token: 'jwt' }], [null]]);
    });

    it('refuses to send the token to another server', async () => {
      const { handlers, cache } = build();
      await expect(handlers['session:set']({ serverUrl: 'https://evil.test', token: 'jwt' })).rejects.toThrow(
        new InvalidPayloadError('A sessão não é do servidor configurado.'),
      );
      expect(cache.setSession).not.toHaveBeenCalled();
    });

    it.each([
      ['no token', { serverUrl: SERVER, token: '' }],
      ['no server', { token: 'jwt' }],
      ['a string', 'jwt'],
    ])('refuses a session with %s', async (_case, session) => {
      const { handlers, cache } = build();
      await expect(handlers['session:set'](session as never)).rejects.toBeInstanceOf(InvalidPayloadError);
      expect(cache.setSession).not.toHaveBeenCalled();
    });
  });

  describe('call:ringing', () => {
    it('pops each call once', async () => {
      const { handlers, pops } = build();
      await handlers['call:ringing'](ringing());
      await handlers['call:ringing'](ringing());
      await handlers['call:ringing'](ringing('1764321000.43'));
      expect(pops.map((pop) => pop.callId)).toEqual(['1764321000.42', '1764321000.43']);
      expect(pops[0]).toEqual({ callId: '1764321000.42', title: 'Maria da Silva', body: 'Chamada na fila atendimento\nTelefone: (11) 98765-4321' });
    });

    it('refuses an invalid call and shows nothing', async () => {
      const { handlers, pops } = build();
      await expect(handlers['call:ringing']({ callId: 'x' } as never)).rejects.toThrow(new InvalidPayloadError('Dados da chamada inválidos.'));
      expect(pops).toEqual([]);
    });
  });

  it('tells main the agent state, refusing an unknown one', async () => {
    const { handlers, states } = build();
    await handlers['agent:state']({ state: 'paused', reason: 'Almoço', pauseReasons: ['Almoço'] });
    await expect(handlers['agent:state']({ state: 'napping', pauseReasons: [] } as never)).rejects.toBeInstanceOf(InvalidPayloadError);
    await expect(handlers['agent:state']({ state: 'available' } as never)).rejects.toBeInstanceOf(InvalidPayloadError);
    expect(states).toEqual([{ state: 'paused', reason: 'Almoço', pauseReasons: ['Almoço'] }]);
  });

  it('answers the cache channels from the cache', async () => {
    const { handlers, cache } = build();
    await expect(handlers['cache:status']()).resolves.toMatchObject({ version: 7 });
    await expect(handlers['cache:categories']()).resolves.toEqual({ items: [] });
    await expect(handlers['cache:scripts']()).resolves.toEqual({ topics: [] });
    await expect(handlers['cache:information']({ id: '6f1c1d0e-6a57-4c43-9a57-2f1e0a4b9c11' })).resolves.toBeNull();
    expect(cache.information).toHaveBeenCalledWith('6f1c1d0e-6a57-4c43-9a57-2f1e0a4b9c11');
    await expect(handlers['cache:information']({ id: '../../etc/passwd' })).rejects.toBeInstanceOf(InvalidPayloadError);
  });

  it('validates a search as the server does, with its default limit', async () => {
    const { handlers, cache } = build();
    await handlers['cache:search']({ q: '  iluminação ' });
    await handlers['cache:search']({ keyword: 'lâmpada' });
    expect(cache.search.mock.calls).toEqual([[{ q: 'iluminação', limit: 20 }], [{ keyword: 'lâmpada', limit: 20 }]]);
    await expect(handlers['cache:search']({})).rejects.toThrow(new InvalidPayloadError('Informe o texto da busca ou a palavra-chave.'));
    await expect(handlers['cache:search']({ q: 'a', keyword: 'b' })).rejects.toBeInstanceOf(InvalidPayloadError);
    await expect(handlers['cache:search']({ q: 'x'.repeat(201) })).rejects.toBeInstanceOf(InvalidPayloadError);
    expect(cache.search).toHaveBeenCalledTimes(2);
  });
});

describe('isTrustedSender', () => {
  const settings = { serverUrl: 'https://receptivo.prefeitura.example:8443/app/', startAtLogin: true };
  const localPage = 'file:///opt/Receptivo/resources/app.asar/static/settings.html';

  it.each([
    'https://receptivo.prefeitura.example:8443/',
    'https://receptivo.prefeitura.example:8443/atendimentos/123?aba=historico#topo',
    'https://RECEPTIVO.prefeitura.example:8443/login',
  ])('trusts the configured server: %s', (url) => {
    expect(isTrustedSender(url, settings, localPage)).toBe(true);
  });

  it('trusts the local settings page, with its error query', () => {
    expect(isTrustedSender(localPage, settings, localPage)).toBe(true);
    expect(isTrustedSender(`${localPage}?url=https%3A%2F%2Fx&error=ERR_CONNECTION_REFUSED`, settings, localPage)).toBe(true);
  });

  it.each([
    ['another scheme', 'http://receptivo.prefeitura.example:8443/'],
    ['another port', 'https://receptivo.prefeitura.example/'],
    ['another host', 'https://receptivo.prefeitura.example.evil.test:8443/'],
    ['a subdomain', 'https://x.receptivo.prefeitura.example:8443/'],
    ['another local file', 'file:///tmp/settings.html'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['a blank page', 'about:blank'],
    ['an empty URL', ''],
    ['garbage', 'not a url'],
  ])('refuses %s', (_case, url) => {
    expect(isTrustedSender(url, settings, localPage)).toBe(false);
  });
});
