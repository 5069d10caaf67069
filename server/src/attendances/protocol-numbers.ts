import type { EntityManager } from 'typeorm';

// Made once: building an Intl formatter costs more than the statement that starts an attendance.
const brazilYearFormat = new Intl.DateTimeFormat('en', { timeZone: 'America/Sao_Paulo', year: 'numeric' });
/** Protocols carry the year in Brasília, whatever the server's time zone. */
export const yearInBrazil = (date: Date) => Number(brazilYearFormat.format(date));

/** The next protocol: a database sequence, never max()+1, so parallel starts never collide. */
export async function nextProtocol(manager: EntityManager, now: Date): Promise<string> {
  const [{ protocol }] = await manager.query<{ protocol: string }[]>("SELECT protocol_digits($1, nextval('protocol_sequence')) AS protocol", [yearInBrazil(now)]);
  return protocol;
}
