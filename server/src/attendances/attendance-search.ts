import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import {
  type AttendanceHistoryItem,
  type AttendanceSearchResult,
  type CustomerHistory,
  type CustomerHistoryAttendance,
  type RequestSummary,
  type attendanceSearchQuerySchema,
  isValidCnpj,
  isValidCpf,
  phoneE164,
  parseProtocol,
  stripDocument,
} from '@receptivo/shared';
import type { z } from 'zod';
import { attendedByName } from './attended-by';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { notFound } from '../common/api-exception';
import type { Settings } from '../config/settings';
import { SqlParams, withinBrasiliaDays, wordsLike } from '../common/sql-conditions';
import { backofficeOrganId, requesterOfOrgan } from '../requests/request-access';
import { REQUEST_SELECT, type RequestRow, RequestViews, toSummary } from '../requests/request-views';

type SearchQuery = z.output<typeof attendanceSearchQuerySchema>;

/** A customer's history lists this many attendances and requests at most, the latest ones. */
const HISTORY_LIMIT = 200;

interface AttendanceRow {
  id: string;
  protocol: string;
  channel: AttendanceHistoryItem['channel'];
  status: AttendanceHistoryItem['status'];
  started_at: Date;
  finished_at: Date | null;
  attendant_name: string;
  customer_name: string | null;
  request_count: number;
  information_count: number;
}

/** What a customer's history names of each attendance: what was registered in it. */
interface RegisteredTitles {
  information_titles: string[];
  request_type_names: string[];
}

const ATTENDANCE_SELECT = `
  SELECT a.id, a.protocol, a.channel, a.status, a.started_at, a.finished_at, ${attendedByName('u', 'a')} AS attendant_name, c.name AS customer_name,
         (SELECT count(*)::int FROM requests r WHERE r.attendance_id = a.id) AS request_count,
         (SELECT count(*)::int FROM attendance_informations ai WHERE ai.attendance_id = a.id) AS information_count
    FROM attendances a
    LEFT JOIN users u ON u.id = a.attendant_id
    LEFT JOIN customers c ON c.id = a.customer_id`;

const toItem = (row: AttendanceRow): AttendanceHistoryItem => ({
  id: row.id,
  protocol: row.protocol,
  channel: row.channel,
  status: row.status,
  startedAt: row.started_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
  attendantName: row.attendant_name,
  requestCount: row.request_count,
  informationCount: row.information_count,
});

/** The attendances one word of a keyword search finds: by customer, request type or organ, or registered information. */
const attendancesMatching = (pattern: string) => `a.id IN (
  SELECT ca.id FROM attendances ca JOIN customers cc ON cc.id = ca.customer_id WHERE cc.search_name LIKE ${pattern}
  UNION
  SELECT kr.attendance_id FROM requests kr WHERE kr.request_type_id IN (
    SELECT kt.id FROM request_types kt JOIN organs ko ON ko.id = kt.organ_id
     WHERE lower(immutable_unaccent(kt.name || ' ' || ko.name || ' ' || coalesce(ko.acronym, ''))) LIKE ${pattern})
  UNION
  SELECT ki.attendance_id FROM attendance_informations ki WHERE ki.information_id IN (
    SELECT i.id FROM informations i WHERE lower(immutable_unaccent(i.title || ' ' || keywords_text(i.keywords))) LIKE ${pattern}))`;

/** Organ and status are one request's attributes; the back office is held to its organ. */
function requestFilters(query: SearchQuery, user: AuthenticatedUser, params: SqlParams, request: string, type: string): string[] {
  const conditions: string[] = [];
  if (query.organId) conditions.push(`${type}.organ_id = ${params.add(query.organId)}`);
  if (query.status) conditions.push(`${request}.status = ${params.add(query.status)}`);
  if (user.role === 'backoffice') conditions.push(`${type}.organ_id = ${params.add(backofficeOrganId(user))}`);
  return conditions;
}

