import { QueryFailedError } from 'typeorm';

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

/** What PostgreSQL said when it refused a statement: SQLSTATE, constraint and detail. */
export interface DatabaseRefusal {
  code: string;
  constraint: string;
  detail: string;
}

export function databaseRefusal(error: unknown): DatabaseRefusal | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string; detail?: string };
  return { code: driverError.code ?? '', constraint: driverError.constraint ?? '', detail: driverError.detail ?? '' };
}

/** SQLSTATE class 08: connection exception. */
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;
/** SQLSTATEs of a server that cannot serve right now: admin/crash shutdown, starting up or shutting down, too many connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket failures reaching the server (Node's error codes). */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/**
 * pg and pg-pool signal a lost or unobtainable connection with plain Errors and no code:
 * "Connection terminated (unexpectedly | due to connection timeout)", "timeout exceeded when trying
 * to connect", "Client has encountered a connection error and is not queryable".
 */
const UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

interface ErrorFacts {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Whether a failure says the database cannot be reached (down, restarting, refusing connections),
 * as opposed to a statement it refused (a unique violation…). Looks through TypeORM's
 * QueryFailedError, `cause` and AggregateError (Node tries each address of a host name).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return saysUnavailable(error, 0);
}

function saysUnavailable(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  if (error instanceof QueryFailedError) return saysUnavailable(error.driverError, depth + 1);
  const { code, message, cause, errors } = error as ErrorFacts;
  if (typeof code === 'string' && (CONNECTION_EXCEPTION.test(code) || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  if (saysUnavailable(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((inner) => saysUnavailable(inner, depth + 1));
}
