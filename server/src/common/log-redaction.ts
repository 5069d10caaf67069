/**
 * What the server's logs must never hold (LGPD, Lei 13.709/2018): CPF/CNPJ, e-mail, phone numbers,
 * passwords and tokens. Pure functions, used by the pino setup (request-logging.ts) and by whatever
 * logs an error.
 */

export const REDACTED = '[redacted]';

/**
 * Keys whose values pino replaces with REDACTED wherever they appear in a log object, up to three
 * levels deep (`password`, `req.password`, `err.driverError.parameters`…). SQL text and its
 * parameters are here because TypeORM's QueryFailedError carries both.
 */
const SENSITIVE_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'secret',
  'cpf',
  'cnpj',
  'document',
  'email',
  'phone',
  'phones',
  'number',
  'query',
  'parameters',
  'driverError',
];

/** pino `redact.paths` for SENSITIVE_KEYS: pino matches exact paths, with `*` for one level. */
export function sensitiveLogPaths(): string[] {
  return SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);
}

/** The path and the parameter names of a URL, each value replaced: `/api/customers?phone=[redacted]`. */
export function redactQueryValues(url: string): string {
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const names = url
    .slice(mark + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return `${equals === -1 ? pair : pair.slice(0, equals)}=${REDACTED}`;
    });
  return names.length === 0 ? url.slice(0, mark) : `${url.slice(0, mark)}?${names.join('&')}`;
}

/*
 * Patterns of personal data in free text (messages, error texts). pino's redaction works on keys
 * only, and no installed library knows Brazilian documents, so the shapes are written here: the
 * forms the desk accepts (shared/src: CPF, CNPJ, alphanumeric CNPJ, Brazilian and E.164 phones).
 * A digit or word character right before or after a match means it is part of something longer
 * (a UUID, a protocol number, a channel name like SIP/1001-00000001) and is left alone.
 */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const BEARER = /\b(Bearer|Basic)\s+[\w.~+/=-]+/gi;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;
const CNPJ = /(?<![\w-])[A-Z\d]{2}\.?[A-Z\d]{3}\.?[A-Z\d]{3}\/[A-Z\d]{4}-?\d{2}(?![\w-])|(?<![\w./-])\d{14}(?![\w-])/gi;
const CPF = /(?<![\w.-])\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?![\w-])/g;
const PHONE = /(?<![\w-])(?:\+\d{10,15}|(?:\+?55[\s-]?)?(?:\(?\d{2}\)?[\s-]?)?9?\d{4}[\s-]?\d{4})(?![\w-])/g;

/** The text with every e-mail, CPF/CNPJ, phone number and bearer token in it replaced by REDACTED. */
export function scrubPersonalData(text: string): string {
  return text
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(EMAIL, REDACTED)
    .replace(CNPJ, REDACTED)
    .replace(CPF, REDACTED)
    .replace(PHONE, REDACTED);
}

/** SQLSTATE classes whose messages name only the schema or the connection, never a stored value. */
const MESSAGE_WITHOUT_VALUES = /^(08|42|53|57|58|XX)/;

interface DriverFacts {
  code?: unknown;
  severity?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  routine?: unknown;
}

/** PostgreSQL's error (pg's DatabaseError), directly or inside TypeORM's QueryFailedError. */
function databaseErrorOf(error: object): DriverFacts | undefined {
  const inner = (error as { driverError?: unknown }).driverError;
  const candidate = (typeof inner === 'object' && inner !== null ? inner : error) as DriverFacts;
  return typeof candidate.code === 'string' && typeof candidate.severity === 'string' ? candidate : undefined;
}

/** The stack's frames without its first line, which repeats the message. */
function framesOf(error: Error): string {
  return (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
}

/**
 * An error as a log line may show it. A database error gives its SQLSTATE, table, column and
 * constraint, never the SQL text, its parameters or the detail (`Key (document)=(…)`); its message
 * only when its class cannot quote a value (`invalid input syntax for type uuid: "…"` does). Any
 * other error gives its name, its message scrubbed of personal data, and its frames.
 */
export function describeErrorForLog(error: unknown): string {
  if (!(error instanceof Error)) return scrubPersonalData(String(error));
  const database = databaseErrorOf(error);
  if (database) {
    const code = String(database.code);
    const where = (['table', 'column', 'constraint', 'routine'] as const)
      .filter((key) => typeof database[key] === 'string' && database[key] !== '')
      .map((key) => `${key} ${String(database[key])}`);
    const message = MESSAGE_WITHOUT_VALUES.test(code) ? `: ${scrubPersonalData(error.message)}` : '';
    return [`${error.name} SQLSTATE ${code}${where.length > 0 ? ` (${where.join(', ')})` : ''}${message}`, framesOf(error)].filter(Boolean).join('\n');
  }
  return [`${error.name}: ${scrubPersonalData(error.message)}`, framesOf(error)].filter(Boolean).join('\n');
}
