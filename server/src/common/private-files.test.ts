import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePrivateFolder, makeTreePrivate, readOrCreateSecret, writePrivateFile } from './private-files';

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/** Files 0600 and folders 0700 whatever the umask and whatever was there before. */
describe('private files', () => {
  let root: string;
  let umask: number;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'receptivo-private-'));
    // The most permissive umask: nothing the helpers do may rely on it.
    umask = process.umask(0);
  });
  afterEach(async () => {
    process.umask(umask);
    await rm(root, { recursive: true, force: true });
  });

  it('writes a new file 0600, and makes a world-readable one there before 0600', async () => {
    await writePrivateFile(join(root, 'new.eml'), 'x');
    expect(await modeOf(join(root, 'new.eml'))).toBe(0o600);
    await writeFile(join(root, 'old.txt'), 'old', { mode: 0o644 });
    await writePrivateFile(join(root, 'old.txt'), 'new');
    expect(await modeOf(join(root, 'old.txt'))).toBe(0o600);
    expect(await readFile(join(root, 'old.txt'), 'utf8')).toBe('new');
  });

  it('makes a folder 0700, new or there before, with the mode asked for', async () => {
    await makePrivateFolder(join(root, 'a', 'b'));
    expect(await modeOf(join(root, 'a', 'b'))).toBe(0o700);
    await mkdir(join(root, 'open'), { mode: 0o777 });
    await makePrivateFolder(join(root, 'open'));
    expect(await modeOf(join(root, 'open'))).toBe(0o700);
    await makePrivateFolder(join(root, 'open'), 0o711);
    expect(await modeOf(join(root, 'open'))).toBe(0o711);
  });

  it('keeps a secret across calls and makes an existing secret file 0600', async () => {
    const file = join(root, 'jwt-secret');
    const secret = await readOrCreateSecret(file, 48);
    expect(secret).toMatch(/^[\w-]{64}$/);
    await chmod(file, 0o644);
    expect(await readOrCreateSecret(file, 48)).toBe(secret);
    expect(await modeOf(file)).toBe(0o600);
  });

  it('makes a whole tree private without following links out of it', async () => {
    const outside = join(root, 'outside.txt');
    await writeFile(outside, 'not ours', { mode: 0o644 });
    const tree = join(root, 'attachments');
    await mkdir(join(tree, 'request'), { recursive: true, mode: 0o755 });
    await writeFile(join(tree, 'request', 'file'), 'bytes', { mode: 0o644 });
    await symlink(outside, join(tree, 'link'));
    await makeTreePrivate(tree);
    expect([await modeOf(tree), await modeOf(join(tree, 'request')), await modeOf(join(tree, 'request', 'file'))]).toEqual([0o700, 0o700, 0o600]);
    expect(await modeOf(outside)).toBe(0o644);
    await expect(makeTreePrivate(join(root, 'missing'))).resolves.toBeUndefined();
  });
});
