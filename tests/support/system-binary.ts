import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

// Debian puts daemons such as nginx in /usr/sbin, which a non-root PATH often lacks.
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** Absolute path of an executable of a Debian package; fails naming the package to install. */
export function systemBinary(name: string, debianPackage: string): string {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SYSTEM_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  throw new Error(`${name} is not installed (looked in ${dirs.join(', ')}): apt-get install ${debianPackage} (.ci/run does)`);
}

/** Whether a process with this pid exists (a zombie counts until its parent reaps it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
