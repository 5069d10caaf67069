/**
 * A random UUID (v4). Not crypto.randomUUID: browsers offer it only on https or localhost, and the
 * desk is often served over plain http inside the call center's network.
 */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const localPrefix = 'local-';

/** The id of an attendance started while the server was unreachable, until the server gives it one. */
export const localAttendanceId = () => `${localPrefix}${randomId()}`;

export const isLocalAttendance = (id: string) => id.startsWith(localPrefix);
