import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { applyLinuxAutostart, linuxAutostartEntry } from './linux-autostart';

describe('Linux autostart entry', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'receptivo-home-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('is an XDG desktop entry under ~/.config/autostart that runs the installed app', () => {
    const entry = linuxAutostartEntry({ home, execPath: '/opt/Receptivo/receptivo' });
    expect(entry.path).toBe(path.join(home, '.config', 'autostart', 'receptivo.desktop'));
    expect(entry.content).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Receptivo',
        'Comment=Mesa de atendimento receptivo',
        'Exec="/opt/Receptivo/receptivo"',
        'Icon=receptivo',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('runs the AppImage file, not the mount it was unpacked to', () => {
    const entry = linuxAutostartEntry({ home, execPath: '/tmp/.mount_ReceptXYZ/receptivo', appImage: '/opt/Aplicativos/Receptivo-0.1.0-x86_64.AppImage' });
    expect(entry.content).toContain('Exec="/opt/Aplicativos/Receptivo-0.1.0-x86_64.AppImage"\n');
  });

  it('escapes the path as the Desktop Entry spec asks', () => {
    const entry = linuxAutostartEntry({ home, execPath: '/opt/zé/100% "$dir"/a\\b`x`/receptivo' });
    expect(entry.content).toContain('Exec="/opt/zé/100%% \\\\"\\\\$dir\\\\"/a\\\\\\\\b\\\\`x\\\\`/receptivo"\n');
  });

  it('follows an absolute XDG_CONFIG_HOME and ignores a relative one', () => {
    expect(linuxAutostartEntry({ home, xdgConfigHome: '/srv/config', execPath: '/x' }).path).toBe('/srv/config/autostart/receptivo.desktop');
    expect(linuxAutostartEntry({ home, xdgConfigHome: 'config', execPath: '/x' }).path).toBe(path.join(home, '.config', 'autostart', 'receptivo.desktop'));
  });

  it('writes the entry when enabled and removes it when disabled', async () => {
    const entry = linuxAutostartEntry({ home, execPath: '/opt/Receptivo/receptivo' });
    await applyLinuxAutostart(true, entry);
    expect(await readFile(entry.path, 'utf8')).toBe(entry.content);
    await applyLinuxAutostart(true, entry);
    expect(await readFile(entry.path, 'utf8')).toBe(entry.content);

    await applyLinuxAutostart(false, entry);
    await expect(stat(entry.path)).rejects.toMatchObject({ code: 'ENOENT' });
    // Already off: nothing to do, no error.
    await expect(applyLinuxAutostart(false, entry)).resolves.toBeUndefined();
  });
});
