import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DesktopSettings } from '@receptivo/shared';
import { createSettingsStore, InvalidSettingsError } from '../settings/settings-store';
import { createIpcHandlers, isTrustedSender } from './ipc-handlers';

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
    const handlers = createIpcHandlers({
      store: createSettingsStore(dir),
      appVersion: '0.1.0',
      onSettingsSaved: (settings) => saved.push(settings),
    });
    return { handlers, saved };
  }

  it('has exactly the channels of the shared map', () => {
    expect(Object.keys(build().handlers).sort()).toEqual(['app:version', 'settings:get', 'settings:save']);
  });

  it('answers the app version', async () => {
    await expect(build().handlers['app:version']()).resolves.toBe('0.1.0');
  });

  it('gets the stored settings, defaults first', async () => {
    const { handlers } = build();
    await expect(handlers['settings:get']()).resolves.toEqual({ serverUrl: 'http://127.0.0.1:3000' });
    await handlers['settings:save']({ serverUrl: 'http://10.0.0.5:3000' });
    await expect(handlers['settings:get']()).resolves.toEqual({ serverUrl: 'http://10.0.0.5:3000' });
  });

  it('saves, replies with the normalized settings and tells main', async () => {
    const { handlers, saved } = build();
    await expect(handlers['settings:save']({ serverUrl: ' http://10.0.0.5:3000 ' })).resolves.toEqual({
      serverUrl: 'http://10.0.0.5:3000',
    });
    expect(saved).toEqual([{ serverUrl: 'http://10.0.0.5:3000' }]);
  });

  it('refuses invalid settings without telling main', async () => {
    const { handlers, saved } = build();
    await expect(handlers['settings:save']({ serverUrl: 'javascript:alert(1)' })).rejects.toThrow(
      new InvalidSettingsError('O endereço deve começar com http:// ou https://'),
    );
    expect(saved).toEqual([]);
  });
});

describe('isTrustedSender', () => {
  const settings = { serverUrl: 'https://receptivo.prefeitura.example:8443/app/' };
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