/** The Atendimentos tab and a customer's history. */
@Injectable()
export class AttendanceSearch {
  private readonly defaultAreaCode: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RequestViews,
    config: ConfigService<Settings, true>,
  ) {
    this.defaultAreaCode = config.get('CTI_DEFAULT_AREA_CODE', { infer: true });
  }

  /**
   * What the free text can be: a protocol, the customer's CPF/CNPJ, a phone (the customer's or the
   * call's), each typed with or without punctuation, or else keywords. Each is an exact match on an
   * indexed column; they are united by attendance id, since an OR of subqueries would scan every
   * attendance. The back office finds by CPF/CNPJ or phone only its organ's requesters, and never by
   * the calling number, which is not its to read.
   */
  private freeText(text: string, params: SqlParams, user: AuthenticatedUser): string {
    const backoffice = user.role === 'backoffice';
    // A parameter is added only where the SQL uses it: PostgreSQL cannot type an unused one.
    const ofRequester = (customer: string) => (backoffice ? ` AND ${requesterOfOrgan(customer, params.add(backofficeOrganId(user)))}` : '');
    const exact: string[] = [];
    const protocol = parseProtocol(text);
    if (protocol) {
      const value = params.add(protocol);
      exact.push(`SELECT pa.id FROM attendances pa WHERE pa.protocol = ${value}`, `SELECT pr.attendance_id FROM requests pr WHERE pr.protocol = ${value}`);
    }
    const document = stripDocument(text);
    if (isValidCpf(document) || isValidCnpj(document)) {
      exact.push(`SELECT da.id FROM attendances da JOIN customers dc ON dc.id = da.customer_id WHERE dc.document = ${params.add(document)}${ofRequester('dc.id')}`);
    }
    const e164 = phoneE164(text, this.defaultAreaCode);
    if (e164) {
      const value = params.add(e164);
      exact.push(`SELECT fa.id FROM attendances fa JOIN customer_phones fp ON fp.customer_id = fa.customer_id WHERE fp.e164 = ${value}${ofRequester('fp.customer_id')}`);
      if (!backoffice) exact.push(`SELECT ca.id FROM attendances ca WHERE ca.caller_e164 = ${value}`);
    }
    if (exact.length) return `a.id IN (${exact.join(' UNION ')})`;
    return wordsLike(params, text, attendancesMatching) ?? 'false';
  }

  /**
   * Free text (a protocol, a CPF/CNPJ, a phone, or keywords) AND the filters: organ and status
   * are attributes of requests (one request must have both), channel and dates of the attendance
   * (its start, in Brasília days). The back office sees only attendances with a request of its
   * organ, only those requests (and counts), and the customer only when a requester of its organ.
   */
  async search(query: SearchQuery, user: AuthenticatedUser): Promise<AttendanceSearchResult> {
    const params = new SqlParams();
    const where: string[] = [];
    const onRequests = requestFilters(query, user, params, 'fr', 'ft');
    if (onRequests.length) {
      where.push(`EXISTS (SELECT 1 FROM requests fr JOIN request_types ft ON ft.id = fr.request_type_id
                           WHERE fr.attendance_id = a.id AND ${onRequests.join(' AND ')})`);
    }
    if (query.channel) where.push(`a.channel = ${params.add(query.channel)}`);
    withinBrasiliaDays(where, params, 'a.started_at', query);
    if (query.q) where.push(this.freeText(query.q, params, user));
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';

    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM attendances a ${condition}`,
      params.values,
    );
    const rows = await this.dataSource.query<AttendanceRow[]>(
      `${ATTENDANCE_SELECT} ${condition} ORDER BY a.started_at DESC, a.id DESC
        LIMIT ${params.add(query.pageSize)} OFFSET ${params.add((query.page - 1) * query.pageSize)}`,
      params.values,
    );
    const requests = await this.requestsOf(
      rows.map((row) => row.id),
      (requestParams) => requestFilters(query, user, requestParams, 'r', 't'),
    );
    const organView = user.role === 'backoffice' ? await this.organView(rows.map((row) => row.id), backofficeOrganId(user)) : null;
    return {
      items: rows.map((row) => {
        const item = { ...toItem(row), customerName: row.customer_name, requests: requests.get(row.id) ?? [] };
        const organ = organView?.get(row.id);
        return organ ? { ...item, requestCount: organ.request_count, customerName: organ.requester ? row.customer_name : null } : item;
      }),
      total,
    };
  }

  /** What the back office may know of these attendances: how many of their requests are its organ's, whether their customer is its requester. */
  private async organView(attendanceIds: string[], organId: string): Promise<Map<string, { request_count: number; requester: boolean }>> {
    const rows = await this.dataSource.query<{ id: string; request_count: number; requester: boolean }[]>(
      `SELECT a.id,
              (SELECT count(*)::int FROM requests r JOIN request_types t ON t.id = r.request_type_id
                WHERE r.attendance_id = a.id AND t.organ_id = $2) AS request_count,
              ${requesterOfOrgan('a.customer_id', '$2')} AS requester
         FROM attendances a WHERE a.id = ANY($1::uuid[])`,
      [attendanceIds, organId],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  async history(customerId: string): Promise<CustomerHistory> {
    const [customer] = await this.dataSource.query('SELECT id FROM customers WHERE id = $1', [customerId]);
    if (!customer) throw notFound('Cliente');
    const attendances = await this.dataSource.query<(AttendanceRow & RegisteredTitles)[]>(
      `SELECT h.*,
              ARRAY(SELECT i.title FROM attendance_informations ai JOIN informations i ON i.id = ai.information_id
                     WHERE ai.attendance_id = h.id ORDER BY ai.registered_at, ai.id) AS information_titles,
              ARRAY(SELECT t.name FROM requests r JOIN request_types t ON t.id = r.request_type_id
                     WHERE r.attendance_id = h.id ORDER BY r.created_at, r.id) AS request_type_names
         FROM (${ATTENDANCE_SELECT} WHERE a.customer_id = $1 ORDER BY a.started_at DESC, a.id DESC LIMIT ${HISTORY_LIMIT}) h
        ORDER BY h.started_at DESC, h.id DESC`,
      [customerId],
    );
    return {
      attendances: attendances.map(
        (row): CustomerHistoryAttendance => ({
          ...toItem(row),
          informationTitles: row.information_titles,
          requestTypeNames: row.request_type_names,
        }),
      ),
      requests: await this.requests.ofCustomer(customerId, HISTORY_LIMIT),
    };
  }

  /** The requests of these attendances that pass the filters, by attendance, in registration order. */
  private async requestsOf(attendanceIds: string[], filters: (params: SqlParams) => string[]): Promise<Map<string, RequestSummary[]>> {
    const byAttendance = new Map<string, RequestSummary[]>();
    if (attendanceIds.length === 0) return byAttendance;
    const params = new SqlParams();
    const conditions = [`r.attendance_id = ANY(${params.add(attendanceIds)}::uuid[])`, ...filters(params)];
    const rows = await this.dataSource.query<RequestRow[]>(`${REQUEST_SELECT} WHERE ${conditions.join(' AND ')} ORDER BY r.created_at, r.id`, params.values);
    for (const row of rows) {
      const list = byAttendance.get(row.attendance_id) ?? [];
      list.push(toSummary(row));
      byAttendance.set(row.attendance_id, list);
    }
    return byAttendance;
  }
}
