import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { desktopSettingsSchema, type DesktopSettings } from '@receptivo/shared';

export const SETTINGS_FILE = 'settings.json';
export const DEFAULT_SETTINGS: DesktopSettings = { serverUrl: 'http://127.0.0.1:3000', startAtLogin: true };

/** Thrown by `save` for settings the schema refuses; `message` is the schema's pt-BR text. */
export class InvalidSettingsError extends Error {
  override readonly name = 'InvalidSettingsError';
}

export interface SettingsStore {
  load(): Promise<DesktopSettings>;
  save(settings: DesktopSettings): Promise<DesktopSettings>;
}

/**
 * Desktop settings kept as JSON in `dir` (Electron's userData in production).
 * `now` names the backup of a broken file, so tests can fix it.
 */
export function createSettingsStore(dir: string, now: () => Date = () => new Date()): SettingsStore {
  const file = path.join(dir, SETTINGS_FILE);

  // A broken file must not keep the app from starting: move it aside, so the attendant can
  // reconfigure and support can still read what was there.
  async function setAside(): Promise<void> {
    const stamp = now().toISOString().replace(/[:.]/g, '-'); // ':' is not allowed in Windows names
    await fs.rename(file, `${file}.invalid-${stamp}`);
  }

  return {
    async load() {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_SETTINGS };
        throw error;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        await setAside();
        return { ...DEFAULT_SETTINGS };
      }
      const parsed = desktopSettingsSchema.safeParse(json);
      if (!parsed.success) {
        await setAside();
        return { ...DEFAULT_SETTINGS };
      }
      return parsed.data;
    },

    async save(settings) {
      // Validated again here: over IPC the value comes from a renderer, whatever its declared type.
      const parsed = desktopSettingsSchema.safeParse(settings);
      if (!parsed.success) throw new InvalidSettingsError(parsed.error.issues[0]?.message);
      await fs.mkdir(dir, { recursive: true });
      // Write then rename, so a crash mid-write never leaves a half-written settings file.
      const temp = `${file}.${randomUUID()}.tmp`;
      try {
        await fs.writeFile(temp, `${JSON.stringify(parsed.data, null, 2)}\n`, 'utf8');
        await fs.rename(temp, file);
      } catch (error) {
        await fs.rm(temp, { force: true });
        throw error;
      }
      return parsed.data;
    },
  };
}
