import { Writable } from 'node:stream';
import { type Options, pinoHttp } from 'pino-http';
import { DataSource } from 'typeorm';
import { loggerParams } from './request-logging';

/** The server's pino logger as nestjs-pino builds it from loggerParams, writing into `lines`. */
function serverLogger(lines: string[]) {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return pinoHttp(loggerParams('debug').pinoHttp as Options, stream).logger;
}

describe("the server's logger", () => {
  it('scrubs CPF, e-mail, phone and tokens from any message, whoever logs it', () => {
    const lines: string[] = [];
    serverLogger(lines).warn('AMI: quadro ignorado: {"CallerIDNum":"11987654321","Email":"maria.silva@example.com","Doc":"529.982.247-25"} Bearer abc.def');
    expect(lines[0]).toContain('AMI: quadro ignorado');
    expect(lines[0]).not.toMatch(/987654321|maria\.silva|529\.982|abc\.def/);
  });

  it('censors sensitive keys and logs an error object without its SQL or parameters', async () => {
    const dataSource = new DataSource({ type: 'postgres', url: process.env.TEST_DATABASE_URL! });
    await dataSource.initialize();
    const error = await dataSource.query('SELECT $1::uuid', ['52998224725']).catch((failure: unknown) => failure);
    await dataSource.destroy();
    const lines: string[] = [];
    serverLogger(lines).error({ err: error, user: { password: 'segredo', email: 'a@b.co' } }, 'idempotency store failed');
    const entry = JSON.parse(lines[0]);
    expect(entry.err).toEqual({ type: 'QueryFailedError', message: expect.stringMatching(/^QueryFailedError SQLSTATE 22P02/) });
    expect(entry.user).toEqual({ password: '[redacted]', email: '[redacted]' });
    expect(lines[0]).not.toMatch(/52998224725|SELECT|segredo|a@b\.co/);
  });
});
