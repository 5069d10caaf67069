import { AdvancedConsoleLogger, type DataSourceOptions, type LoggerOptions, type QueryRunner } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { CustomerAddressEntity, CustomerEntity, CustomerPhoneEntity, PortalAccountEntity } from '../customers/customer.entities';
import { knowledgeEntityClasses } from '../knowledge/knowledge.entities';
import { AttendanceEntity, AttendanceInformationEntity } from '../attendances/attendance.entities';
import { RequestAttachmentEntity, RequestEntity, RequestEventEntity } from '../requests/request.entities';
import { Foundation1764316800000 } from './migrations/1764316800000-foundation';
import { Customers1764403200000 } from './migrations/1764403200000-customers';
import { Knowledge1764489600000 } from './migrations/1764489600000-knowledge';
import { Attendances1764576000000 } from './migrations/1764576000000-attendances';
import { AttendanceCalls1764662400000 } from './migrations/1764662400000-attendance-calls';
import { RequestLifecycle1764748800000 } from './migrations/1764748800000-request-lifecycle';
import { IdempotencyKeys1764835200000 } from './migrations/1764835200000-idempotency-keys';
import { Reports1764921600000 } from './migrations/1764921600000-reports';
import { CallsWithoutEnd1765008000000 } from './migrations/1765008000000-calls-without-end';
import { AttachmentContents1765094400000 } from './migrations/1765094400000-attachment-contents';
import { ProtocolFunction1765180800000 } from './migrations/1765180800000-protocol-function';
import { AttendanceHolders1765267200000 } from './migrations/1765267200000-attendance-holders';
import { CustomerAccesses1765353600000 } from './migrations/1765353600000-customer-accesses';
import { KnowledgeSearch1765526400000 } from './migrations/1765526400000-knowledge-search';
import { AttendanceCallerIndex1765699200000 } from './migrations/1765699200000-attendance-caller-index';
import { KnowledgeSearchSpeed1765872000000 } from './migrations/1765872000000-knowledge-search-speed';
import { PortalSessions1766044800000 } from './migrations/1766044800000-portal-sessions';
import { PortalRequestActions1766131200000 } from './migrations/1766131200000-portal-request-actions';
import { WebAttendances1766217600000 } from './migrations/1766217600000-web-attendances';
import { PortalPasswordResets1766304000000 } from './migrations/1766304000000-portal-password-resets';
import { Open311Clients1766390400000 } from './migrations/1766390400000-open311-clients';
import { KnowledgeSearches1766476800000 } from './migrations/1766476800000-knowledge-searches';
import { UraRoutes1766563200000 } from './migrations/1766563200000-ura-routes';
import { RestorableUnaccent1766649600000 } from './migrations/1766649600000-restorable-unaccent';
import { AbandonedCalls1766736000000 } from './migrations/1766736000000-abandoned-calls';
import { ProtocolDigitsLoop1766822400000 } from './migrations/1766822400000-protocol-digits-loop';

export const entities = [UserEntity, CustomerEntity, CustomerPhoneEntity, CustomerAddressEntity, PortalAccountEntity, ...knowledgeEntityClasses, AttendanceEntity, AttendanceInformationEntity, RequestEntity, RequestEventEntity, RequestAttachmentEntity];
export const migrations = [
  Foundation1764316800000,
  Customers1764403200000,
  Knowledge1764489600000,
  Attendances1764576000000,
  AttendanceCalls1764662400000,
  RequestLifecycle1764748800000,
  IdempotencyKeys1764835200000,
  Reports1764921600000,
  CallsWithoutEnd1765008000000,
  AttachmentContents1765094400000,
  ProtocolFunction1765180800000,
  AttendanceHolders1765267200000,
  CustomerAccesses1765353600000,
  KnowledgeSearch1765526400000,
  AttendanceCallerIndex1765699200000,
  KnowledgeSearchSpeed1765872000000,
  PortalSessions1766044800000,
  PortalRequestActions1766131200000,
  WebAttendances1766217600000,
  PortalPasswordResets1766304000000,
  Open311Clients1766390400000,
  KnowledgeSearches1766476800000,
  UraRoutes1766563200000,
  RestorableUnaccent1766649600000,
  AbandonedCalls1766736000000,
  ProtocolDigitsLoop1766822400000,
];

/**
 * A connection that cannot be opened within this time fails the request (503) instead of holding it;
 * also the longest a request waits for a free pooled connection.
 */
const CONNECT_TIMEOUT_MS = 5000;

/** TypeORM's own logger (what `logging` asks for, nothing else), telling `onQueryError` of every statement that failed. */
class QueryErrorsLogger extends AdvancedConsoleLogger {
  constructor(
    options: LoggerOptions,
    private readonly onQueryError: (error: unknown) => void,
  ) {
    super(options);
  }

  // Typed as a string by TypeORM; PostgresQueryRunner passes the driver's error object.
  override logQueryError(error: string, query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.onQueryError(error);
    super.logQueryError(error, query, parameters, queryRunner);
  }
}

/**
 * Migrations run at start, by DatabaseModule under an advisory lock (migrate.ts); the schema is never
 * synchronized from entities. `onPoolError` hears what
 * the pool's idle connections report (the server went away); the pool drops those connections itself.
 * `onQueryError` hears every statement that failed (the metrics count them).
 */
export function databaseOptions(url: string, onPoolError?: (error: Error) => void, onQueryError?: (error: unknown) => void): DataSourceOptions {
  // Not 'error': TypeORM would log failed queries with their parameters (password hashes, CPFs).
  // Not 'warn': on Ctrl-C PostgreSQL gets the signal too and every pooled connection would warn.
  // An unreachable database answers 503 and DatabaseStatus logs it; any other failing query is a logged 500.
  const logging: LoggerOptions = ['migration'];
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging,
    ...(onQueryError && { logger: new QueryErrorsLogger(logging, onQueryError) }),
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    ...(onPoolError && { poolErrorHandler: onPoolError }),
    // Idle connections are kept (pg-pool closes them after 10 s by default): opening one costs a
    // backend start and a SCRAM exchange, tens of ms that the first calls answered after a quiet spell
    // would wait for (npm run bench -- cti: AgentConnect → call:answered p99 50–70 ms closing them, 31–37 ms keeping them).
    extra: { max: 20, idleTimeoutMillis: 0 },
  };
}
