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
