import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { requestSchema } from '@receptivo/shared';
import { binary, requestDesk } from '../testing/request-fixtures';
import { type TestApp, bootTestApp } from '../testing/test-app';
import { createTestDatabase } from '../testing/test-database';

const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), randomBytes(4096)]);

/** An install upgraded from the version that kept attachment files under DATA_DIR/attachments. */
describe('attachment files left on disk by an earlier version', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let server: TestApp | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-legacy-attachments-'));
  });
  afterAll(async () => {
    await server?.close();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('are copied into the database at start and served from it; a file that does not match its checksum is not', async () => {
    server = await bootTestApp(database.url, dataDir);
    const desk = await requestDesk(server);
    const request = await desk.register('Lâmpada apagada');
    const [kept, tampered] = [pdf(), pdf()];
    const response = await server.http
      .post(`/api/requests/${request.id}/reiterate`)
      .set(desk.attendant)
      .field('description', 'Fotos do poste.')
      .attach('files', kept, 'laudo.pdf')
      .attach('files', tampered, 'outro.pdf')
      .expect(200);
    const [keptFile, tamperedFile] = requestSchema.parse(response.body).timeline.at(-1)!.attachments;

    // As the earlier version left them: rows in the database, bytes on disk only.
    const db = server.app.get(DataSource);
    await db.query('DELETE FROM request_attachment_contents WHERE attachment_id IN ($1, $2)', [keptFile.id, tamperedFile.id]);
    const folder = join(dataDir, 'attachments', request.id);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, keptFile.id), kept);
    await writeFile(join(folder, tamperedFile.id), Buffer.concat([tampered, Buffer.from('x')]));
    const path = (id: string) => `/api/requests/${request.id}/attachments/${id}`;
    await server.http.get(path(keptFile.id)).set(desk.attendant).expect(404);

    await server.close();
    server = undefined;
    const restarted = (server = await bootTestApp(database.url, dataDir));
    const attendant = { Authorization: `Bearer ${await restarted.login('attendant')}` };
    const download = await restarted.http.get(path(keptFile.id)).set(attendant).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(download.body as Buffer, kept)).toBe(0);
    const missing = await restarted.http.get(path(tamperedFile.id)).set(attendant).expect(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
  });
});
