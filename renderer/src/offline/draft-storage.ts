import { z } from 'zod';
import { attendanceSchema } from '@receptivo/shared';
import { emptyDraftState, type DraftState, type DraftStorage } from './draft-queue';

/**
 * The envelope is checked, not the API shapes inside: bodies are kept exactly as first sent (a resend
 * must hash alike on the server), and a newer server's shapes must not make drafts unreadable.
 */
const body = z.record(z.string(), z.unknown());

const operationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), body }),
  z.object({ kind: z.literal('link-customer'), body, customer: z.looseObject({ id: z.string(), name: z.string() }) }),
  z.object({ kind: z.literal('register-information'), body, title: z.string() }),
  z.object({ kind: z.literal('register-request'), body, typeName: z.string() }),
  z.object({ kind: z.literal('finish'), body }),
]);

const draftStateSchema = z.object({
  entries: z.array(
    z.object({
      key: z.string(),
      attendanceId: z.string(),
      attendanceProtocol: z.string().nullable(),
      operation: operationSchema,
      createdAt: z.string(),
      refusal: z.string().nullable(),
    }),
  ),
  started: z.record(z.string(), z.object({ id: z.string(), protocol: z.string(), startedAt: z.string().optional() })),
  confirmations: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['start', 'link-customer', 'register-information', 'register-request', 'finish']),
      protocol: z.string(),
      label: z.string().nullable(),
    }),
  ),
  /** Only shown while offline: one that does not parse is simply not shown. */
  lastAttendance: attendanceSchema.nullable().optional().catch(undefined),
});

export const draftStorageKey = (userId: string) => `receptivo.drafts.${userId}`;

/**
 * The drafts of one user in the window's localStorage: the browser's own storage, and in the
 * desktop app the renderer's storage that Electron keeps on disk under the user's profile, so the
 * same store serves both and survives a reload or a restart. Per user: another attendant signing
 * in on the same computer neither sees nor sends them.
 */
export function localDraftStorage(storage: Storage, userId: string): DraftStorage {
  const key = draftStorageKey(userId);
  return {
    read() {
      const raw = storage.getItem(key);
      if (!raw) return emptyDraftState;
      let parsed: ReturnType<typeof draftStateSchema.safeParse> | undefined;
      try {
        parsed = draftStateSchema.safeParse(JSON.parse(raw));
      } catch {
        parsed = undefined;
      }
      if (parsed?.success) return parsed.data as DraftState;
      // Never thrown away unread: set aside for support to recover, and the desk starts afresh.
      storage.setItem(`${key}.unreadable`, raw);
      console.error(`Receptivo: drafts in ${key} could not be read; kept in ${key}.unreadable`);
      return emptyDraftState;
    },
    write(state) {
      storage.setItem(key, JSON.stringify(state));
    },
  };
}
