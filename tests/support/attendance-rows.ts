import { Client } from 'pg';

export interface CallAttendanceRow {
  id: string;
  call_id: string;
  attendant_id: string;
  talk_seconds: number | null;
}

/** The attendances started for calls, as the database holds them (what fault tests check after a failure). */
export async function callAttendances(url: string): Promise<CallAttendanceRow[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<CallAttendanceRow>('SELECT id, call_id, attendant_id, talk_seconds FROM attendances WHERE call_id IS NOT NULL')).rows;
  } finally {
    await client.end();
  }
}
