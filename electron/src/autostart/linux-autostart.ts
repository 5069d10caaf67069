import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface LinuxAutostartEntry {
  /** ~/.config/autostart/receptivo.desktop (or under XDG_CONFIG_HOME). */
  path: string;
  content: string;
}

export interface LinuxAutostartInput {
  home: string;
  /** XDG_CONFIG_HOME; ignored unless absolute, as the XDG spec says. */
  xdgConfigHome?: string;
  execPath: string;
  /** APPIMAGE: the AppImage file. Its execPath lies in a mount that changes on every run. */
  appImage?: string;
}

// Desktop Entry spec: an argument with reserved characters goes in double quotes, where " ` $ \
// are backslash-escaped; the value then escapes backslashes once more, and % is doubled.
function execArgument(file: string): string {
  const quoted = `"${file.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

/** The XDG autostart entry that opens the installed app when the attendant signs in. */
export function linuxAutostartEntry({ home, xdgConfigHome, execPath, appImage }: LinuxAutostartInput): LinuxAutostartEntry {
  const configDir = xdgConfigHome && path.isAbsolute(xdgConfigHome) ? xdgConfigHome : path.join(home, '.config');
  const content = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Receptivo',
    'Comment=Mesa de atendimento receptivo',
    `Exec=${execArgument(appImage || execPath)}`,
    'Icon=receptivo',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
  return { path: path.join(configDir, 'autostart', 'receptivo.desktop'), content };
}

/** Writes the entry (start at login) or removes it. */
export async function applyLinuxAutostart(enabled: boolean, entry: LinuxAutostartEntry): Promise<void> {
  if (!enabled) {
    await fs.rm(entry.path, { force: true });
    return;
  }
  await fs.mkdir(path.dirname(entry.path), { recursive: true });
  await fs.writeFile(entry.path, entry.content, 'utf8');
}
