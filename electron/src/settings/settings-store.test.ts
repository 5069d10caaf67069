import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createSettingsStore, DEFAULT_SETTINGS, InvalidSettingsError, SETTINGS_FILE } from './settings-store';

describe('settings store', () => {
  let dir: string;
  const fixedClock = () => new Date('2026-11-28T07:29:05.123Z');

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'receptivo-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the default server when no settings file exists', async () => {
    await expect(createSettingsStore(dir).load()).resolves.toEqual({ serverUrl: 'http://127.0.0.1:3000', startAtLogin: true });
    expect(await readdir(dir)).toEqual([]);
  });

  it('saves and loads the settings back, trimmed', async () => {
    const store = createSettingsStore(dir);
    await expect(store.save({ serverUrl: '  https://receptivo.prefeitura.example:8443 ', startAtLogin: false })).resolves.toEqual({
      serverUrl: 'https://receptivo.prefeitura.example:8443',
      startAtLogin: false,
    });

    await expect(createSettingsStore(dir).load()).resolves.toEqual({ serverUrl: 'https://receptivo.prefeitura.example:8443', startAtLogin: false });
    // The temporary file of the atomic write does not stay behind.
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('creates the directory on first save', async () => {
    const nested = path.join(dir, 'Receptivo');
    await createSettingsStore(nested).save({ serverUrl: 'http://10.0.0.5:3000', startAtLogin: true });
    expect(JSON.parse(await readFile(path.join(nested, SETTINGS_FILE), 'utf8'))).toEqual({ serverUrl: 'http://10.0.0.5:3000', startAtLogin: true });
  });

  it('starts at login when a file from before the setting does not say', async () => {
    await writeFile(path.join(dir, SETTINGS_FILE), JSON.stringify({ serverUrl: 'http://10.0.0.5:3000' }));
    await expect(createSettingsStore(dir).load()).resolves.toEqual({ serverUrl: 'http://10.0.0.5:3000', startAtLogin: true });
  });

  it.each([
    ['is not JSON', '{"serverUrl": "http://10.0.0.5:30'],
    ['fails the schema', JSON.stringify({ serverUrl: 'ftp://10.0.0.5' })],
    ['is JSON null', 'null'],
  ])('backs up a file that %s and returns the defaults', async (_case, content) => {
    await writeFile(path.join(dir, SETTINGS_FILE), content);

    await expect(createSettingsStore(dir, fixedClock).load()).resolves.toEqual(DEFAULT_SETTINGS);

    const backup = `${SETTINGS_FILE}.invalid-2026-11-28T07-29-05-123Z`;
    expect(await readdir(dir)).toEqual([backup]);
    expect(await readFile(path.join(dir, backup), 'utf8')).toBe(content);
  });

  it('can save good settings after a corrupt file was set aside', async () => {
    await writeFile(path.join(dir, SETTINGS_FILE), 'not json');
    const store = createSettingsStore(dir, fixedClock);
    await store.load();
    await store.save({ serverUrl: 'http://10.0.0.5:3000', startAtLogin: true });
    await expect(store.load()).resolves.toEqual({ serverUrl: 'http://10.0.0.5:3000', startAtLogin: true });
  });

  it.each([
    ['', 'Informe um endereço válido, por exemplo http://127.0.0.1:3000'],
    ['receptivo', 'Informe um endereço válido, por exemplo http://127.0.0.1:3000'],
    ['file:///etc/passwd', 'O endereço deve começar com http:// ou https://'],
  ])('refuses to save %j with the pt-BR message', async (serverUrl, message) => {
    await writeFile(path.join(dir, SETTINGS_FILE), JSON.stringify({ serverUrl: 'http://10.0.0.5:3000', startAtLogin: false }));
    const store = createSettingsStore(dir);

    const saving = store.save({ serverUrl, startAtLogin: true });
    await expect(saving).rejects.toBeInstanceOf(InvalidSettingsError);
    await expect(saving).rejects.toThrow(message);
    // The previous settings are untouched.
    await expect(store.load()).resolves.toEqual({ serverUrl: 'http://10.0.0.5:3000', startAtLogin: false });
  });
});
