import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../../server/src/testing/test-database';
import { until } from '../../server/src/testing/until';
import { startServer } from '../support/server-process';

/** The demo customers (server/src/customers/customers.seeder.ts) in every form a log could show them. */
const demoCustomers = [
  { phone: '+5511987654321', email: 'maria.silva@example.com' },
  { phone: '+5521998765432', email: 'joao.pereira@example.com' },
  { phone: '+5511955554444', email: 'carlos.souza@example.com', document: '52998224725' },
  { phone: '+5541988887777', email: 'beatriz.lima@example.com', document: '39053344705' },
];
const formattedCpf = (digits: string) => `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`;
const personalData = demoCustomers.flatMap(({ phone, email, document }) => [
  phone,
  phone.slice(3),
  `${phone.slice(5, 10)}-${phone.slice(10)}`,
  email,
  encodeURIComponent(email),
  ...(document ? [document, formattedCpf(document)] : []),
]);

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/**
 * LGPD on the built server: a whole attendance at LOG_LEVEL=debug leaves no CPF, e-mail or phone
 * in its output, each request line names its user, and what it writes under DATA_DIR is private.
 */
describe('personal data in logs and files', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'receptivo-personal-data-'));
    // What an earlier version left readable by everyone: the folder, an .eml, an attachment.
    await chmod(dataDir, 0o755);
    await mkdir(join(dataDir, 'mail'), { mode: 0o755 });
    await writeFile(join(dataDir, 'mail', 'earlier.eml'), 'Subject: senha temporária\n', { mode: 0o644 });
    await mkdir(join(dataDir, 'attachments', 'request'), { recursive: true, mode: 0o755 });
    await writeFile(join(dataDir, 'attachments', 'request', 'attachment'), 'bytes', { mode: 0o644 });
    await chmod(join(dataDir, 'mail', 'earlier.eml'), 0o644);
    await chmod(join(dataDir, 'attachments', 'request', 'attachment'), 0o644);
  });
  afterAll(async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a full attendance at debug: no CPF, e-mail or phone in the output, the user id on each request line, files 0600 and folders 0700', async () => {
    const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: 'debug', MAIL_RETRY_DELAY_SECONDS: '1' });
    const credentials = await readFile(join(dataDir, 'initial-credentials.txt'), 'utf8');
    const passwords = credentials.trim().split('\n').map((line) => line.split(' ')[2]);
    const [, username, password] = credentials.split('\n').find((line) => line.startsWith('attendant '))!.split(' ');
    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    let attendantId = '';
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const session = (await login.json()) as { token: string; user: { id: string } };
      attendantId = session.user.id;
      const call = async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: { Authorization: `Bearer ${session.token}`, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as any };
      };

      // The desk's searches: CPF, phone and e-mail in the query string, every form it accepts.
      const byDocument = await call('GET', `/api/customers?document=${encodeURIComponent('529.982.247-25')}`);
      expect(byDocument.status).toBe(200);
      const carlos = byDocument.body.items[0].id as string;
      for (const query of ['phone=%2B5511955554444', 'phone=11987654321', 'email=carlos.souza%40example.com', 'q=39053344705', `q=${encodeURIComponent('(41) 98888-7777')}`, 'q=joao.pereira%40example.com']) {
        expect((await call('GET', `/api/customers?${query}`)).status).toBe(200);
      }
      expect((await call('GET', `/api/customers/${carlos}`)).body.document).toBe('52998224725');
      expect((await call('GET', `/api/customers/${carlos}/history`)).status).toBe(200);

      // The attendance: customer, an information, a request, finished with the script e-mailed.
      const attendance = (await call('POST', '/api/attendances', { channel: 'phone' })).body;
      expect((await call('PUT', `/api/attendances/${attendance.id}/customer`, { customerId: carlos })).status).toBe(200);
      const lighting = (await call('GET', '/api/categories')).body.items.find((category: { name: string }) => category.name === 'Iluminação pública');
      expect((await call('POST', `/api/attendances/${attendance.id}/informations`, { informationId: lighting.informations[0].id })).status).toBe(201);
      const lamp = lighting.requestTypes.find((type: { name: string }) => type.name.startsWith('Lâmpada apagada'));
      const form = Object.fromEntries(
        Object.entries(lamp.formSchema.properties as Record<string, { type: string; enum?: string[] }>)
          .filter(([name]) => lamp.formSchema.required?.includes(name))
          .map(([name, property]) => [name, property.enum?.[0] ?? (property.type === 'string' ? 'Poste 123' : 1)]),
      );
      const address = { cep: '01310-100', street: 'Avenida Paulista', number: '1000', neighborhood: 'Bela Vista', city: 'São Paulo', state: 'SP' };
      expect((await call('POST', `/api/attendances/${attendance.id}/requests`, { requestTypeId: lamp.id, form, address })).status).toBe(201);
      expect((await call('POST', `/api/attendances/${attendance.id}/finish`, { sendScript: true })).status).toBe(200);
      expect((await call('GET', `/api/attendances/${attendance.id}`)).status).toBe(200);
      // A portal account: its e-mail carries a temporary password.
      expect((await call('POST', `/api/customers/${carlos}/portal-account`)).status).toBe(201);

      // A database error whose message and detail quote the customer's data: a 500 that says none of it.
      await sql.query(`CREATE FUNCTION refuse_customer() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'recusado: % %', NEW.document, NEW.email USING DETAIL = 'telefone +5511955554444'; END $$`);
      await sql.query('CREATE TRIGGER refuse_customer BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION refuse_customer()');
      const refused = await call('PATCH', `/api/customers/${carlos}`, { email: 'carlos.souza@example.com' });
      expect(refused).toMatchObject({ status: 500, body: { code: 'INTERNAL_ERROR' } });
      await sql.query('DROP TRIGGER refuse_customer ON customers');
      // A character PostgreSQL cannot store, next to a CPF (the audit's 500).
      await call('GET', `/api/customers?q=${encodeURIComponent('529.982.247-25\u0000')}`);

      // The script and the portal password as .eml files (no SMTP_URL), next to the earlier one.
      await until(async () => (await readdir(join(dataDir, 'mail'))).filter((name) => name.endsWith('.eml')).length >= 3, 'the two e-mails written');
    } finally {
      await sql.end();
      await server.stop();
    }

    const output = server.output();
    for (const text of [...personalData, ...passwords]) expect({ text, found: output.includes(text) }).toEqual({ text, found: false });
    const entries = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, any>);
    const requestLines = entries.filter((entry) => entry.msg === 'request completed' || entry.msg === 'request errored');
    expect(requestLines.find((entry) => entry.req.url.startsWith('/api/customers?document='))?.req.url).toBe('/api/customers?document=[redacted]');
    const signedIn = requestLines.filter((entry) => entry.req.url !== '/api/auth/login');
    expect(signedIn.length).toBeGreaterThanOrEqual(15);
    for (const entry of signedIn) expect({ url: entry.req.url, userId: entry.userId }).toEqual({ url: entry.req.url, userId: attendantId });
    const failure = entries.find((entry) => entry.context === 'ApiError' && /SQLSTATE P0001/.test(entry.msg));
    expect(failure?.msg).toMatch(/^request [\w-]+: QueryFailedError SQLSTATE P0001/);

    expect(await modeOf(dataDir)).toBe(0o700);
    for (const file of ['initial-credentials.txt', 'jwt-secret']) expect({ file, mode: await modeOf(join(dataDir, file)) }).toEqual({ file, mode: 0o600 });
    expect(await modeOf(join(dataDir, 'mail'))).toBe(0o700);
    for (const name of await readdir(join(dataDir, 'mail'))) expect({ name, mode: await modeOf(join(dataDir, 'mail', name)) }).toEqual({ name, mode: 0o600 });
    expect(await modeOf(join(dataDir, 'attachments'))).toBe(0o700);
    expect(await modeOf(join(dataDir, 'attachments', 'request'))).toBe(0o700);
    expect(await modeOf(join(dataDir, 'attachments', 'request', 'attachment'))).toBe(0o600);
  }, 60_000);
});
