import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What the server writes under DATA_DIR (secrets, the initial passwords, e-mail with temporary
 * portal passwords, attachments) is readable by its own account only: files 0600, folders 0700.
 * Modes are set with chmod after writing because the mode given to writeFile/mkdir is masked by
 * the umask and ignored for a file or folder that already exists.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_FOLDER_MODE = 0o700;

export async function writePrivateFile(path: string, data: string | Buffer): Promise<void> {
  await writeFile(path, data, { mode: PRIVATE_FILE_MODE });
  await chmod(path, PRIVATE_FILE_MODE);
}

/** The folder and its missing parents; the folder itself ends with `mode`, whatever it had. */
export async function makePrivateFolder(path: string, mode = PRIVATE_FOLDER_MODE): Promise<void> {
  await mkdir(path, { recursive: true, mode });
  await chmod(path, mode);
}

/** A secret generated once into `file` (0600), or the one already there, made 0600 if it was not. */
export async function readOrCreateSecret(file: string, bytes: number): Promise<string> {
  if (existsSync(file)) {
    await chmod(file, PRIVATE_FILE_MODE);
    return (await readFile(file, 'utf8')).trim();
  }
  const secret = randomBytes(bytes).toString('base64url');
  await writePrivateFile(file, `${secret}\n`);
  return secret;
}

/**
 * Every folder under `root` (itself included) 0700 and every file 0600: for what earlier versions
 * wrote world-readable. Symbolic links are neither followed nor changed.
 */
export async function makeTreePrivate(root: string): Promise<void> {
  const entry = await lstat(root).catch(() => undefined);
  if (!entry || entry.isSymbolicLink()) return;
  const mode = entry.isDirectory() ? PRIVATE_FOLDER_MODE : entry.isFile() ? PRIVATE_FILE_MODE : undefined;
  if (mode === undefined) return;
  // A mail folder may hold thousands of files: chmod only what needs it.
  if ((entry.mode & 0o777) !== mode) await chmod(root, mode);
  if (!entry.isDirectory()) return;
  for (const name of await readdir(root)) await makeTreePrivate(join(root, name));
}
