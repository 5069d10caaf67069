import { parse as parseDisposition } from 'content-disposition';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  type Request,
  type RequestAction,
  type RequestEventKind,
  attachmentLimits,
  formatProtocol,
  requestActionRule,
  requestSchema,
} from '@receptivo/shared';
import { type SmtpListener, startSmtpListener } from '../testing/smtp-listener';
import { type TestApp, startTestApp } from '../testing/test-app';
import { type Auth, type RequestDesk, binary, controlClock, pdfText, requestDesk } from '../testing/request-fixtures';

const LAMP = 'Lâmpada apagada'; // SLA 72 h, restart window 48 h
const BULKY = 'Retirada de objetos volumosos (Cata-Bagulho)'; // SLA 240 h, restart disabled
const LIGHTING = 'Departamento de Iluminação Pública';
const CLEANING = 'Autoridade Municipal de Limpeza Urbana';

const pdfBytes = (size = 2048) => Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(size)]);
const pngBytes = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(512)]);

interface Part {
  name: string;
  bytes: Buffer;
}

/** A multipart body written by hand, so file names reach the server exactly as given (path parts and all). */
function multipart(fields: Record<string, string>, files: Part[], field = 'files') {
  const boundary = `----receptivo${randomBytes(8).toString('hex')}`;
  const escape = (text: string) => text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${escape(file.name)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        'utf8',
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

const kindOf: Record<RequestAction, RequestEventKind> = { reiterate: 'reiterated', complaint: 'complaint', restart: 'restarted', cancel: 'cancelled' };

describe('request lifecycle', () => {
  let smtp: SmtpListener;
  let server: TestApp;
  let desk: RequestDesk;
  let clock: ReturnType<typeof controlClock>;
  let lighting: Auth;
  let cleaning: Auth;
  let customerWithEmail: string;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    server = await startTestApp({ SMTP_URL: smtp.url });
    desk = await requestDesk(server);
    clock = controlClock(server);
    lighting = await desk.backoffice(LIGHTING);
    cleaning = await desk.backoffice(CLEANING);
    customerWithEmail = (await server.http.get('/api/customers?phone=11955554444').set(desk.attendant).expect(200)).body.items[0].id;
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  const view = async (id: string) => requestSchema.parse((await server.http.get(`/api/requests/${id}`).set(desk.attendant).expect(200)).body);
  const backofficeOf = (request: Request) => (request.organName === LIGHTING ? lighting : cleaning);
  const setStatus = (request: Request, status: 'in_progress' | 'finished', response?: string) =>
    server.http
      .post(`/api/requests/${request.id}/status`)
      .set(backofficeOf(request))
      .send({ status, response: response ?? (status === 'finished' ? 'Serviço executado.' : undefined) });

  const act = (id: string, action: RequestAction, text = `Texto de ${action}`) => {
    const call = server.http.post(`/api/requests/${id}/${action}`).set(desk.attendant);
    if (action === 'reiterate') {
      const { contentType, body } = multipart({ description: text }, []);
      return call.set('Content-Type', contentType).send(body);
    }
    return call.send(action === 'restart' || action === 'cancel' ? { reason: text } : { description: text });
  };

  /** Everything an action could write: the request row, its events and attachments, the attachments' bytes (of any request). */
  const footprint = async (id: string) => {
    const db = server.app.get(DataSource);
    const [row] = await db.query('SELECT * FROM requests WHERE id = $1', [id]);
    const events = await db.query('SELECT * FROM request_events WHERE request_id = $1 ORDER BY seq', [id]);
    const attachments = await db.query('SELECT * FROM request_attachments WHERE request_id = $1', [id]);
    const files = await db.query('SELECT attachment_id FROM request_attachment_contents ORDER BY attachment_id');
    return { row, events, attachments, files };
  };

  it('follows the rule table (status × deadline × restart window × action) through the clock, writing nothing on a refusal', async () => {
    const cells: { typeName: string; status: Request['status']; atHours: number }[] = [
      { typeName: LAMP, status: 'open', atHours: 1 },
      { typeName: LAMP, status: 'open', atHours: 73 },
      { typeName: LAMP, status: 'in_progress', atHours: 1 },
      { typeName: LAMP, status: 'in_progress', atHours: 73 },
      { typeName: LAMP, status: 'finished', atHours: 1 },
      { typeName: LAMP, status: 'finished', atHours: 73 },
      { typeName: LAMP, status: 'cancelled', atHours: 1 },
      { typeName: LAMP, status: 'cancelled', atHours: 73 },
      { typeName: BULKY, status: 'open', atHours: 241 },
      { typeName: BULKY, status: 'finished', atHours: 1 },
      { typeName: BULKY, status: 'finished', atHours: 241 },
    ];
    const actions: RequestAction[] = ['reiterate', 'complaint', 'restart', 'cancel'];
    const cases: { cell: (typeof cells)[number]; action: RequestAction; request: Request }[] = [];
    for (const cell of cells) {
      for (const action of actions) {
        const request = await desk.register(cell.typeName);
        if (cell.status === 'in_progress' || cell.status === 'finished') await setStatus(request, cell.status).expect(200);
        if (cell.status === 'cancelled') await act(request.id, 'cancel').expect(200);
        cases.push({ cell, action, request });
      }
    }

    const outcomes: string[] = [];
    for (const atHours of [...new Set(cells.map((cell) => cell.atHours))]) {
      clock.reset();
      clock.advanceHours(atHours);
      for (const { cell, action, request } of cases.filter((item) => item.cell.atHours === atHours)) {
        const before = await view(request.id);
        expect(before.status).toBe(cell.status);
        const type = desk.type(cell.typeName);
        const verdict = requestActionRule(
          action,
          {
            status: before.status,
            deadline: new Date(before.deadline),
            finishedAt: before.finishedAt ? new Date(before.finishedAt) : null,
            restartWindowHours: type.restartWindowHours,
          },
          clock.now(),
        );
        expect(before.allowedActions.includes(action)).toBe(verdict.allowed);
        const written = await footprint(request.id);
        const response = await act(request.id, action);
        if (verdict.allowed) {
          expect(response.status).toBe(200);
          const after = requestSchema.parse(response.body);
          expect(after.timeline.at(-1)).toMatchObject({ kind: kindOf[action], description: `Texto de ${action}`, actor: { name: 'Ana Atendente' } });
          expect(Date.parse(after.timeline.at(-1)!.at)).toBeGreaterThanOrEqual(clock.now().getTime() - 60_000);
        } else {
          expect(response.status).toBe(422);
          expect(response.body).toMatchObject({ code: 'BUSINESS_RULE', message: verdict.message });
          expect(await footprint(request.id)).toEqual(written);
        }
        outcomes.push(`${cell.typeName === LAMP ? 'lamp' : 'bulky'} ${cell.status} +${atHours}h ${action}: ${verdict.allowed ? 'ok' : 'refused'}`);
      }
    }
    // The table's shape, so a change of the rules shows up here too.
    expect(outcomes.filter((line) => line.endsWith('ok'))).toEqual([
      'lamp open +1h reiterate: ok',
      'lamp open +1h cancel: ok',
      'lamp in_progress +1h reiterate: ok',
      'lamp in_progress +1h cancel: ok',
      'lamp finished +1h restart: ok',
      'lamp open +73h reiterate: ok',
      'lamp open +73h complaint: ok',
      'lamp open +73h cancel: ok',
      'lamp in_progress +73h reiterate: ok',
      'lamp in_progress +73h complaint: ok',
      'lamp in_progress +73h cancel: ok',
      'bulky open +241h reiterate: ok',
      'bulky open +241h complaint: ok',
      'bulky open +241h cancel: ok',
    ]);
  }, 120_000);

  it('restarts a finished request with a new deadline from now, clears the response and keeps it in the timeline', async () => {
    const request = await desk.register(LAMP);
    await setStatus(request, 'finished', 'Lâmpada trocada em 02/03.').expect(200);
    clock.advanceHours(10);
    const restarted = requestSchema.parse((await act(request.id, 'restart', 'Apagou de novo.').expect(200)).body);
    expect(restarted).toMatchObject({ status: 'open', response: null, finishedAt: null, allowedActions: ['reiterate', 'cancel'] });
    expect(Math.abs(Date.parse(restarted.deadline) - (clock.now().getTime() + 72 * 3_600_000))).toBeLessThan(60_000);
    expect(restarted.timeline.map((event) => event.kind)).toEqual(['registered', 'status_changed', 'responded', 'restarted']);
    expect(restarted.timeline[2].description).toBe('Lâmpada trocada em 02/03.');
    expect(restarted.timeline[3]).toMatchObject({ description: 'Apagou de novo.', actor: { name: 'Ana Atendente' } });
  });

  it('cancels with or without a reason and answers the request', async () => {
    const withReason = await desk.register(LAMP);
    const cancelled = requestSchema.parse((await act(withReason.id, 'cancel', 'A lâmpada voltou a acender.').expect(200)).body);
    expect(cancelled).toMatchObject({ status: 'cancelled', allowedActions: [] });
    expect(cancelled.timeline.at(-1)).toMatchObject({ kind: 'cancelled', description: 'A lâmpada voltou a acender.' });

    const withoutReason = await desk.register(LAMP);
    const plain = await server.http.post(`/api/requests/${withoutReason.id}/cancel`).set(desk.attendant).send({}).expect(200);
    expect(plain.body.timeline.at(-1)).toMatchObject({ kind: 'cancelled', description: 'Cancelamento realizado a pedido do cidadão.' });
  });

  it('asks for the description and the reason in pt-BR', async () => {
    const request = await desk.register(LAMP);
    const reiterate = await server.http.post(`/api/requests/${request.id}/reiterate`).set(desk.attendant).send({ description: '  ' }).expect(400);
    expect(reiterate.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { description: 'Descreva a reiteração.' } });
    const restart = await server.http.post(`/api/requests/${request.id}/restart`).set(desk.attendant).send({}).expect(400);
    expect(restart.body.fields).toEqual({ reason: 'Informe o motivo do reinício.' });
    await server.http.post(`/api/requests/${request.id}/complaint`).set(lighting).send({ description: 'x' }).expect(403);
  });

  describe('attachments', () => {
    const contentOf = async (attachmentId: string): Promise<Buffer> =>
      (await server.app.get(DataSource).query('SELECT bytes FROM request_attachment_contents WHERE attachment_id = $1', [attachmentId]))[0].bytes;
    const reiterateWith = (id: string, files: Part[], description = 'Segue a foto do poste.') => {
      const { contentType, body } = multipart({ description }, files);
      return server.http.post(`/api/requests/${id}/reiterate`).set(desk.attendant).set('Content-Type', contentType).send(body);
    };

    it('stores files in the database by id (nothing on disk), detects their type, and serves them back byte for byte as downloads', async () => {
      const request = await desk.register(LAMP);
      const pdf = pdfBytes();
      const png = pngBytes();
      const text = Buffer.from('Poste 045123 apagado desde sábado.\n', 'utf8');
      const response = await reiterateWith(request.id, [
        { name: 'laudo técnico.pdf', bytes: pdf },
        { name: 'foto', bytes: png },
        { name: 'relatório.txt', bytes: text },
      ]).expect(200);
      const event = requestSchema.parse(response.body).timeline.at(-1)!;
      expect(event).toMatchObject({ kind: 'reiterated', description: 'Segue a foto do poste.' });
      expect(event.attachments.map(({ fileName, contentType, size }) => ({ fileName, contentType, size }))).toEqual([
        { fileName: 'laudo técnico.pdf', contentType: 'application/pdf', size: pdf.length },
        { fileName: 'foto.png', contentType: 'image/png', size: png.length },
        { fileName: 'relatório.txt', contentType: 'text/plain', size: text.length },
      ]);

      const expected = [pdf, png, text];
      for (const [index, attachment] of event.attachments.entries()) {
        expect((await contentOf(attachment.id)).equals(expected[index])).toBe(true);
        const download = await server.http
          .get(`/api/requests/${request.id}/attachments/${attachment.id}`)
          .set(desk.attendant)
          .buffer(true)
          .parse(binary)
          .expect(200);
        expect(Buffer.compare(download.body as Buffer, expected[index])).toBe(0);
        expect(download.headers['content-type']).toBe(attachment.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.contentType);
        expect(download.headers['x-content-type-options']).toBe('nosniff');
        expect(parseDisposition(download.headers['content-disposition'])).toMatchObject({ type: 'attachment', parameters: { filename: attachment.fileName } });
      }
      expect(
        (await server.http.get(`/api/requests/${request.id}/attachments/${event.attachments[0].id}`).set(desk.attendant)).headers['content-disposition'],
      ).toBe(`attachment; filename="laudo tecnico.pdf"; filename*=UTF-8''laudo%20t%C3%A9cnico.pdf`);
      expect(existsSync(join(server.dataDir, 'attachments'))).toBe(false);
      // Another request's attachment id is not found through this one.
      const other = await desk.register(LAMP);
      await server.http.get(`/api/requests/${other.id}/attachments/${event.attachments[0].id}`).set(desk.attendant).expect(404);
    });

    it('keeps a path-traversal name inside its folder and serves it under a safe name', async () => {
      const request = await desk.register(LAMP);
      const [pdf, png] = [pdfBytes(), pngBytes()];
      const response = await reiterateWith(request.id, [
        { name: '../../etc/passwd.pdf', bytes: pdf },
        { name: '..\\..\\boot.ini\u202Efdp.png', bytes: png },
      ]).expect(200);
      const [traversal, backslashes] = requestSchema.parse(response.body).timeline.at(-1)!.attachments;
      expect(traversal.fileName).toBe('passwd.pdf');
      expect(backslashes.fileName).toBe('boot.inifdp.png');
      expect((await contentOf(traversal.id)).equals(pdf)).toBe(true);
      expect((await contentOf(backslashes.id)).equals(png)).toBe(true);
      expect(existsSync(join(server.dataDir, 'attachments'))).toBe(false);
      const download = await server.http.get(`/api/requests/${request.id}/attachments/${traversal.id}`).set(desk.attendant).expect(200);
      expect(parseDisposition(download.headers['content-disposition'])).toEqual({ type: 'attachment', parameters: { filename: 'passwd.pdf' } });
      expect(download.headers['content-type']).toBe('application/pdf');
    });

    it('refuses an executable named .pdf, an unknown type, an oversized file and too many files, writing nothing', async () => {
      const request = await desk.register(LAMP);
      const written = await footprint(request.id);
      const windowsProgram = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(4096)]);
      const exe = await reiterateWith(request.id, [{ name: 'boleto.pdf', bytes: windowsProgram }]).expect(400);
      expect(exe.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'O arquivo "boleto.pdf" é um programa executável e não é aceito.', fields: { 'files.0': expect.any(String) } });
      const elf = await reiterateWith(request.id, [{ name: 'ok.pdf', bytes: pdfBytes() }, { name: 'foto.pdf', bytes: Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1') }]).expect(400);
      expect(elf.body.fields).toEqual({ 'files.1': 'O arquivo "foto.pdf" é um programa executável e não é aceito.' });
      const zip = await reiterateWith(request.id, [{ name: 'fotos.zip', bytes: Buffer.from('PK\x03\x04\x14\x00', 'latin1') }]).expect(400);
      expect(zip.body.message).toBe(`O arquivo "fotos.zip" não é de um tipo aceito (${attachmentLimits.extensionsLabel}).`);

      const oversized = await reiterateWith(request.id, [{ name: 'grande.pdf', bytes: pdfBytes(attachmentLimits.maxBytes) }]).expect(413);
      expect(oversized.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'O arquivo "grande.pdf" passa de 10 MB, o limite por arquivo.' });

      const six = Array.from({ length: attachmentLimits.maxFiles + 1 }, (_, index) => ({ name: `f${index}.pdf`, bytes: pdfBytes(16) }));
      const tooMany = await reiterateWith(request.id, six).expect(400);
      expect(tooMany.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Envie no máximo 5 arquivos.' });

      const { contentType, body } = multipart({ description: 'campo errado' }, [{ name: 'a.pdf', bytes: pdfBytes(16) }], 'anexo');
      const wrongField = await server.http.post(`/api/requests/${request.id}/reiterate`).set(desk.attendant).set('Content-Type', contentType).send(body).expect(400);
      expect(wrongField.body.message).toBe('Envie os arquivos no campo "files".');

      expect(await footprint(request.id)).toEqual(written);
    });

    it('writes no file when the rules refuse a reiteration that carries files', async () => {
      const request = await desk.register(LAMP);
      await setStatus(request, 'finished').expect(200);
      const written = await footprint(request.id);
      const refused = await reiterateWith(request.id, [{ name: 'laudo.pdf', bytes: pdfBytes() }, { name: 'foto.png', bytes: pngBytes() }]).expect(422);
      expect(refused.body).toMatchObject({ code: 'BUSINESS_RULE', message: 'Só é possível reiterar uma solicitação aberta ou em andamento; esta está finalizada.' });
      expect(await footprint(request.id)).toEqual(written);
    });

    it('shows a request’s files only to who may see the request', async () => {
      const request = await desk.register(LAMP);
      const response = await reiterateWith(request.id, [{ name: 'laudo.pdf', bytes: pdfBytes() }]).expect(200);
      const [file] = requestSchema.parse(response.body).timeline.at(-1)!.attachments;
      const path = `/api/requests/${request.id}/attachments/${file.id}`;
      await server.http.get(path).set(lighting).expect(200);
      const other = await server.http.get(path).set(cleaning).expect(403);
      expect(other.body).toMatchObject({ code: 'FORBIDDEN', message: 'Esta solicitação é de outro órgão.' });
      await server.http.get(path).expect(401);
    });
  });

  it('re-sends the request’s e-mail to its customer, and refuses without a valid e-mail', async () => {
    const request = await desk.register(LAMP, { customerId: customerWithEmail });
    const resent = requestSchema.parse((await server.http.post(`/api/requests/${request.id}/resend-email`).set(desk.attendant).expect(200)).body);
    expect(resent.timeline.at(-1)).toMatchObject({ kind: 'email_resent', description: 'E-mail com a situação da solicitação reenviado para carlos.souza@example.com.' });
    const mail = await smtp.waitFor((message) => message.subject === `Solicitação ${formatProtocol(request.protocol)} — Aberta`);
    expect(mail.to).toMatchObject({ text: 'carlos.souza@example.com' });
    expect(mail.text).toContain('Olá, Carlos Souza.');
    expect(mail.text).toContain('Lâmpada apagada');

    const anonymous = await desk.register(LAMP);
    const refused = await server.http.post(`/api/requests/${anonymous.id}/resend-email`).set(desk.attendant).expect(422);
    expect(refused.body).toMatchObject({ code: 'BUSINESS_RULE', message: 'Esta solicitação não tem cliente identificado, e portanto nenhum e-mail para reenviar.' });
    expect((await view(anonymous.id)).timeline).toHaveLength(1);
  });

  it('prints the request as a PDF with its protocol, form, response and timeline', async () => {
    const request = await desk.register(LAMP, { customerId: customerWithEmail });
    await setStatus(request, 'finished', 'Lâmpada substituída pela equipe noturna.').expect(200);
    const response = await server.http
      .get(`/api/requests/${request.id}/pdf`)
      .set(desk.attendant)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(parseDisposition(response.headers['content-disposition'])).toEqual({
      type: 'attachment',
      parameters: { filename: `solicitacao-${formatProtocol(request.protocol)}.pdf` },
    });
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(`Solicitação ${formatProtocol(request.protocol)}`);
    expect(text).toContain('Situação da lâmpada');
    expect(text).toContain('Apagada o dia todo');
    expect(text).toContain('Finalizada');
    expect(text).toContain('Lâmpada substituída pela equipe noturna.');
    expect(text).toContain('Carlos Souza');
    expect(text).toContain('Mudança de situação');
  });
});
