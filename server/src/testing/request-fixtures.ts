import { execFile } from 'node:child_process';
import type { Response } from 'superagent';
import { DataSource } from 'typeorm';
import { type Channel, type Request, attendanceSchema, categoryTreeSchema, issuedPasswordSchema, requestSchema } from '@receptivo/shared';
import { Clock } from '../common/clock';
import type { TestApp } from './test-app';

export type Auth = { Authorization: string };
export const bearer = (token: string): Auth => ({ Authorization: `Bearer ${token}` });

interface Property {
  type?: string;
  enum?: unknown[];
  minimum?: number;
}

/** A valid answer for a form schema: its required fields filled with the first acceptable value. */
export function validForm(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Property>;
  const required = (schema.required ?? []) as string[];
  return Object.fromEntries(
    required.map((name) => {
      const property = properties[name];
      if (property.enum) return [name, property.enum[0]];
      if (property.type === 'integer' || property.type === 'number') return [name, property.minimum ?? 1];
      if (property.type === 'boolean') return [name, true];
      return [name, 'Informado no teste'];
    }),
  );
}

export const address = (street: string, number: string) => ({
  cep: '01310-100',
  street,
  number,
  neighborhood: 'Bela Vista',
  city: 'São Paulo',
  state: 'SP' as const,
});

/**
 * The clock of a test server, moved by hand: every `Clock.now()` of the app answers the real
 * time plus the offset set here.
 */
export function controlClock(server: TestApp) {
  const clock = server.app.get(Clock);
  const real = clock.now.bind(clock);
  let offset = 0;
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + offset));
  return {
    now: () => clock.now(),
    advanceHours(hours: number) {
      offset += hours * 3_600_000;
    },
    setTo(instant: Date) {
      offset = instant.getTime() - real().getTime();
    },
    reset() {
      offset = 0;
    },
  };
}

let streetNumber = 1000;

/** Registering requests through the API as the desk does, and back-office users per organ. */
export async function requestDesk(server: TestApp) {
  const attendant = bearer(await server.login('attendant'));
  const admin = bearer(await server.login('admin'));
  const tree = categoryTreeSchema.parse((await server.http.get('/api/categories').set(attendant).expect(200)).body);
  const types = new Map(tree.items.flatMap((category) => category.requestTypes.map((type) => [type.name, type] as const)));
  const organRows = await server.app.get(DataSource).query<{ id: string; name: string }[]>('SELECT id, name FROM organs');
  const organs = new Map(organRows.map((organ) => [organ.name, organ.id]));

  const type = (name: string) => {
    const found = types.get(name);
    if (!found) throw new Error(`no demo request type ${name}`);
    return found;
  };

  return {
    attendant,
    admin,
    type,
    organId(name: string) {
      const id = organs.get(name);
      if (!id) throw new Error(`no demo organ ${name}`);
      return id;
    },

    async startAttendance(options: { channel?: Channel; customerId?: string } = {}) {
      const attendance = attendanceSchema.parse(
        (await server.http.post('/api/attendances').set(attendant).send({ channel: options.channel ?? 'phone' }).expect(201)).body,
      );
      if (options.customerId) {
        await server.http.put(`/api/attendances/${attendance.id}/customer`).set(attendant).send({ customerId: options.customerId }).expect(200);
      }
      return attendance;
    },

    async register(
      typeName: string,
      options: { attendanceId?: string; customerId?: string; channel?: Channel; street?: string; number?: string } = {},
    ): Promise<Request> {
      const attendanceId = options.attendanceId ?? (await this.startAttendance(options)).id;
      const requestType = type(typeName);
      const response = await server.http
        .post(`/api/attendances/${attendanceId}/requests`)
        .set(attendant)
        .send({
          requestTypeId: requestType.id,
          form: validForm(requestType.formSchema),
          address: address(options.street ?? 'Rua dos Testes', options.number ?? String(streetNumber++)),
        })
        .expect(201);
      return requestSchema.parse(response.body);
    },

    /** A new back-office user of the organ, signed in. */
    async backoffice(organName: string, username = `retaguarda.${streetNumber++}`): Promise<Auth> {
      const created = issuedPasswordSchema.parse(
        (
          await server.http
            .post('/api/users')
            .set(admin)
            .send({ username, name: `Retaguarda ${organName}`, role: 'backoffice', organId: this.organId(organName) })
            .expect(201)
        ).body,
      );
      const login = await server.http.post('/api/auth/login').send({ username, password: created.password }).expect(200);
      return bearer(login.body.token);
    },
  };
}

export type RequestDesk = Awaited<ReturnType<typeof requestDesk>>;

/** A supertest parser that keeps the body as bytes (downloads). */
export function binary(response: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

// pdf.js (inside pdf-parse) loads its worker with a dynamic import(), which jest's module sandbox
// refuses: the PDF is read by a plain Node process instead.
const PDF_TEXT_SCRIPT = `
const { PDFParse } = require(${JSON.stringify(require.resolve('pdf-parse'))});
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  process.stdout.write((await parser.getText()).text);
  await parser.destroy();
});`;

/** The text a PDF shows, as a PDF reader extracts it (pdf-parse, on Mozilla's pdf.js). */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = execFile(process.execPath, ['-e', PDF_TEXT_SCRIPT], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
    reader.stdin!.end(pdf);
  });
}
