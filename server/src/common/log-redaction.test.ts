import pino from 'pino';
import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { REDACTED, describeErrorForLog, redactQueryValues, scrubPersonalData, sensitiveLogPaths } from './log-redaction';

describe('redactQueryValues', () => {
  it('keeps the path and the parameter names, never a value', () => {
    expect(redactQueryValues('/api/customers?document=529.982.247-25&page=2')).toBe(`/api/customers?document=${REDACTED}&page=${REDACTED}`);
    expect(redactQueryValues('/api/customers?phone=%2B5511987654321')).toBe(`/api/customers?phone=${REDACTED}`);
    expect(redactQueryValues('/api/customers?q=maria%40example.com&flag')).toBe(`/api/customers?q=${REDACTED}&flag=${REDACTED}`);
  });

  it('leaves a URL without a query as it is', () => {
    expect(redactQueryValues('/api/attendances/current')).toBe('/api/attendances/current');
    expect(redactQueryValues('/api/customers?')).toBe('/api/customers');
  });
});

describe('scrubPersonalData', () => {
  it.each([
    ['CPF formatted', 'lookup 529.982.247-25 failed', `lookup ${REDACTED} failed`],
    ['CPF digits', 'document=52998224725', `document=${REDACTED}`],
    ['CNPJ formatted', 'company 11.222.333/0001-81 found', `company ${REDACTED} found`],
    ['alphanumeric CNPJ', 'company 12.ABC.345/01DE-35', `company ${REDACTED}`],
    ['CNPJ digits', 'company 11222333000181', `company ${REDACTED}`],
    ['E.164 phone', 'call from +5511987654321 rang', `call from ${REDACTED} rang`],
    ['national phone', 'tel (11) 98765-4321', `tel ${REDACTED}`],
    ['local phone', 'tel 98765-4321', `tel ${REDACTED}`],
    ['e-mail', 'sent to maria.silva@example.com', `sent to ${REDACTED}`],
    ['bearer token', 'Authorization: Bearer abc.def-ghi', `Authorization: Bearer ${REDACTED}`],
    ['bare JWT', 'token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', `token ${REDACTED}`],
  ])('removes a %s', (_kind, text, scrubbed) => {
    expect(scrubPersonalData(text)).toBe(scrubbed);
  });

  it('leaves ids, protocols, channels, ports and durations alone', () => {
    const text =
      'request 0b3f6c4e-1a2b-4c5d-8e9f-0a1b2c3d4e5f protocol 2026.000042-5 channel SIP/1001-00000001 on 127.0.0.1:5432 after 1234 ms, 2026123456789012';
    expect(scrubPersonalData(text)).toBe(text);
  });
});

describe('sensitiveLogPaths in pino', () => {
  it('censors sensitive keys at any of the first levels, whatever logs them', () => {
    const lines: string[] = [];
    const logger = pino({ redact: { paths: sensitiveLogPaths(), censor: REDACTED } }, { write: (line: string) => lines.push(line) });
    logger.info({ password: 'segredo', user: { email: 'a@b.co', phones: ['+5511987654321'] }, err: { driverError: { detail: 'x' }, query: 'SELECT', parameters: ['52998224725'] } }, 'hello');
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ password: REDACTED, user: { email: REDACTED, phones: REDACTED }, err: { driverError: REDACTED, query: REDACTED, parameters: REDACTED }, msg: 'hello' });
    expect(lines[0]).not.toMatch(/segredo|a@b\.co|987654321|52998224725/);
  });
});

/** Errors produced by a real PostgreSQL, as the API's error filter meets them. */
describe('describeErrorForLog', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', url: process.env.TEST_DATABASE_URL! });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  const failure = (work: () => Promise<unknown>): Promise<unknown> => work().then(() => new Error('it did not fail'), (error: unknown) => error);

  it('a refused value: SQLSTATE, no SQL text, no parameter, no quoted value', async () => {
    const error = await failure(() => dataSource.query('SELECT $1::uuid AS id, $2::text AS e', ['529.982.247-25', 'maria.silva@example.com']));
    expect(error).toBeInstanceOf(QueryFailedError);
    const line = describeErrorForLog(error);
    expect(line).toMatch(/^QueryFailedError SQLSTATE 22P02/);
    expect(line).not.toMatch(/529|982|maria|SELECT|\$1/);
    expect(line).toMatch(/\n\s+at /);
  });

  it('a database error raised with personal data in its message and detail says none of it', async () => {
    const error = await failure(() =>
      dataSource.query("DO $$ BEGIN RAISE EXCEPTION 'customer 529.982.247-25 (maria@example.com)' USING DETAIL = 'phone +5511987654321'; END $$"),
    );
    const line = describeErrorForLog(error);
    expect(line).toMatch(/^QueryFailedError SQLSTATE P0001/);
    expect(line).not.toMatch(/529|maria|987654321|RAISE/);
  });

  it('a schema error keeps its message, which names no value', async () => {
    const error = await failure(() => dataSource.query('SELECT * FROM no_such_table WHERE document = $1', ['52998224725']));
    expect(describeErrorForLog(error)).toMatch(/^QueryFailedError SQLSTATE 42P01 \(routine \w+\): relation "no_such_table" does not exist/);
    expect(describeErrorForLog(error)).not.toContain('52998224725');
  });

  it("pg's own error, outside TypeORM, the same way", async () => {
    const client = new Client({ connectionString: process.env.TEST_DATABASE_URL! });
    await client.connect();
    try {
      const error = await failure(() => client.query('SELECT $1::int', ['11987654321']));
      expect(describeErrorForLog(error)).toMatch(/^error SQLSTATE 22003/);
      expect(describeErrorForLog(error)).not.toContain('11987654321');
    } finally {
      await client.end();
    }
  });

  it('any other error: its message scrubbed, its frames kept', () => {
    const line = describeErrorForLog(new TypeError('no customer with e-mail maria@example.com'));
    expect(line).toMatch(new RegExp(`^TypeError: no customer with e-mail \\${REDACTED.slice(0, -1)}\\]\\n\\s+at `));
    expect(describeErrorForLog('plain 52998224725')).toBe(`plain ${REDACTED}`);
  });
});
